package dev.speedtrade.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.money.Money;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Funding on an omnibus platform: the facade's {@code funding()} on the platform's ledger, payment
 * gateway and order service. Auto-invest buys through the order service, an approved withdrawal's
 * shortfall is sold there, and the day's settlement pays it on the next trading day.
 */
class FundingOnOmnibusTest {
  /** Tuesday 2026-11-24, 10:30 in New York: the simulated market is open. */
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-24T15:30:00Z"));

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final SimulatedPaymentGateway gateway =
      SimulatedPaymentGateway.builder()
          .webhookSecret(Secret.of("whsec_omnibus"))
          .clock(clock)
          .build();
  private final SimulatedBroker venue =
      SimulatedBroker.builder()
          .clock(clock)
          .demoListings()
          .cash(Money.of("1000000.00", "USD"))
          .build();
  private final SpeedTrade platform =
      SpeedTrade.builder()
          .omnibus(new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
          .payments(gateway)
          .build();

  @AfterEach
  void close() {
    platform.close();
  }

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  private void apply(SignedWebhook webhook) {
    assertThat(platform.funding().apply(gateway.parseWebhook(webhook.body(), webhook.headers())))
        .isEqualTo(FundingCode.OK);
  }

  private boolean allDone(String account) {
    return platform.orders().orders(account).stream()
        .map(ClientOrder::status)
        .allMatch(s -> s == ClientOrderStatus.FILLED || s == ClientOrderStatus.REJECTED);
  }

  /** Debits equal credits over every account of the platform and of its users, posted and held. */
  private void assertTrialBalanceIsZero(List<String> users) {
    List<LedgerAccount> accounts = new ArrayList<>(ClientLedgerAccounts.platform());
    for (String user : users) {
      accounts.addAll(ClientLedgerAccounts.client(user));
    }
    long posted = 0;
    long pending = 0;
    for (LedgerAccount account : accounts) {
      AccountBalances b = platform.ledger().balances(account.id()).orElseThrow();
      posted += b.debitsPosted() - b.creditsPosted();
      pending += b.debitsPending() - b.creditsPending();
    }
    assertThat(posted).as("posted").isZero();
    assertThat(pending).as("pending").isZero();
  }

  @Test
  void
      aDepositIsInvestedThroughTheOrderServiceAndAReviewedWithdrawalSellsAndIsPaidAfterSettlement() {
    FundingService funding = platform.funding();
    OrderService orders = platform.orders();
    funding.openUser("alice", KycStatus.APPROVED, null);
    assertThat(orders.hasAccount("alice")).as("opened in the order books too").isTrue();

    Deposit deposit = funding.createDeposit("alice", "d1", d("10000.00")).deposit();
    apply(gateway.completeDeposit(deposit.session().providerReference()));
    assertThat(orders.portfolio("alice").cash()).isEqualByComparingTo("10000.00");

    InvestResult invested = funding.autoInvest("alice", "i1", d("9500.00"), List.of());
    assertThat(invested.code()).isEqualTo(FundingCode.OK);
    assertThat(invested.buffer()).isEqualByComparingTo("1000.00");
    assertThat(invested.orders())
        .extracting(InvestOrder::symbol, InvestOrder::notional)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SPY", d("5400.00")),
            org.assertj.core.groups.Tuple.tuple("BIL", d("3600.00")));
    assertThat(orders.order("alice", "i1:SPY")).as("the buy is the order service's").isPresent();
    await("the venue fills both buys", () -> allDone("alice"));
    assertThat(funding.autoInvest("alice", "i1", d("9500.00"), List.of()).code())
        .as("again: the same buys, not new ones")
        .isEqualTo(FundingCode.EXISTS);
    assertThat(orders.orders("alice")).hasSize(2);
    assertThat(funding.positions())
        .extracting(FundingPosition::symbol)
        .containsExactly("BIL", "SPY");
    assertThatThrownBy(() -> funding.recordBuyFill("alice", "x1", "SPY", d("1"), d("1"), null))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));

    BigDecimal withdrawable = funding.funds("alice").orElseThrow().withdrawable();
    Withdrawal w =
        funding
            .requestWithdrawal("alice", "w1", d("3000.00"), Destination.bank("002010077777777771"))
            .withdrawal();
    assertThat(w.status()).isEqualTo(WithdrawalStatus.PENDING_REVIEW);
    Withdrawal approved = funding.approveWithdrawal("w1", "ops@example.com").withdrawal();
    assertThat(approved.status()).isEqualTo(WithdrawalStatus.APPROVED);
    await(
        "the shortfall's sells fill", () -> allDone("alice") && orders.orders("alice").size() > 2);
    UserFunds afterSale = funding.funds("alice").orElseThrow();
    assertThat(afterSale.withdrawable().add(afterSale.unsettled()))
        .as("cash and proceeds cover the withdrawal (%s withdrawable before)", withdrawable)
        .isGreaterThanOrEqualTo(d("3000.00"));
    assertThat(afterSale.unsettled()).isPositive();

    SettlementRun today = funding.settleAndPay();
    assertThat(today.fundedWithdrawals()).as("the proceeds settle tomorrow").isEmpty();
    assertThat(funding.withdrawal("w1").orElseThrow().status())
        .isEqualTo(WithdrawalStatus.APPROVED);

    now.set(Instant.parse("2026-11-25T14:00:00Z")); // Wednesday, before the open
    SettlementRun wednesday = funding.settleAndPay();
    assertThat(wednesday.settledSales()).isNotEmpty();
    assertThat(wednesday.fundedWithdrawals()).containsExactly("w1");
    assertThat(wednesday.startedPayouts()).containsExactly("w1");
    assertThat(funding.funds("alice").orElseThrow().unsettled()).isEqualByComparingTo("0.00");
    Withdrawal paying = funding.withdrawal("w1").orElseThrow();
    apply(gateway.markPayoutPaid(paying.payoutReference()));
    assertThat(funding.withdrawal("w1").orElseThrow().status())
        .isEqualTo(WithdrawalStatus.COMPLETED);
    assertThat(funding.settleAndPay().settledSales()).as("once").isEmpty();

    assertTrialBalanceIsZero(List.of("alice"));
  }

  @Test
  void aShortfallIsSoldInWholeSharesOfAnInstrumentThatIsNotFractionableRoundedUp() {
    SimulatedBroker wholeShares =
        SimulatedBroker.builder()
            .clock(clock)
            .listing(
                new dev.speedtrade.broker.Asset(
                    "WHL",
                    "Whole shares only",
                    dev.speedtrade.broker.AssetClass.US_EQUITY,
                    dev.speedtrade.broker.AssetStatus.ACTIVE,
                    true,
                    false),
                dev.speedtrade.money.Price.of("300.00"))
            .cash(Money.of("1000000.00", "USD"))
            .build();
    try (SpeedTrade omnibus =
        SpeedTrade.builder()
            .omnibus(
                new Brokerage(
                    TradingMode.PAPER,
                    wholeShares,
                    wholeShares.marketData(),
                    wholeShares.marketClock()))
            .orderExecutor(Runnable::run)
            .payments(gateway)
            .build()) {
      FundingService funding = omnibus.funding();
      OrderService orders = omnibus.orders();
      funding.openUser("bea", KycStatus.APPROVED, null);
      Deposit d = funding.createDeposit("bea", "d1", d("3000.00")).deposit();
      SignedWebhook paid = gateway.completeDeposit(d.session().providerReference());
      funding.apply(gateway.parseWebhook(paid.body(), paid.headers()));
      orders.submit(
          dev.speedtrade.oms.SubmitOrder.builder()
              .account("bea")
              .clientOrderId("b1")
              .symbol("WHL")
              .side(dev.speedtrade.broker.OrderSide.BUY)
              .type(dev.speedtrade.broker.OrderType.MARKET)
              .timeInForce(dev.speedtrade.broker.TimeInForce.DAY)
              .qty("9")
              .build()); // 2700.00: 300.00 left in cash

      funding.requestWithdrawal("bea", "w1", d("1000.00"), Destination.card("4242"));
      funding.approveWithdrawal("w1", "ops");

      // 1000.00 - 300.00 = 700.00 to raise at 300.00 a share: 2.33 shares, rounded up to 3.
      ClientOrder sale =
          orders.orders("bea").stream()
              .filter(o -> o.side() == dev.speedtrade.broker.OrderSide.SELL)
              .findFirst()
              .orElseThrow();
      assertThat(sale.clientOrderId()).isEqualTo("fund:wd:w1:sell:WHL");
      assertThat(sale.qty()).isEqualByComparingTo("3");
      assertThat(sale.status()).isEqualTo(ClientOrderStatus.FILLED);
      assertThat(funding.funds("bea").orElseThrow().unsettled()).isEqualByComparingTo("900.00");
    }
  }

  @Test
  void aPlatformOfPerUserAccountsHasNoFunding() {
    SpeedTrade perUser = SpeedTrade.embedded(clock);
    try {
      assertThatThrownBy(perUser::funding)
          .isInstanceOfSatisfying(
              SpeedTradeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_ADAPTER));
    } finally {
      perUser.close();
    }
  }

  @Test
  void afterCloseFundingRefuses() {
    FundingService funding = platform.funding();
    platform.close();

    assertThatThrownBy(() -> funding.users())
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CLOSED));
  }
}
