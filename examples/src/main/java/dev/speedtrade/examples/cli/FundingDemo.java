package dev.speedtrade.examples.cli;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.funding.Deposit;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.InvestOrder;
import dev.speedtrade.funding.InvestResult;
import dev.speedtrade.funding.ProviderEvent;
import dev.speedtrade.funding.SettlementRun;
import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.funding.UserFunds;
import dev.speedtrade.funding.Withdrawal;
import dev.speedtrade.funding.WithdrawalReceiptPdf;
import dev.speedtrade.funding.WithdrawalResult;
import dev.speedtrade.kyc.KycStart;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycUpdate;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.money.Money;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionOrder;
import dev.speedtrade.rebalance.ExecutionRecord;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.rebalance.TradingSettings;
import dev.speedtrade.stripe.StripePaymentGateway;
import dev.speedtrade.sumsub.SumsubKycProvider;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The first part of {@code speedtrade demo}, the seeds' story of one user on an omnibus platform:
 * verified by Sumsub's signed webhook, a deposit completed by Stripe's signed webhook, auto-invest
 * through the order service, a bot rebalance, an instant withdrawal, a reviewed withdrawal that
 * sells and waits for settlement, its receipt written to a file, and the ledger's trial balance.
 *
 * <p>Payments go through the SDK's {@link StripePaymentGateway} (stripe-java) and identity through
 * its {@link SumsubKycProvider}, both pointed at in-process stand-ins of the providers' APIs on
 * 127.0.0.1 ({@link StripeStandIn}, {@link SumsubStandIn}); the stand-ins sign the webhooks as the
 * providers do and the demo hands them to the adapters as a host's webhook endpoint would. Nothing
 * leaves the machine.
 *
 * <p>The venue fills at the listings' prices on the caller's thread, and the stand-ins derive their
 * ids from counters and their times from the demo's clock, so the story does not depend on timing
 * and is the same in every run.
 */
final class FundingDemo implements AutoCloseable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH);
  private static final String NORA = "nora";
  private static final String CARD = "4242";
  private static final String CLABE = "002010077777777771";

  /** The width of a step's description. */
  private static final int WHAT = 44;

  private final PrintWriter out;
  private final LocalDate session;
  private final Path receiptDir;
  private final SteppingClock clock;
  private final StripeStandIn stripe;
  private final SumsubStandIn sumsub;
  private final StripePaymentGateway gateway;
  private final SpeedTrade platform;
  private final FundingService funding;
  private final OrderService orders;
  private final Ledger ledger;

  private FundingDemo(
      PrintWriter out,
      LocalDate session,
      long seed,
      Path receiptDir,
      SteppingClock clock,
      StripeStandIn stripe,
      SumsubStandIn sumsub) {
    this.out = out;
    this.session = session;
    this.receiptDir = receiptDir;
    this.clock = clock;
    this.stripe = stripe;
    this.sumsub = sumsub;
    SimulatedBroker venue =
        SimulatedBroker.builder()
            .clock(clock)
            .seed(seed)
            .demoListings()
            .cash(Money.of("1000000.00", "USD"))
            .build();
    this.gateway = StripePaymentGateway.create(stripe.config());
    StaticAllocationSource bots =
        new StaticAllocationSource()
            .put(
                "momentum",
                Allocation.of(Map.of("QQQ", new BigDecimal("0.6"), "MSFT", new BigDecimal("0.4"))));
    this.platform =
        SpeedTrade.builder()
            .omnibus(
                new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
            .clock(clock)
            .orderExecutor(Runnable::run)
            .payments(gateway)
            .kyc(SumsubKycProvider.create(sumsub.config()))
            .allocations(bots)
            .build();
    this.funding = platform.funding();
    this.orders = platform.orders();
    this.ledger = platform.ledger();
  }

  /** Tells the story from {@code session} on, writing the receipt into {@code receiptDir}. */
  static void run(PrintWriter out, LocalDate session, long seed, Path receiptDir) {
    SteppingClock clock = new SteppingClock(at(session, LocalTime.of(10, 0)));
    try (StripeStandIn stripe = StripeStandIn.start(clock);
        SumsubStandIn sumsub = SumsubStandIn.start(clock);
        FundingDemo demo = new FundingDemo(out, session, seed, receiptDir, clock, stripe, sumsub)) {
      demo.tell();
    }
  }

  @Override
  public void close() {
    platform.close();
  }

  private void tell() {
    out.println(
        "SpeedTrade demo: nora's money on an omnibus platform, from "
            + session
            + " (New York time)");
    out.println(
        "(simulated venue; Stripe and Sumsub are in-process stand-ins on 127.0.0.1, called through"
            + " the SDK's adapters;");
    out.println(" every webhook signed as the provider signs it and verified by its adapter)");
    out.println();
    signUp();
    deposit();
    autoInvest();
    instantWithdrawal();
    rebalance();
    reviewedWithdrawal();
    out.println();
    printFunds();
    printLedger();
  }

  // ---------------------------------------------------------------- the story

  private void signUp() {
    funding.openUser(NORA, KycStatus.PENDING, null);
    KycStart start = platform.kyc().start(NORA);
    step(
        "nora opens an account and starts KYC",
        "KYC " + funds().kyc() + ", applicant " + start.verification().applicantId());
    step(
        "nora tries to deposit 20000.00 unverified",
        funding.createDeposit(NORA, "dep-1", new BigDecimal("20000.00")).code()
            + " (above the KYC deposit limit of "
            + funding.settings().kycDepositLimit().toPlainString()
            + "), nothing recorded");
    KycWebhookDelivery green = sumsub.approve(start.verification().applicantId());
    KycUpdate applied = platform.kyc().handleWebhook(green.body(), green.headers());
    KycUpdate again = platform.kyc().handleWebhook(green.body(), green.headers());
    step(
        "Sumsub webhook applicantReviewed: GREEN",
        "digest verified, " + applied.code() + ", KYC " + funds().kyc(),
        "delivered again: " + again.code());
  }

  private void deposit() {
    Deposit deposit = funding.createDeposit(NORA, "dep-1", new BigDecimal("20000.00")).deposit();
    Objects.requireNonNull(deposit);
    step(
        "nora deposits 20000.00",
        deposit.status() + ", pay at " + Objects.requireNonNull(deposit.session()).paymentUrl());
    SignedWebhook paid = stripe.completeCheckout(deposit.session().providerReference());
    Received first = receive(paid);
    Received again = receive(paid);
    step(
        "Stripe webhook checkout.session.completed",
        first.eventId()
            + " verified, deposit "
            + funding.deposit("dep-1").orElseThrow().status()
            + " ("
            + first.code()
            + ")",
        "delivered again: " + again.code() + "; " + money());
  }

  private void autoInvest() {
    InvestResult result = funding.autoInvest(NORA, "inv-1", new BigDecimal("15000.00"), List.of());
    List<String> buys = new ArrayList<>();
    for (InvestOrder order : result.orders()) {
      buys.add(order.symbol() + " " + order.notional().toPlainString());
    }
    step(
        "auto-invest up to 15000.00 (60/40 SPY/BIL)",
        result.code()
            + ": "
            + String.join(", ", buys)
            + " through the order service, buffer "
            + Objects.requireNonNull(result.buffer()).toPlainString(),
        money() + "; " + positions());
  }

  private void rebalance() {
    clock.set(at(session, LocalTime.of(15, 50)));
    platform
        .rebalance()
        .investments()
        .put(NORA, TradingMode.PAPER, BotInvestment.percent("momentum", new BigDecimal("100")));
    platform
        .rebalance()
        .settings()
        .put(NORA, TradingMode.PAPER, TradingSettings.builder().enabled(true).build());
    ExecutionResult result = platform.rebalance().executeNow(NORA, TradingMode.PAPER, false);
    ExecutionRecord record = Objects.requireNonNull(result.record());
    List<String> trades = new ArrayList<>();
    for (ExecutionOrder order : record.orders()) {
      trades.add(order.side() + " " + order.qty().toPlainString() + " " + order.symbol());
    }
    step(
        "daily rebalance: all in bot momentum",
        record.status() + ": " + String.join(", ", trades),
        money() + "; " + positions());
  }

  private void instantWithdrawal() {
    clock.set(at(session, LocalTime.of(11, 0)));
    WithdrawalResult result =
        funding.withdrawInstant(NORA, "wd-1", new BigDecimal("500.00"), Destination.card(CARD));
    Withdrawal w = Objects.requireNonNull(result.withdrawal());
    step(
        "instant withdrawal of 500.00 to card " + CARD,
        result.code()
            + ", fee "
            + w.fee().toPlainString()
            + ", "
            + w.status()
            + ", payout "
            + w.payoutReference(),
        money());
    SignedWebhook paid = stripe.payoutPaid(Objects.requireNonNull(w.payoutReference()));
    Received received = receive(paid);
    step(
        "Stripe webhook payout.paid",
        received.eventId() + " verified, wd-1 " + withdrawal("wd-1").status(),
        money());
  }

  private void reviewedWithdrawal() {
    LocalDate wednesday = nextTradingDay(session);
    clock.set(at(wednesday, LocalTime.of(8, 0)));
    SettlementRun morning = funding.settleAndPay();
    step(
        "the day's settlement",
        morning.settledSales().size() + " sale(s) of the rebalance settled",
        money());
    clock.set(at(wednesday, LocalTime.of(10, 0)));
    BigDecimal amount = new BigDecimal("9000.00");
    WithdrawalResult asked =
        funding.requestWithdrawal(NORA, "wd-2", amount, Destination.bank(CLABE));
    step(
        "nora asks to withdraw 9000.00 to " + Destination.bank(CLABE).masked(),
        asked.code() + ", " + Objects.requireNonNull(asked.withdrawal()).status(),
        "withdrawable " + funds().withdrawable().toPlainString() + ": it needs a sale");
    WithdrawalResult approved = funding.approveWithdrawal("wd-2", "ops@speedtrade.dev");
    List<String> sells = new ArrayList<>();
    for (ClientOrder order : orders.orders(NORA)) {
      if (order.clientOrderId().startsWith("fund:wd:wd-2:sell:")) {
        sells.add(
            "SELL "
                + Objects.requireNonNull(order.qty()).stripTrailingZeros().toPlainString()
                + " "
                + order.symbol()
                + " "
                + order.status());
      }
    }
    step(
        "ops@speedtrade.dev approves wd-2",
        Objects.requireNonNull(approved.withdrawal()).status()
            + "; sold "
            + String.join(", ", sells),
        money());
    SettlementRun today = funding.settleAndPay();
    step(
        "the day's settlement",
        "nothing funded (" + today.fundedWithdrawals().size() + "): the sale settles T+1",
        "");
    LocalDate next = nextTradingDay(wednesday);
    clock.set(at(next, LocalTime.of(8, 0)));
    SettlementRun run = funding.settleAndPay();
    Withdrawal paying = withdrawal("wd-2");
    step(
        "the next trading day's settlement"
            + (next.equals(wednesday.plusDays(1))
                ? ""
                : " (" + DAY.format(wednesday.plusDays(1)) + " is a holiday)"),
        run.settledSales().size()
            + " sale(s) settled, wd-2 "
            + paying.status()
            + ", payout "
            + paying.payoutReference(),
        money());
    clock.set(at(next, LocalTime.of(9, 0)));
    SignedWebhook paid = stripe.payoutPaid(Objects.requireNonNull(paying.payoutReference()));
    Received received = receive(paid);
    step(
        "Stripe webhook payout.paid",
        received.eventId() + " verified, wd-2 " + withdrawal("wd-2").status(),
        money());
    Path receipt = receiptDir.resolve("speedtrade-receipt-wd-2.pdf");
    WithdrawalReceiptPdf.write(funding.receipt("wd-2").orElseThrow(), receipt);
    step("wd-2's receipt", "written to " + receipt);
  }

  // ---------------------------------------------------------------- output

  private void printFunds() {
    UserFunds f = funds();
    TextTable table =
        new TextTable("cash", "held", "withdrawable", "unsettled", "invested", "equity")
            .numeric("cash", "held", "withdrawable", "unsettled", "invested", "equity");
    table.row(
        f.cash().toPlainString(),
        f.held().toPlainString(),
        f.withdrawable().toPlainString(),
        f.unsettled().toPlainString(),
        f.invested().toPlainString(),
        f.equity().toPlainString());
    out.println("nora's funds (USD, positions at the marks)");
    out.print(table.render());
    out.println();
  }

  private void printLedger() {
    List<String> ids = new ArrayList<>();
    ClientLedgerAccounts.platform().stream().map(LedgerAccount::id).forEach(ids::add);
    ClientLedgerAccounts.client(NORA).stream().map(LedgerAccount::id).forEach(ids::add);
    TextTable table =
        new TextTable("ledger account", "debits posted", "credits posted", "held")
            .numeric("debits posted", "credits posted", "held");
    long debits = 0;
    long credits = 0;
    long pending = 0;
    for (String id : ids) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      debits += b.debitsPosted();
      credits += b.creditsPosted();
      pending += b.debitsPending() - b.creditsPending();
      table.row(id, cents(b.debitsPosted()), cents(b.creditsPosted()), cents(b.debitsPending()));
    }
    table.row("total", cents(debits), cents(credits), "");
    out.println("Ledger (USD)");
    out.print(table.render());
    out.println(
        "Trial balance (debits - credits): posted "
            + cents(debits - credits)
            + ", held "
            + cents(pending));
    out.println();
  }

  // ---------------------------------------------------------------- helpers

  /** A webhook received: the provider's event id and what applying it did. */
  private record Received(String eventId, FundingCode code) {}

  /**
   * Does what a host's webhook endpoint does: the gateway verifies the signature and reads the
   * event, the funding service applies it once.
   */
  private Received receive(SignedWebhook webhook) {
    ProviderEvent event = gateway.parseWebhook(webhook.body(), webhook.headers());
    return new Received(event.eventId(), funding.apply(event));
  }

  private UserFunds funds() {
    return funding.funds(NORA).orElseThrow();
  }

  private Withdrawal withdrawal(String id) {
    return funding.withdrawal(id).orElseThrow();
  }

  private String money() {
    UserFunds f = funds();
    return "cash "
        + f.cash().toPlainString()
        + ", withdrawable "
        + f.withdrawable().toPlainString()
        + ", unsettled "
        + f.unsettled().toPlainString();
  }

  private String positions() {
    List<String> held = new ArrayList<>();
    for (ClientPosition p : orders.positions(NORA)) {
      if (p.qty().signum() != 0) {
        held.add(p.symbol() + " " + p.qty().stripTrailingZeros().toPlainString());
      }
    }
    return held.isEmpty() ? "no positions" : String.join(", ", held);
  }

  private void step(String what, String answer) {
    step(what, answer, "");
  }

  private void step(String what, String answer, String detail) {
    String when = TIME.format(clock.instant().atZone(TradingDay.NEW_YORK));
    out.println(when + "  " + String.format("%-" + WHAT + "s", what) + " -> " + answer);
    if (!detail.isEmpty()) {
      out.println(" ".repeat(when.length() + 2 + WHAT + 4) + detail);
    }
  }

  private LocalDate nextTradingDay(LocalDate day) {
    return platform.marketClock().calendar(day.plusDays(1), day.plusDays(10)).get(0).date();
  }

  private static String cents(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  private static Instant at(LocalDate day, LocalTime time) {
    return day.atTime(time).atZone(TradingDay.NEW_YORK).toInstant();
  }
}
