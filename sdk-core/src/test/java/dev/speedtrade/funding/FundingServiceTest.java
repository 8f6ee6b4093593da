package dev.speedtrade.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The funding rules of {@code docs/funding-contract.md} at their boundaries, on the API. */
class FundingServiceTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T15:00:00Z");
  private static final Destination CARD = Destination.card("4242");
  private static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.of(2026, 4, 3));

  private final AtomicReference<Instant> now = new AtomicReference<>(MONDAY);
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
  private final InMemoryLedger ledger = new InMemoryLedger(clock);
  private final InMemoryMarket market = new InMemoryMarket(true);

  private FundingService service(FundingSettings settings) {
    market.put(new Instrument("SPY", AssetClass.US_EQUITY, true, true, false, d("500.00")));
    market.put(new Instrument("BIL", AssetClass.US_EQUITY, true, true, false, d("91.50")));
    market.put(new Instrument("BTCUSD", AssetClass.CRYPTO, true, true, false, d("60000")));
    return FundingService.builder()
        .ledger(ledger)
        .market(market)
        .clock(clock)
        .calendar(SettlementCalendar.weekdaysExcept(HOLIDAYS))
        .settings(settings)
        .build();
  }

  private FundingService funded(String cash) {
    FundingService f = service(FundingSettings.DEFAULTS);
    f.openUser("dan", KycStatus.APPROVED, null);
    assertThat(f.createDeposit("dan", "d1", d(cash)).code()).isEqualTo(FundingCode.OK);
    assertThat(f.applyDepositEvent("e1", "d1", DepositEventType.COMPLETED, null).code())
        .isEqualTo(FundingCode.OK);
    return f;
  }

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  private UserFunds funds(FundingService f) {
    return f.funds("dan").orElseThrow();
  }

  @Test
  void anIdTooLongOrWithAControlCharacterIsRefusedBeforeAnythingIsHeldOrKept() {
    FundingService f = funded("500.00");
    String long129 = "w".repeat(FundingService.MAX_ID + 1);

    for (String bad : List.of(long129, "", "w\u00001")) {
      assertThatThrownBy(() -> f.withdrawInstant("dan", bad, d("100.00"), CARD))
          .isInstanceOfSatisfying(
              SpeedTradeException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                assertThat(e.getMessage()).startsWith("withdrawalId must be 1-128 characters");
              });
    }
    assertThatThrownBy(() -> f.createDeposit("dan", long129, d("10.00")))
        .isInstanceOf(SpeedTradeException.class);
    assertThatThrownBy(
            () ->
                f.autoInvest(
                    "dan", "i".repeat(FundingService.MAX_INVEST_ID + 1), d("1"), List.of()))
        .isInstanceOf(SpeedTradeException.class);
    assertThat(
            f.withdrawInstant("dan", "w".repeat(FundingService.MAX_ID), d("100.00"), CARD).code())
        .as("128 characters are fine")
        .isEqualTo(FundingCode.OK);
    assertThat(f.withdrawals()).hasSize(1);
    assertThat(funds(f).held()).isEqualByComparingTo("100.00");
  }

  @Test
  void aClabeIsValidOnlyWithItsCheckDigit() {
    assertThat(Destination.isValidClabe("002010077777777771")).isTrue();
    assertThat(Destination.isValidClabe("002010077777777772")).isFalse();
    assertThat(Destination.isValidClabe("00201007777777777")).isFalse();
    assertThat(Destination.isValidClabe("00201007777777777a")).isFalse();
    assertThat(Destination.bank("002010077777777771").masked()).isEqualTo("bank:****7771");
    assertThat(Destination.bank("002010077777777771").toString()).doesNotContain("0020100");
    assertThat(CARD.masked()).isEqualTo("card:****4242");
    assertThatThrownBy(() -> Destination.card("42"))
        .isInstanceOf(SpeedTradeException.class)
        .extracting(e -> ((SpeedTradeException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void theDepositTableMovesOnlyWhatItNamesAndCreditsOnce() {
    FundingService f = service(FundingSettings.DEFAULTS);
    f.openUser("dan", KycStatus.APPROVED, null);
    f.createDeposit("dan", "d1", d("100.00"));

    assertThat(f.applyDepositEvent("e1", "d1", DepositEventType.FAILED, null).code())
        .isEqualTo(FundingCode.OK);
    assertThat(f.applyDepositEvent("e2", "d1", DepositEventType.PROCESSING, null).code())
        .isEqualTo(FundingCode.STALE_EVENT);
    assertThat(f.applyDepositEvent("e3", "d1", DepositEventType.COMPLETED, d("99.99")).code())
        .as("money the provider collected is credited even after a failure")
        .isEqualTo(FundingCode.OK);
    assertThat(f.applyDepositEvent("e4", "d1", DepositEventType.COMPLETED, null).code())
        .isEqualTo(FundingCode.STALE_EVENT);
    assertThat(f.applyDepositEvent("e3", "d1", DepositEventType.EXPIRED, null).code())
        .isEqualTo(FundingCode.DUPLICATE_EVENT);
    assertThat(f.applyDepositEvent("e5", "nope", DepositEventType.COMPLETED, null).code())
        .isEqualTo(FundingCode.DEPOSIT_NOT_FOUND);
    assertThat(f.applyDepositEvent("e5", "d1", DepositEventType.COMPLETED, d("0.001")).code())
        .as("e5 was refused before, so it is not recorded")
        .isEqualTo(FundingCode.INVALID_AMOUNT);

    assertThat(f.deposit("d1").orElseThrow().confirmedAmount()).isEqualByComparingTo("99.99");
    assertThat(funds(f).cash()).isEqualByComparingTo("99.99");
  }

  @Test
  void depositsAreBoundedAndGatedByKyc() {
    FundingService f =
        service(
            FundingSettings.builder().kycDepositLimit(d("500.00")).depositMax(d("1000")).build());
    f.openUser("pat", KycStatus.PENDING, null);
    f.openUser("rex", KycStatus.REJECTED, null);

    assertThat(f.createDeposit("pat", "a", d("0.99")).code())
        .isEqualTo(FundingCode.DEPOSIT_BELOW_MINIMUM);
    assertThat(f.createDeposit("pat", "a", d("1000.01")).code())
        .isEqualTo(FundingCode.DEPOSIT_ABOVE_MAXIMUM);
    assertThat(f.createDeposit("pat", "a", d("500.01")).code()).isEqualTo(FundingCode.KYC_REQUIRED);
    assertThat(f.createDeposit("pat", "a", d("500.00")).code()).isEqualTo(FundingCode.OK);
    assertThat(f.createDeposit("pat", "a", d("500")).code()).isEqualTo(FundingCode.EXISTS);
    assertThat(f.createDeposit("pat", "a", d("499")).code()).isEqualTo(FundingCode.ID_IN_USE);
    assertThat(f.createDeposit("rex", "b", d("1.00")).code()).isEqualTo(FundingCode.KYC_REQUIRED);
    assertThat(f.deposit("b")).as("a refused create records nothing").isEmpty();
  }

  @Test
  void theInstantFeeIsHalfUpWithinItsMinimumAndMaximum() {
    FundingService f = funded("20000.00");

    // 1.75% of 100.00 = 1.75; of 50.00 = 0.875 -> 0.88 -> raised to 1.00; of 10000 = 175 -> 150.
    assertThat(f.withdrawInstant("dan", "w1", d("100.00"), CARD).withdrawal().fee())
        .isEqualByComparingTo("1.75");
    assertThat(f.withdrawInstant("dan", "w2", d("50.00"), CARD).withdrawal().fee())
        .isEqualByComparingTo("1.00");
    assertThat(f.withdrawInstant("dan", "w3", d("2000.00"), CARD).withdrawal().fee())
        .isEqualByComparingTo("35.00");
    assertThat(f.withdrawInstant("dan", "w4", d("1.00"), CARD).code())
        .as("not more than its fee")
        .isEqualTo(FundingCode.AMOUNT_TOO_SMALL);
    assertThat(f.withdrawInstant("dan", "w4", d("1.01"), CARD).code()).isEqualTo(FundingCode.OK);

    FundingService big = service(FundingSettings.builder().instantDailyLimit(d("50000")).build());
    big.openUser("eve", KycStatus.APPROVED, null);
    big.createDeposit("eve", "d", d("20000"));
    big.applyDepositEvent("x", "d", DepositEventType.COMPLETED, null);
    assertThat(big.withdrawInstant("eve", "w", d("10000.00"), CARD).withdrawal().fee())
        .isEqualByComparingTo("150.00");
  }

  @Test
  void theDailyInstantLimitCountsTodaysNewYorkDateAndNotFailedOnes() {
    FundingService f = funded("10000.00");

    assertThat(f.withdrawInstant("dan", "w1", d("3000.00"), CARD).code()).isEqualTo(FundingCode.OK);
    assertThat(f.withdrawInstant("dan", "w2", d("2000.01"), CARD).code())
        .isEqualTo(FundingCode.INSTANT_LIMIT_EXCEEDED);
    assertThat(f.applyPayoutEvent("p1", "w1", PayoutEventType.FAILED).code())
        .isEqualTo(FundingCode.OK);
    assertThat(f.withdrawInstant("dan", "w2", d("5000.00"), CARD).code())
        .as("a FAILED one frees its share of the limit")
        .isEqualTo(FundingCode.OK);
    assertThat(f.withdrawInstant("dan", "w3", d("1.50"), CARD).code())
        .isEqualTo(FundingCode.INSTANT_LIMIT_EXCEEDED);

    // 2026-03-03 04:59Z is still March 2 in New York; 05:00Z is March 3.
    now.set(Instant.parse("2026-03-03T04:59:59Z"));
    assertThat(f.withdrawInstant("dan", "w3", d("1.50"), CARD).code())
        .isEqualTo(FundingCode.INSTANT_LIMIT_EXCEEDED);
    now.set(Instant.parse("2026-03-03T05:00:00Z"));
    assertThat(f.withdrawInstant("dan", "w3", d("1.50"), CARD).code()).isEqualTo(FundingCode.OK);
  }

  @Test
  void aFailedPayoutReleasesAmountAndFeeAndAPaidOnePostsThem() {
    FundingService f = funded("1000.00");

    f.withdrawInstant("dan", "w1", d("100.00"), CARD);
    assertThat(funds(f).held()).isEqualByComparingTo("100.00");
    assertThat(funds(f).withdrawable()).isEqualByComparingTo("900.00");

    assertThat(f.applyPayoutEvent("p1", "w1", PayoutEventType.FAILED).withdrawal().status())
        .isEqualTo(WithdrawalStatus.FAILED);
    assertThat(funds(f).held()).isEqualByComparingTo("0.00");
    assertThat(funds(f).cash()).isEqualByComparingTo("1000.00");
    assertThat(f.applyPayoutEvent("p2", "w1", PayoutEventType.PAID).code())
        .isEqualTo(FundingCode.STALE_EVENT);
    assertThat(f.applyPayoutEvent("p2", "w1", PayoutEventType.PAID).code())
        .isEqualTo(FundingCode.DUPLICATE_EVENT);

    f.withdrawInstant("dan", "w2", d("100.00"), CARD);
    assertThat(f.applyPayoutEvent("p3", "w2", PayoutEventType.PAID).withdrawal().status())
        .isEqualTo(WithdrawalStatus.COMPLETED);
    assertThat(funds(f).cash()).isEqualByComparingTo("900.00");
    assertThat(balances(ClientLedgerAccounts.FEES).creditsPosted()).isEqualTo(175);
    assertThat(balances(ClientLedgerAccounts.PAYOUTS).creditsPosted()).isEqualTo(9825);
  }

  private AccountBalances balances(String account) {
    return ledger.balances(account).orElseThrow();
  }

  @Test
  void aReviewedWithdrawalWaitsForItsShortfallToSettle() {
    FundingService f = service(FundingSettings.builder().autoApproveLimit(d("100.00")).build());
    f.openUser("dan", KycStatus.APPROVED, null);
    f.createDeposit("dan", "d1", d("1000.00"));
    f.applyDepositEvent("e1", "d1", DepositEventType.COMPLETED, null);
    assertThat(f.recordBuyFill("dan", "x1", "SPY", d("1"), d("500.00"), null).code())
        .isEqualTo(FundingCode.OK);

    assertThat(f.requestWithdrawal("dan", "w0", d("100.00"), CARD).withdrawal())
        .extracting(Withdrawal::status, Withdrawal::reviewedBy)
        .containsExactly(WithdrawalStatus.PROCESSING, "auto");
    // requestable = 400 withdrawable + 0 unsettled + 500 invested - 0 awaiting
    assertThat(f.requestWithdrawal("dan", "w1", d("900.01"), CARD).code())
        .isEqualTo(FundingCode.INSUFFICIENT_FUNDS);
    assertThat(f.requestWithdrawal("dan", "w1", d("700.00"), CARD).withdrawal().status())
        .isEqualTo(WithdrawalStatus.PENDING_REVIEW);
    assertThat(f.approveWithdrawal("w1", "ops@x").withdrawal().status())
        .isEqualTo(WithdrawalStatus.APPROVED);
    assertThat(f.shortfall("w1")).contains(d("300.00"));

    // Friday 2026-04-02 is Thursday; Good Friday 04-03 is a holiday: settles Monday 04-06.
    now.set(Instant.parse("2026-04-02T18:00:00Z"));
    assertThat(f.recordSellFill("dan", "x2", "SPY", d("1"), d("500.00")).settlesOn())
        .isEqualTo(LocalDate.of(2026, 4, 6));
    assertThat(f.processWithdrawal("w1").code()).isEqualTo(FundingCode.INSUFFICIENT_FUNDS);
    now.set(Instant.parse("2026-04-03T18:00:00Z"));
    assertThat(f.settle()).isEmpty();
    now.set(Instant.parse("2026-04-06T13:00:00Z"));
    assertThat(f.settle()).containsExactly("x2");
    assertThat(f.settle()).as("once").isEmpty();
    assertThat(f.processWithdrawal("w1").withdrawal().status())
        .isEqualTo(WithdrawalStatus.PROCESSING);
    assertThat(f.approveWithdrawal("w1", "ops@x").code()).isEqualTo(FundingCode.INVALID_TRANSITION);
  }

  @Test
  void aFridaySaleSettlesMondayAndACryptoSaleIsCashAtOnce() {
    FundingService f = funded("40000.00");
    f.recordBuyFill("dan", "b1", "SPY", d("2"), d("500"), null);
    f.recordBuyFill("dan", "b2", "BTCUSD", d("0.5"), d("60000"), null);

    now.set(Instant.parse("2026-03-06T20:59:59Z")); // Friday, after the close in New York
    assertThat(f.recordSellFill("dan", "s1", "SPY", d("1"), d("510.00")).settlesOn())
        .isEqualTo(LocalDate.of(2026, 3, 9));
    assertThat(f.recordSellFill("dan", "s2", "BTCUSD", d("0.1"), d("61000")).settlesOn()).isNull();
    assertThat(funds(f).unsettled()).isEqualByComparingTo("510.00");
    assertThat(f.recordSellFill("dan", "s3", "SPY", d("1.000000001"), d("1")).code())
        .isEqualTo(FundingCode.INSUFFICIENT_POSITION);
    assertThat(f.recordSellFill("dan", "s1", "SPY", d("1"), d("1")).code())
        .isEqualTo(FundingCode.DUPLICATE_FILL);
    assertThat(f.recordBuyFill("dan", "b3", "SPY", d("0.0000000001"), d("500"), null).code())
        .isEqualTo(FundingCode.INVALID_FILL);
    assertThat(f.recordBuyFill("dan", "b3", "SPY", d("0.001"), d("1"), null).code())
        .as("worth 0.00")
        .isEqualTo(FundingCode.INVALID_FILL);
  }

  @Test
  void autoInvestSplitsHarmonicallyWithOneExactDivisionAndLeavesTheBuffer() {
    FundingService f = funded("1000.00");
    market.put(new Instrument("A", AssetClass.US_EQUITY, true, true, false, d("1")));
    market.put(new Instrument("B", AssetClass.US_EQUITY, true, true, false, d("1")));
    market.put(new Instrument("C", AssetClass.US_EQUITY, true, true, false, d("1")));

    InvestResult three = f.autoInvest("dan", "i1", d("3.00"), List.of("A", "B", "C"));
    // weights 6, 3, 2 of 11: 1.636 -> 1.63, 0.818 -> 0.81, 0.545 -> 0.54; 0.02 left to the first.
    assertThat(three.orders())
        .extracting(InvestOrder::notional)
        .containsExactly(d("1.65"), d("0.81"), d("0.54"));
    InvestResult two = f.autoInvest("dan", "i2", d("3.00"), List.of("A", "B"));
    assertThat(two.orders())
        .extracting(InvestOrder::notional)
        .containsExactly(d("2.00"), d("1.00"));

    // buffer = 10% of equity 1000.00 = 100.00; withdrawable now 994.00
    InvestResult rest = f.autoInvest("dan", "i3", d("5000.00"), List.of());
    assertThat(rest.buffer()).isEqualByComparingTo("100.00");
    assertThat(rest.investable()).isEqualByComparingTo("894.00");
    assertThat(rest.orders())
        .extracting(InvestOrder::symbol, InvestOrder::notional)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SPY", d("536.40")),
            org.assertj.core.groups.Tuple.tuple("BIL", d("357.60")));
    assertThat(f.autoInvest("dan", "i4", d("1.00"), List.of()).code())
        .isEqualTo(FundingCode.NOTHING_TO_INVEST);
    assertThat(f.autoInvest("dan", "i3", d("5000"), List.of()).code())
        .isEqualTo(FundingCode.EXISTS);
    assertThat(f.autoInvest("dan", "i3", d("5000"), List.of("SPY")).code())
        .isEqualTo(FundingCode.ID_IN_USE);
    assertThat(f.cancelInvestOrder("i3:BIL").order().status())
        .isEqualTo(InvestOrderStatus.CANCELED);
    assertThat(f.recordBuyFill("dan", "x", "SPY", d("1.07"), d("500"), "i3:SPY").code())
        .as("535.00 within the 536.40 held")
        .isEqualTo(FundingCode.OK);
    assertThat(funds(f).held()).isEqualByComparingTo("6.00");
  }

  @Test
  void withdrawalsOrdersAndInvestmentsNeedAnApprovedUser() {
    FundingService f = funded("1000.00");
    f.setKyc("dan", KycStatus.PENDING);

    assertThat(f.withdrawInstant("dan", "w1", d("10"), CARD).code())
        .isEqualTo(FundingCode.KYC_REQUIRED);
    assertThat(f.requestWithdrawal("dan", "w1", d("10"), CARD).code())
        .isEqualTo(FundingCode.KYC_REQUIRED);
    assertThat(f.autoInvest("dan", "i1", d("10"), List.of()).code())
        .isEqualTo(FundingCode.KYC_REQUIRED);
    assertThat(f.setKyc("nobody", KycStatus.APPROVED)).isEqualTo(FundingCode.USER_NOT_FOUND);
  }

  @Test
  void sixteenThreadsWithdrawingFromOneUserNeverOverdraw() throws Exception {
    FundingService f = funded("1000.00");
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        done.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  int ok = 0;
                  for (int i = 0; i < 10; i++) {
                    if (f.withdrawInstant("dan", "w" + me + "-" + i, d("20.00"), CARD).isOk()) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      int ok = 0;
      for (Future<Integer> future : done) {
        ok += future.get(30, TimeUnit.SECONDS);
      }
      // each takes 20.00 of cash (19.00 net + 1.00 fee): 50 fit in 1000.00
      assertThat(ok).isEqualTo(50);
      assertThat(funds(f).withdrawable()).isEqualByComparingTo("0.00");
      assertThat(balances(ClientLedgerAccounts.cash("dan")).debitsPending()).isEqualTo(100_000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void settingsOutOfRangeAreRefusedNamingTheField() {
    assertThatThrownBy(() -> FundingSettings.builder().liquidityBuffer(BigDecimal.ONE).build())
        .hasMessageContaining("liquidityBuffer");
    assertThatThrownBy(() -> FundingSettings.builder().instantFeeMin(d("200")).build())
        .hasMessageContaining("instantFeeMin");
    assertThatThrownBy(() -> FundingSettings.builder().depositMin(d("0.001")).build())
        .hasMessageContaining("depositMin");
  }
}
