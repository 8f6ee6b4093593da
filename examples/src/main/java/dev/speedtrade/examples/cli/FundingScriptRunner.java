package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speedtrade.examples.cli.FundingScript.AutoInvest;
import dev.speedtrade.examples.cli.FundingScript.BuyFill;
import dev.speedtrade.examples.cli.FundingScript.DepositCreate;
import dev.speedtrade.examples.cli.FundingScript.DepositEvent;
import dev.speedtrade.examples.cli.FundingScript.DepositStep;
import dev.speedtrade.examples.cli.FundingScript.FillStep;
import dev.speedtrade.examples.cli.FundingScript.OrderCancel;
import dev.speedtrade.examples.cli.FundingScript.PayoutEvent;
import dev.speedtrade.examples.cli.FundingScript.SellFill;
import dev.speedtrade.examples.cli.FundingScript.SetKyc;
import dev.speedtrade.examples.cli.FundingScript.Step;
import dev.speedtrade.examples.cli.FundingScript.WithdrawApprove;
import dev.speedtrade.examples.cli.FundingScript.WithdrawCancel;
import dev.speedtrade.examples.cli.FundingScript.WithdrawInstant;
import dev.speedtrade.examples.cli.FundingScript.WithdrawProcess;
import dev.speedtrade.examples.cli.FundingScript.WithdrawReject;
import dev.speedtrade.examples.cli.FundingScript.WithdrawRequest;
import dev.speedtrade.examples.cli.FundingScript.WithdrawalStep;
import dev.speedtrade.funding.Deposit;
import dev.speedtrade.funding.DepositEventType;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.FillResult;
import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.funding.FundingPosition;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.FundingSettings;
import dev.speedtrade.funding.InvestOrder;
import dev.speedtrade.funding.InvestResult;
import dev.speedtrade.funding.LiquidityReport;
import dev.speedtrade.funding.PayoutEventType;
import dev.speedtrade.funding.SettlementCalendar;
import dev.speedtrade.funding.UserFunds;
import dev.speedtrade.funding.Withdrawal;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link FundingScript} on a fresh {@link FundingService} (an in-memory ledger, the script's
 * instruments, a {@link SteppingClock} at its clock and the contract's trading calendar) and
 * reports what happened in the output shape of {@code docs/funding-contract.md}.
 *
 * <p>After every step the ledger's trial balance must be zero and its pending debits must equal its
 * pending credits; otherwise the run ends with {@link IllegalStateException} (exit code 1: a bug).
 */
final class FundingScriptRunner {
  /** The NYSE holidays of 2026 and 2027 the contract names; other weekdays trade. */
  static final Set<LocalDate> HOLIDAYS =
      Set.of(
          LocalDate.of(2026, 1, 1),
          LocalDate.of(2026, 1, 19),
          LocalDate.of(2026, 2, 16),
          LocalDate.of(2026, 4, 3),
          LocalDate.of(2026, 5, 25),
          LocalDate.of(2026, 6, 19),
          LocalDate.of(2026, 7, 3),
          LocalDate.of(2026, 9, 7),
          LocalDate.of(2026, 11, 26),
          LocalDate.of(2026, 12, 25),
          LocalDate.of(2027, 1, 1),
          LocalDate.of(2027, 1, 18),
          LocalDate.of(2027, 2, 15),
          LocalDate.of(2027, 3, 26),
          LocalDate.of(2027, 5, 31),
          LocalDate.of(2027, 6, 18),
          LocalDate.of(2027, 7, 5),
          LocalDate.of(2027, 9, 6),
          LocalDate.of(2027, 11, 25),
          LocalDate.of(2027, 12, 24));

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final FundingScript script;
  private final SteppingClock clock;
  private final InMemoryLedger ledger;
  private final InMemoryMarket market = new InMemoryMarket(true);
  private final FundingService funding;
  private final List<String> accounts = new ArrayList<>();

  private FundingScriptRunner(FundingScript script) {
    this.script = script;
    this.clock = new SteppingClock(script.clock());
    this.ledger = new InMemoryLedger(new LedgerRangeClock(clock));
    for (FundingScript.Instrument i : script.instruments()) {
      market.put(new Instrument(i.symbol(), i.assetClass(), true, true, false, i.mark()));
    }
    FundingScript.Settings s = script.settings();
    this.funding =
        FundingService.builder()
            .ledger(ledger)
            .market(market)
            .clock(clock)
            .calendar(SettlementCalendar.weekdaysExcept(HOLIDAYS))
            .settings(
                FundingSettings.builder()
                    .liquidityBuffer(s.liquidityBuffer())
                    .instantFeeRate(s.instantFeeRate())
                    .instantDailyLimit(s.instantDailyLimit())
                    .instantFeeMin(s.instantFeeMin())
                    .instantFeeMax(s.instantFeeMax())
                    .depositMin(s.depositMin())
                    .depositMax(s.depositMax())
                    .kycDepositLimit(s.kycDepositLimit())
                    .autoApproveLimit(s.autoApproveLimit())
                    .build())
            .build();
    accounts.addAll(
        List.of(
            ClientLedgerAccounts.BROKER,
            ClientLedgerAccounts.FEES,
            ClientLedgerAccounts.PAYOUTS,
            ClientLedgerAccounts.PSP));
    for (FundingScript.User u : script.users()) {
      funding.openUser(u.id(), KycStatus.valueOf(u.kyc().name()), u.instantDailyLimit());
      accounts.add(ClientLedgerAccounts.cash(u.id()));
      accounts.add(ClientLedgerAccounts.unsettled(u.id()));
    }
  }

  /**
   * The script's clock as the ledger reads it: held within the ledger's range ({@link
   * Ledger#EARLIEST_INSTANT} to {@link Ledger#LATEST_INSTANT}). A script may be dated from year 1
   * to 9999; the ledger's timestamps never reach the output, and every date the rules read (New
   * York dates, settlement) comes from the script's own clock.
   */
  private static final class LedgerRangeClock extends Clock {
    private final Clock clock;

    LedgerRangeClock(Clock clock) {
      this.clock = clock;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the ledger's clock stays in UTC");
    }

    @Override
    public Instant instant() {
      Instant now = clock.instant();
      if (now.isBefore(Ledger.EARLIEST_INSTANT)) {
        return Ledger.EARLIEST_INSTANT;
      }
      return now.isAfter(Ledger.LATEST_INSTANT) ? Ledger.LATEST_INSTANT : now;
    }
  }

  /** Runs {@code script} on a fresh platform and returns the output. */
  static JsonNode run(FundingScript script) {
    return new FundingScriptRunner(script).run();
  }

  private JsonNode run() {
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    ArrayNode results = output.putArray("results");
    checkBalances(-1);
    for (int i = 0; i < script.steps().size(); i++) {
      Step step = script.steps().get(i);
      ObjectNode result = results.addObject().put("step", i).put("op", step.op().spelling());
      apply(step, result);
      checkBalances(i);
    }
    report(output);
    return output;
  }

  private void apply(Step step, ObjectNode result) {
    if (step instanceof DepositCreate c) {
      code(result, funding.createDeposit(c.user(), c.depositId(), c.amount()).code());
    } else if (step instanceof DepositEvent e) {
      code(
          result,
          funding
              .applyDepositEvent(
                  e.eventId(),
                  e.depositId(),
                  DepositEventType.valueOf(e.type().name()),
                  e.confirmedAmount())
              .code());
    } else if (step instanceof BuyFill f) {
      code(
          result,
          funding
              .recordBuyFill(f.user(), f.execId(), f.symbol(), f.qty(), f.price(), f.orderId())
              .code());
    } else if (step instanceof SellFill f) {
      FillResult r = funding.recordSellFill(f.user(), f.execId(), f.symbol(), f.qty(), f.price());
      code(result, r.code());
      LocalDate settlesOn = r.settlesOn();
      result.put("settlesOn", settlesOn == null ? null : settlesOn.toString());
    } else if (step instanceof OrderCancel c) {
      code(result, funding.cancelInvestOrder(c.orderId()).code());
      result.put("orderId", c.orderId());
      result.put(
          "status", funding.investOrder(c.orderId()).map(o -> o.status().name()).orElse(null));
    } else if (step instanceof WithdrawInstant w) {
      code(
          result,
          funding
              .withdrawInstant(w.user(), w.withdrawalId(), w.amount(), destination(w.destination()))
              .code());
    } else if (step instanceof WithdrawRequest w) {
      code(
          result,
          funding
              .requestWithdrawal(
                  w.user(), w.withdrawalId(), w.amount(), destination(w.destination()))
              .code());
    } else if (step instanceof WithdrawApprove a) {
      code(result, funding.approveWithdrawal(a.withdrawalId(), a.reviewer()).code());
    } else if (step instanceof WithdrawReject r) {
      code(result, funding.rejectWithdrawal(r.withdrawalId(), r.reviewer()).code());
    } else if (step instanceof WithdrawCancel c) {
      code(result, funding.cancelWithdrawal(c.withdrawalId()).code());
    } else if (step instanceof WithdrawProcess p) {
      code(result, funding.processWithdrawal(p.withdrawalId()).code());
    } else if (step instanceof PayoutEvent p) {
      code(
          result,
          funding
              .applyPayoutEvent(
                  p.eventId(), p.withdrawalId(), PayoutEventType.valueOf(p.type().name()))
              .code());
    } else if (step instanceof AutoInvest a) {
      InvestResult r = funding.autoInvest(a.user(), a.investId(), a.amount(), a.ranked());
      code(result, r.code());
      result.put("investId", a.investId());
      result.put("investable", money(r.investable()));
      result.put("buffer", money(r.buffer()));
      ArrayNode orders = result.putArray("orders");
      for (InvestOrder o : r.orders()) {
        orders
            .addObject()
            .put("orderId", o.id())
            .put("symbol", o.symbol())
            .put("notional", plain(o.notional()));
      }
    } else if (step instanceof SetKyc k) {
      code(result, funding.setKyc(k.user(), KycStatus.valueOf(k.status().name())));
    } else if (step instanceof FundingScript.Mark m) {
      code(
          result, market.mark(m.symbol(), m.price()) ? FundingCode.OK : FundingCode.UNKNOWN_SYMBOL);
    } else if (step instanceof FundingScript.Advance a) {
      clock.set(a.after(clock.instant()));
      code(result, FundingCode.OK);
    } else if (step instanceof FundingScript.Settle) {
      code(result, FundingCode.OK);
      ArrayNode ids = result.putArray("settled");
      List<String> settled = new ArrayList<>(funding.settle());
      settled.sort(FundingScriptRunner::byCodePoint);
      settled.forEach(ids::add);
    } else if (step instanceof FundingScript.LiquidityReport) {
      code(result, FundingCode.OK);
      result.set("liquidity", liquidity(funding.liquidity()));
    } else {
      throw new IllegalStateException("a step of an op the runner does not know: " + step.op());
    }
    if (step instanceof DepositStep d) {
      result.put("depositId", d.depositId());
      result.put("status", funding.deposit(d.depositId()).map(x -> x.status().name()).orElse(null));
    }
    if (step instanceof WithdrawalStep w) {
      result.put("withdrawalId", w.withdrawalId());
      result.put(
          "status", funding.withdrawal(w.withdrawalId()).map(x -> x.status().name()).orElse(null));
      result.put(
          "shortfall",
          funding.shortfall(w.withdrawalId()).map(FundingScriptRunner::plain).orElse(null));
    }
    if (step instanceof FillStep f) {
      result.put("execId", f.execId());
      if (!result.has("settlesOn")) {
        result.putNull("settlesOn");
      }
    }
  }

  private static void code(ObjectNode result, FundingCode code) {
    result.put("result", code.name());
  }

  private static Destination destination(FundingScript.Destination d) {
    return d instanceof FundingScript.Bank b
        ? Destination.bank(b.clabe())
        : Destination.card(((FundingScript.Card) d).last4());
  }

  private void report(ObjectNode output) {
    ArrayNode deposits = output.putArray("deposits");
    for (Deposit d : sorted(funding.deposits(), Deposit::id)) {
      deposits
          .addObject()
          .put("id", d.id())
          .put("user", d.user())
          .put("amount", plain(d.amount()))
          .put("confirmedAmount", money(d.confirmedAmount()))
          .put("status", d.status().name());
    }
    ArrayNode withdrawals = output.putArray("withdrawals");
    for (Withdrawal w : sorted(funding.withdrawals(), Withdrawal::id)) {
      withdrawals
          .addObject()
          .put("id", w.id())
          .put("user", w.user())
          .put("kind", w.kind().name().toLowerCase(Locale.ROOT))
          .put("amount", plain(w.amount()))
          .put("fee", plain(w.fee()))
          .put("net", plain(w.net()))
          .put("status", w.status().name())
          .put("destination", w.destination().masked())
          .put("reviewedBy", w.reviewedBy())
          .put("reviewedAt", w.reviewedAt() == null ? null : SECONDS.format(w.reviewedAt()));
    }
    ArrayNode orders = output.putArray("orders");
    for (InvestOrder o : sorted(funding.investOrders(), InvestOrder::id)) {
      orders
          .addObject()
          .put("id", o.id())
          .put("investId", o.investId())
          .put("user", o.user())
          .put("symbol", o.symbol())
          .put("notional", plain(o.notional()))
          .put("status", o.status().name())
          .put("filledAmount", plain(o.filledAmount()));
    }
    ArrayNode positions = output.putArray("positions");
    List<FundingPosition> all = new ArrayList<>(funding.positions());
    all.sort(
        (a, b) -> {
          int byUser = byCodePoint(a.user(), b.user());
          return byUser != 0 ? byUser : byCodePoint(a.symbol(), b.symbol());
        });
    for (FundingPosition p : all) {
      positions
          .addObject()
          .put("user", p.user())
          .put("symbol", p.symbol())
          .put("qty", plain(p.qty()))
          .put("marketValue", plain(p.marketValue()));
    }
    ArrayNode users = output.putArray("users");
    List<String> ids = new ArrayList<>(funding.users());
    ids.sort(FundingScriptRunner::byCodePoint);
    for (String id : ids) {
      UserFunds f = funding.funds(id).orElseThrow();
      users
          .addObject()
          .put("id", id)
          .put("kyc", f.kyc().name())
          .put("cash", plain(f.cash()))
          .put("held", plain(f.held()))
          .put("withdrawable", plain(f.withdrawable()))
          .put("unsettled", plain(f.unsettled()))
          .put("invested", plain(f.invested()))
          .put("equity", plain(f.equity()));
    }
    output.set("liquidity", liquidity(funding.liquidity()));
    ObjectNode accountsNode = output.putObject("ledger");
    List<String> sortedAccounts = new ArrayList<>(accounts);
    sortedAccounts.sort(FundingScriptRunner::byCodePoint);
    for (String id : sortedAccounts) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      accountsNode
          .putObject(id)
          .put("debitsPending", b.debitsPending())
          .put("debitsPosted", b.debitsPosted())
          .put("creditsPending", b.creditsPending())
          .put("creditsPosted", b.creditsPosted());
    }
    output.put("trialBalance", plain(BigDecimal.valueOf(trialBalance(), 2)));
  }

  private static ObjectNode liquidity(LiquidityReport r) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("bufferTarget", plain(r.bufferTarget()))
        .put("cashOnHand", plain(r.cashOnHand()))
        .put("pendingWithdrawals", plain(r.pendingWithdrawals()))
        .put("processingWithdrawals", plain(r.processingWithdrawals()))
        .put("surplus", plain(r.surplus()));
  }

  /**
   * The trial balance in cents: debit-normal accounts' (debits - credits) posted minus
   * credit-normal accounts' (credits - debits) posted, over every account.
   */
  private long trialBalance() {
    long sum = 0;
    for (String id : accounts) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      sum += b.debitsPosted() - b.creditsPosted();
    }
    return sum;
  }

  private void checkBalances(int step) {
    long pendingDebits = 0;
    long pendingCredits = 0;
    for (String id : accounts) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      pendingDebits += b.debitsPending();
      pendingCredits += b.creditsPending();
    }
    long trial = trialBalance();
    if (trial != 0 || pendingDebits != pendingCredits) {
      throw new IllegalStateException(
          "the ledger does not balance after step "
              + step
              + ": trial balance "
              + trial
              + " cents, pending debits "
              + pendingDebits
              + " against pending credits "
              + pendingCredits);
    }
  }

  private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> id) {
    List<T> copy = new ArrayList<>(items);
    copy.sort((a, b) -> byCodePoint(id.apply(a), id.apply(b)));
    return copy;
  }

  static int byCodePoint(String a, String b) {
    return OrdersScriptRunner.CODE_POINT_ORDER.compare(a, b);
  }

  private static @Nullable String money(@Nullable BigDecimal value) {
    return value == null ? null : plain(value);
  }

  private static String plain(BigDecimal value) {
    return value.toPlainString();
  }
}
