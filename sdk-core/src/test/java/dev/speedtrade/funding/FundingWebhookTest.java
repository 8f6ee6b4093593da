package dev.speedtrade.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.spi.InMemoryFundingStore;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The funding service on a payment gateway: deposits started there, destinations saved there,
 * payouts started there once, the provider's signed webhooks applied once.
 */
class FundingWebhookTest {
  private static final String CLABE = "002010077777777771";

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-03-02T15:00:00Z"));
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
          .webhookSecret(Secret.of("whsec_test_funding"))
          .clock(clock)
          .build();
  private final InMemoryFundingStore store = new InMemoryFundingStore();
  private final InMemoryMarket market = new InMemoryMarket(true);

  private FundingService funding(PaymentGateway payments) {
    market.put(new Instrument("SPY", AssetClass.US_EQUITY, true, true, false, d("500.00")));
    return FundingService.builder()
        .ledger(new InMemoryLedger(clock))
        .market(market)
        .calendar(SettlementCalendar.weekdaysExcept(Set.of()))
        .clock(clock)
        .store(store)
        .payments(payments)
        .build();
  }

  private final FundingService funding = funding(gateway);

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  private BigDecimal cash(FundingService f) {
    return f.funds("dan").orElseThrow().cash();
  }

  /** Opens dan, approved, and pays {@code amount} in through the gateway's signed webhook. */
  private void deposit(FundingService f, String amount) {
    f.openUser("dan", KycStatus.APPROVED, null);
    Deposit d = f.createDeposit("dan", "d0", d(amount)).deposit();
    SignedWebhook done = gateway.completeDeposit(d.session().providerReference());
    assertThat(f.apply(gateway.parseWebhook(done.body(), done.headers())))
        .isEqualTo(FundingCode.OK);
  }

  @Test
  void aDepositIsStartedAtTheGatewayOnceAndItsRetryGetsTheSameSession() {
    funding.openUser("dan", KycStatus.APPROVED, null);

    DepositResult first = funding.createDeposit("dan", "d1", d("100.00"));
    DepositResult retry = funding.createDeposit("dan", "d1", d("100.00"));

    assertThat(first.code()).isEqualTo(FundingCode.OK);
    DepositSession session = first.deposit().session();
    assertThat(session.paymentUrl().toString()).endsWith("/pay/" + session.providerReference());
    assertThat(retry.code()).isEqualTo(FundingCode.EXISTS);
    assertThat(retry.deposit().session()).isEqualTo(session);
    assertThat(funding.deposit("d1").orElseThrow().session()).isEqualTo(session);
    assertThat(gateway.depositStatus(session.providerReference())).isPresent();
    assertThat(funding.createDeposit("dan", "d2", d("0.001")).code())
        .as("refused: not an amount, nothing started")
        .isEqualTo(FundingCode.INVALID_AMOUNT);
    assertThat(gateway.depositStatus("sim_dep_2")).isEmpty();
  }

  @Test
  void aDepositWhoseStartFailedIsStartedByTheSameCreateAskedAgain() {
    AtomicInteger refusals = new AtomicInteger(1);
    FundingService f =
        funding(
            new Forwarding(gateway) {
              @Override
              public DepositSession startDeposit(DepositRequest request) {
                if (refusals.getAndDecrement() > 0) {
                  throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE, "down");
                }
                return super.startDeposit(request);
              }
            });
    f.openUser("dan", KycStatus.APPROVED, null);

    assertThatThrownBy(() -> f.createDeposit("dan", "d1", d("100.00")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
    assertThat(f.deposit("d1").orElseThrow().session()).isNull();

    DepositResult retry = f.createDeposit("dan", "d1", d("100.00"));
    assertThat(retry.code()).isEqualTo(FundingCode.EXISTS);
    assertThat(retry.deposit().session().providerReference()).isEqualTo("sim_dep_1");
  }

  @Test
  void aSignedCompletionCreditsTheConfirmedAmountOnceAndAForgeryNothing() {
    funding.openUser("dan", KycStatus.APPROVED, null);
    DepositSession session = funding.createDeposit("dan", "d1", d("100.00")).deposit().session();
    SignedWebhook completed = gateway.completeDeposit(session.providerReference(), d("99.50"));

    byte[] forged = completed.body();
    forged[forged.length / 2] ^= 1;
    assertThatThrownBy(() -> gateway.parseWebhook(forged, completed.headers()))
        .isInstanceOf(SpeedTradeException.class)
        .extracting(e -> ((SpeedTradeException) e).code())
        .isEqualTo(ErrorCode.INVALID_SIGNATURE);
    assertThat(cash(funding)).isEqualByComparingTo("0.00");

    assertThat(funding.apply(gateway.parseWebhook(completed.body(), completed.headers())))
        .isEqualTo(FundingCode.OK);
    assertThat(funding.apply(gateway.parseWebhook(completed.body(), completed.headers())))
        .as("a redelivery")
        .isEqualTo(FundingCode.DUPLICATE_EVENT);
    assertThat(cash(funding)).isEqualByComparingTo("99.50");
    assertThat(funding.deposit("d1").orElseThrow().status()).isEqualTo(DepositStatus.COMPLETED);
  }

  @Test
  void aWithdrawalKeepsItsDestinationMaskedAndTheGatewayPaysTheWholeNumber() {
    deposit(funding, "500.00");

    Withdrawal w =
        funding.withdrawInstant("dan", "w1", d("100.00"), Destination.bank(CLABE)).withdrawal();

    Destination.Saved saved = (Destination.Saved) w.destination();
    assertThat(saved.masked()).isEqualTo("bank:****7771");
    assertThat(saved.token()).isEqualTo("sim_dest_1");
    assertThat(gateway.savedDestination("sim_dest_1")).contains(Destination.bank(CLABE));
    assertThat(w.payoutReference()).isEqualTo("sim_po_1");
    assertThat(gateway.payouts()).containsExactly(new PayoutRequest("w1", d("98.25"), saved));
    assertThat(store.toString() + funding.withdrawals() + w).doesNotContain("0100777777");
    assertThat(funding.withdrawInstant("dan", "w1", d("100.00"), Destination.bank(CLABE)).code())
        .as("the same request again")
        .isEqualTo(FundingCode.EXISTS);
    assertThat(
            funding
                .withdrawInstant("dan", "w1", d("100.00"), Destination.bank("002010077777777788"))
                .code())
        .as("another account with the same last four digits")
        .isEqualTo(FundingCode.ID_IN_USE);
    assertThat(gateway.payouts()).hasSize(1);
  }

  @Test
  void aPaidWebhookPostsTheHoldAndAFailedOneReleasesIt() {
    deposit(funding, "500.00");
    Withdrawal paid =
        funding.withdrawInstant("dan", "w1", d("100.00"), Destination.card("4242")).withdrawal();
    Withdrawal failed =
        funding.withdrawInstant("dan", "w2", d("50.00"), Destination.card("4242")).withdrawal();
    assertThat(funding.funds("dan").orElseThrow().held()).isEqualByComparingTo("150.00");

    SignedWebhook paidHook = gateway.markPayoutPaid(paid.payoutReference());
    SignedWebhook failedHook = gateway.markPayoutFailed(failed.payoutReference());
    assertThat(funding.apply(gateway.parseWebhook(failedHook.body(), failedHook.headers())))
        .isEqualTo(FundingCode.OK);
    assertThat(funding.apply(gateway.parseWebhook(paidHook.body(), paidHook.headers())))
        .isEqualTo(FundingCode.OK);

    assertThat(funding.withdrawal("w1").orElseThrow().status())
        .isEqualTo(WithdrawalStatus.COMPLETED);
    assertThat(funding.withdrawal("w2").orElseThrow().status()).isEqualTo(WithdrawalStatus.FAILED);
    assertThat(funding.funds("dan").orElseThrow().held()).isEqualByComparingTo("0.00");
    assertThat(cash(funding)).isEqualByComparingTo("400.00");
  }

  @Test
  void aCrashAfterTheHoldAndBeforeThePayoutIsRecordedConvergesWithOnePayout() {
    AtomicInteger crashes = new AtomicInteger(1);
    FundingService f =
        funding(
            new Forwarding(gateway) {
              @Override
              public PayoutReceipt startPayout(PayoutRequest request) {
                PayoutReceipt receipt = super.startPayout(request);
                if (crashes.getAndDecrement() > 0) {
                  throw new IllegalStateException("the JVM stopped after the provider paid");
                }
                return receipt;
              }
            });
    deposit(f, "500.00");

    assertThatThrownBy(() -> f.withdrawInstant("dan", "w1", d("100.00"), Destination.card("4242")))
        .isInstanceOf(IllegalStateException.class);
    Withdrawal held = f.withdrawal("w1").orElseThrow();
    assertThat(held.status()).isEqualTo(WithdrawalStatus.PROCESSING);
    assertThat(held.payoutReference()).isNull();
    assertThat(f.funds("dan").orElseThrow().held()).isEqualByComparingTo("100.00");

    assertThat(f.resumePayouts())
        .extracting(Withdrawal::payoutReference)
        .containsExactly("sim_po_1");
    assertThat(f.resumePayouts()).as("nothing left to start").isEmpty();
    assertThat(
            f.withdrawInstant("dan", "w1", d("100.00"), Destination.card("4242"))
                .withdrawal()
                .payoutReference())
        .isEqualTo("sim_po_1");
    assertThat(gateway.payouts()).hasSize(1);

    SignedWebhook paid = gateway.markPayoutPaid("sim_po_1");
    f.apply(gateway.parseWebhook(paid.body(), paid.headers()));
    assertThat(f.withdrawal("w1").orElseThrow().status()).isEqualTo(WithdrawalStatus.COMPLETED);
    assertThat(cash(f)).isEqualByComparingTo("400.00");
  }

  @Test
  void aPayoutTheProviderRefusedStaysHeldUntilItIsResumed() {
    AtomicInteger refusals = new AtomicInteger(2);
    FundingService f =
        funding(
            new Forwarding(gateway) {
              @Override
              public PayoutReceipt startPayout(PayoutRequest request) {
                if (refusals.getAndDecrement() > 0) {
                  throw new SpeedTradeException(ErrorCode.PROVIDER_UNAVAILABLE, "down");
                }
                return super.startPayout(request);
              }
            });
    deposit(f, "500.00");

    WithdrawalResult accepted =
        f.withdrawInstant("dan", "w1", d("100.00"), Destination.card("4242"));
    assertThat(accepted.code()).isEqualTo(FundingCode.OK);
    assertThat(accepted.withdrawal().status()).isEqualTo(WithdrawalStatus.PROCESSING);
    assertThat(accepted.withdrawal().payoutReference()).isNull();
    assertThat(f.resumePayouts()).as("still down").isEmpty();
    assertThat(gateway.payouts()).isEmpty();

    assertThat(f.resumePayouts()).extracting(Withdrawal::id).containsExactly("w1");
    assertThat(gateway.payouts()).hasSize(1);
  }

  @Test
  void theDailySettlementFundsAnApprovedWithdrawalOnceItsSaleSettlesAndPaysIt() {
    deposit(funding, "200.00");
    funding.recordBuyFill("dan", "b1", "SPY", d("1"), d("100.00"), null);
    Withdrawal w =
        funding.requestWithdrawal("dan", "w1", d("150.00"), Destination.bank(CLABE)).withdrawal();
    assertThat(funding.approveWithdrawal(w.id(), "ops@x").withdrawal().status())
        .isEqualTo(WithdrawalStatus.APPROVED);
    funding.recordSellFill("dan", "s1", "SPY", d("1"), d("100.00")); // Monday: settles Tuesday

    SettlementRun monday = funding.settleAndPay();
    assertThat(monday.settledSales()).isEmpty();
    assertThat(monday.fundedWithdrawals()).isEmpty();
    assertThat(gateway.payouts()).isEmpty();

    now.set(Instant.parse("2026-03-03T14:00:00Z"));
    SettlementRun tuesday = funding.settleAndPay();
    assertThat(tuesday).isEqualTo(new SettlementRun(List.of("s1"), List.of("w1"), List.of("w1")));
    assertThat(funding.withdrawal("w1").orElseThrow().payoutReference()).isEqualTo("sim_po_1");
    assertThat(funding.settleAndPay())
        .as("again: nothing")
        .isEqualTo(new SettlementRun(List.of(), List.of(), List.of()));
  }

  @Test
  void anEventAboutADepositThePlatformDoesNotKnowIsKeptForReconciliationUntilItApplies() {
    funding.openUser("dan", KycStatus.APPROVED, null);
    DepositSession elsewhere = gateway.startDeposit(new DepositRequest("d9", "dan", d("40.00")));
    SignedWebhook completed = gateway.completeDeposit(elsewhere.providerReference());
    ProviderEvent event = gateway.parseWebhook(completed.body(), completed.headers());

    assertThat(funding.apply(event)).isEqualTo(FundingCode.DEPOSIT_NOT_FOUND);
    assertThat(funding.apply(event))
        .as("again: still unknown")
        .isEqualTo(FundingCode.DEPOSIT_NOT_FOUND);
    assertThat(funding.unmatchedEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventId()).isEqualTo(event.eventId());
              assertThat(e.subject()).isEqualTo(UnmatchedEvent.Subject.DEPOSIT);
              assertThat(e.subjectId()).isEqualTo("d9");
              assertThat(e.type()).isEqualTo("COMPLETED");
              assertThat(e.amount()).isEqualByComparingTo("40.00");
            });
    assertThat(cash(funding)).isEqualByComparingTo("0.00");

    funding.createDeposit("dan", "d9", d("40.00"));
    assertThat(funding.apply(event)).as("once the deposit exists").isEqualTo(FundingCode.OK);
    assertThat(funding.unmatchedEvents()).isEmpty();
    assertThat(cash(funding)).isEqualByComparingTo("40.00");
  }

  @Test
  void anEventThePlatformDoesNotActOnIsRecordedOnce() {
    SignedWebhook other = gateway.otherEvent("charge.dispute.created");
    ProviderEvent event = gateway.parseWebhook(other.body(), other.headers());

    assertThat(event).isInstanceOf(ProviderEvent.IgnoredEvent.class);
    assertThat(funding.apply(event)).isEqualTo(FundingCode.OK);
    assertThat(funding.apply(event)).isEqualTo(FundingCode.DUPLICATE_EVENT);
  }

  /** A gateway that forwards every call, for a test to override one. */
  private static class Forwarding implements PaymentGateway {
    private final PaymentGateway to;

    Forwarding(PaymentGateway to) {
      this.to = to;
    }

    @Override
    public DepositSession startDeposit(DepositRequest request) {
      return to.startDeposit(request);
    }

    @Override
    public Optional<ProviderDepositStatus> depositStatus(String providerReference) {
      return to.depositStatus(providerReference);
    }

    @Override
    public String saveDestination(String user, Destination destination) {
      return to.saveDestination(user, destination);
    }

    @Override
    public PayoutReceipt startPayout(PayoutRequest request) {
      return to.startPayout(request);
    }

    @Override
    public RefundReceipt refund(RefundRequest request) {
      return to.refund(request);
    }

    @Override
    public ProviderEvent parseWebhook(byte[] body, Map<String, List<String>> headers) {
      return to.parseWebhook(body, headers);
    }
  }
}
