package dev.speedtrade.funding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.spi.InMemoryFundingStore;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.money.Money;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Refunds of completed deposits: the cash taken out of the user's once, the gateway asked once with
 * the refund's idempotency key, every refusal recording and moving nothing, and a provider's
 * failure finished by the same call.
 */
class FundingRefundTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
  private final SimulatedPaymentGateway gateway =
      SimulatedPaymentGateway.builder()
          .webhookSecret(Secret.of("whsec_test_refunds"))
          .clock(clock)
          .build();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final InMemoryMarket market = new InMemoryMarket(true);
  private final FundingService funding =
      FundingService.builder()
          .ledger(new InMemoryLedger(clock))
          .market(market)
          .calendar(SettlementCalendar.weekdaysExcept(Set.of()))
          .clock(clock)
          .store(new InMemoryFundingStore())
          .payments(new Failing())
          .build();

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  private UserFunds dan() {
    return funding.funds("dan").orElseThrow();
  }

  /**
   * Opens dan, approved, and has deposit {@code id} of {@code amount} completed at the provider.
   */
  private Deposit paid(String id, String amount) {
    market.put(new Instrument("SPY", AssetClass.US_EQUITY, true, true, false, d("500.00")));
    funding.openUser("dan", KycStatus.APPROVED, null);
    Deposit deposit = funding.createDeposit("dan", id, d(amount)).deposit();
    SignedWebhook done = gateway.completeDeposit(deposit.session().providerReference());
    assertThat(funding.apply(gateway.parseWebhook(done.body(), done.headers())))
        .isEqualTo(FundingCode.OK);
    return funding.deposit(id).orElseThrow();
  }

  @Test
  void aRefundTakesTheCashOutOnceAndAsksTheGatewayWithItsKey() {
    Deposit deposit = paid("d1", "100.00");

    RefundResult result = funding.refundDeposit("r1", "d1", d("40.00"));

    assertThat(result.code()).isEqualTo(FundingCode.OK);
    Refund refund = result.refund();
    assertThat(refund.depositId()).isEqualTo("d1");
    assertThat(refund.user()).isEqualTo("dan");
    assertThat(refund.amount()).isEqualByComparingTo("40.00");
    assertThat(refund.providerReference()).isEqualTo("sim_re_1");
    assertThat(refund.providerStatus()).isEqualTo(RefundReceipt.Status.SUCCEEDED);
    assertThat(dan().cash()).isEqualByComparingTo("60.00");
    assertThat(gateway.refunds())
        .containsExactly(
            new RefundRequest(
                "r1", deposit.session().providerReference(), Money.of("40.00", "USD"), "dan"));
    assertThat(gateway.refunds().get(0).idempotencyKey()).isEqualTo("fund:refund:r1");
    assertThat(funding.refund("r1")).contains(refund);
    assertThat(funding.refundsOf("d1")).containsExactly(refund);
  }

  @Test
  void theSameRefundAgainAnswersExistsAndMovesNothingMore() {
    paid("d1", "100.00");
    Refund first = funding.refundDeposit("r1", "d1", d("40.00")).refund();

    RefundResult again = funding.refundDeposit("r1", "d1", d("40"));

    assertThat(again).isEqualTo(new RefundResult(FundingCode.EXISTS, first));
    assertThat(funding.refundDeposit("r1", "d1", d("41.00")).code())
        .isEqualTo(FundingCode.ID_IN_USE);
    assertThat(funding.refundDeposit("r1", "d2", d("40.00")).code())
        .isEqualTo(FundingCode.ID_IN_USE);
    assertThat(dan().cash()).isEqualByComparingTo("60.00");
    assertThat(gateway.refunds()).hasSize(1);
  }

  @Test
  void aDepositIsRefundedInPartsUpToItsConfirmedAmount() {
    paid("d1", "100.00");

    assertThat(funding.refundDeposit("r1", "d1", d("40.00")).code()).isEqualTo(FundingCode.OK);
    assertThat(funding.refundDeposit("r2", "d1", d("60.01")).code())
        .isEqualTo(FundingCode.REFUND_EXCEEDS_DEPOSIT);
    assertThat(funding.refundDeposit("r3", "d1", d("60.00")).code()).isEqualTo(FundingCode.OK);
    assertThat(funding.refundDeposit("r4", "d1", d("0.01")).code())
        .isEqualTo(FundingCode.REFUND_EXCEEDS_DEPOSIT);

    assertThat(dan().cash()).isEqualByComparingTo("0.00");
    assertThat(funding.refundsOf("d1")).extracting(Refund::id).containsExactly("r1", "r3");
    assertThat(funding.refund("r2")).isEmpty();
    assertThat(gateway.refunds()).extracting(RefundRequest::refundId).containsExactly("r1", "r3");
  }

  @Test
  void concurrentRefundsOfOneDepositNeverGiveBackMoreThanItsConfirmedAmount() throws Exception {
    paid("d1", "100.00");
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<RefundResult>> futures = new ArrayList<>();
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      for (int i = 0; i < threads; i++) {
        String id = "r" + i;
        futures.add(
            pool.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  return funding.refundDeposit(id, "d1", d("30.00"));
                }));
      }
      List<FundingCode> codes = new ArrayList<>();
      for (Future<RefundResult> future : futures) {
        codes.add(future.get(30, TimeUnit.SECONDS).code());
      }

      assertThat(codes).filteredOn(c -> c == FundingCode.OK).hasSize(3);
      assertThat(codes)
          .filteredOn(c -> c != FundingCode.OK)
          .containsOnly(FundingCode.REFUND_EXCEEDS_DEPOSIT);
    } finally {
      pool.shutdownNow();
    }
    assertThat(dan().cash()).isEqualByComparingTo("10.00");
    assertThat(funding.refundsOf("d1")).hasSize(3);
    assertThat(gateway.refunds()).hasSize(3);
  }

  @Test
  void refusalsRecordAndMoveNothingInTheirOrder() {
    paid("d1", "100.00");
    funding.createDeposit("dan", "d2", d("50.00"));

    assertThat(funding.refundDeposit("r1", "nope", d("1.00")).code())
        .isEqualTo(FundingCode.DEPOSIT_NOT_FOUND);
    assertThat(funding.refundDeposit("r1", "d1", d("0.00")).code())
        .isEqualTo(FundingCode.INVALID_AMOUNT);
    assertThat(funding.refundDeposit("r1", "d1", d("1.001")).code())
        .isEqualTo(FundingCode.INVALID_AMOUNT);
    assertThat(funding.refundDeposit("r1", "d2", d("1.00")).code())
        .as("a deposit not COMPLETED")
        .isEqualTo(FundingCode.INVALID_TRANSITION);
    assertThat(funding.refundDeposit("r1", "d1", d("100.01")).code())
        .isEqualTo(FundingCode.REFUND_EXCEEDS_DEPOSIT);
    assertThat(
            funding
                .withdrawInstant("dan", "w1", d("80.00"), Destination.bank("002010077777777771"))
                .code())
        .isEqualTo(FundingCode.OK);
    assertThat(dan().withdrawable()).isEqualByComparingTo("20.00");
    assertThat(funding.refundDeposit("r1", "d1", d("20.01")).code())
        .isEqualTo(FundingCode.INSUFFICIENT_FUNDS);

    assertThat(funding.refund("r1")).isEmpty();
    assertThat(funding.refundsOf("d1")).isEmpty();
    assertThat(dan().cash()).isEqualByComparingTo("100.00");
    assertThat(gateway.refunds()).isEmpty();
    assertThat(funding.refundDeposit("r1", "d1", d("20.00")).code()).isEqualTo(FundingCode.OK);
  }

  @Test
  void aProviderFailureLeavesTheRefundUnsentAndTheSameCallFinishesIt() {
    paid("d1", "100.00");
    failuresLeft.set(1);

    RefundResult failed = funding.refundDeposit("r1", "d1", d("25.00"));

    assertThat(failed.code()).isEqualTo(FundingCode.OK);
    assertThat(failed.refund().providerReference()).isNull();
    assertThat(failed.refund().providerStatus()).isNull();
    assertThat(dan().cash()).isEqualByComparingTo("75.00");
    assertThat(gateway.refunds()).isEmpty();

    RefundResult retried = funding.refundDeposit("r1", "d1", d("25.00"));

    assertThat(retried.code()).isEqualTo(FundingCode.EXISTS);
    assertThat(retried.refund().providerReference()).isEqualTo("sim_re_1");
    assertThat(funding.refund("r1").orElseThrow().providerReference()).isEqualTo("sim_re_1");
    assertThat(funding.refundDeposit("r1", "d1", d("25.00")).refund()).isEqualTo(retried.refund());
    assertThat(dan().cash()).isEqualByComparingTo("75.00");
    assertThat(gateway.refunds()).hasSize(1);
  }

  /** The simulated gateway, failing the next {@code failuresLeft} refunds as a provider outage. */
  private final class Failing implements PaymentGateway {
    @Override
    public DepositSession startDeposit(DepositRequest request) {
      return gateway.startDeposit(request);
    }

    @Override
    public Optional<ProviderDepositStatus> depositStatus(String providerReference) {
      return gateway.depositStatus(providerReference);
    }

    @Override
    public String saveDestination(String user, Destination destination) {
      return gateway.saveDestination(user, destination);
    }

    @Override
    public PayoutReceipt startPayout(PayoutRequest request) {
      return gateway.startPayout(request);
    }

    @Override
    public RefundReceipt refund(RefundRequest request) {
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE, "the provider is down");
      }
      return gateway.refund(request);
    }

    @Override
    public ProviderEvent parseWebhook(byte[] body, Map<String, List<String>> headers) {
      return gateway.parseWebhook(body, headers);
    }
  }
}
