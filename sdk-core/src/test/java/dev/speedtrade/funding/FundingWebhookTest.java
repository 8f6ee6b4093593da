package dev.speedtrade.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A provider's signed webhook, verified by its gateway, applied to the funding service once. */
class FundingWebhookTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC);

  private final SimulatedPaymentGateway gateway =
      SimulatedPaymentGateway.builder()
          .webhookSecret(Secret.of("whsec_test_funding"))
          .clock(CLOCK)
          .build();
  private final FundingService funding =
      FundingService.builder()
          .ledger(new InMemoryLedger(CLOCK))
          .market(new InMemoryMarket(true))
          .calendar(SettlementCalendar.weekdaysExcept(Set.of()))
          .clock(CLOCK)
          .build();

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  private BigDecimal cash() {
    return funding.funds("dan").orElseThrow().cash();
  }

  @Test
  void aSignedCompletionCreditsTheConfirmedAmountOnceAndAForgeryNothing() {
    funding.openUser("dan", KycStatus.APPROVED, null);
    funding.createDeposit("dan", "d1", d("100.00"));
    DepositSession session = gateway.startDeposit(new DepositRequest("d1", "dan", d("100.00")));
    SignedWebhook completed = gateway.completeDeposit(session.providerReference(), d("99.50"));

    byte[] forged = completed.body();
    forged[forged.length / 2] ^= 1;
    assertThatThrownBy(() -> gateway.parseWebhook(forged, completed.headers()))
        .isInstanceOf(SpeedTradeException.class)
        .extracting(e -> ((SpeedTradeException) e).code())
        .isEqualTo(ErrorCode.INVALID_SIGNATURE);
    assertThat(cash()).isEqualByComparingTo("0.00");

    assertThat(funding.apply(gateway.parseWebhook(completed.body(), completed.headers())))
        .isEqualTo(FundingCode.OK);
    assertThat(funding.apply(gateway.parseWebhook(completed.body(), completed.headers())))
        .as("a redelivery")
        .isEqualTo(FundingCode.DUPLICATE_EVENT);
    assertThat(cash()).isEqualByComparingTo("99.50");
    assertThat(funding.deposit("d1").orElseThrow().status()).isEqualTo(DepositStatus.COMPLETED);
  }

  @Test
  void aFailedPayoutsWebhookReleasesTheHold() {
    funding.openUser("dan", KycStatus.APPROVED, null);
    funding.createDeposit("dan", "d1", d("500.00"));
    funding.applyDepositEvent("e0", "d1", DepositEventType.COMPLETED, null);
    Withdrawal w =
        funding.withdrawInstant("dan", "w1", d("100.00"), Destination.card("4242")).withdrawal();
    PayoutReceipt payout = gateway.startPayout(new PayoutRequest("w1", w.net(), w.destination()));
    assertThat(funding.funds("dan").orElseThrow().held()).isEqualByComparingTo("100.00");

    SignedWebhook failed = gateway.markPayoutFailed(payout.providerReference());

    assertThat(funding.apply(gateway.parseWebhook(failed.body(), failed.headers())))
        .isEqualTo(FundingCode.OK);
    assertThat(funding.withdrawal("w1").orElseThrow().status()).isEqualTo(WithdrawalStatus.FAILED);
    assertThat(funding.funds("dan").orElseThrow().held()).isEqualByComparingTo("0.00");
    assertThat(cash()).isEqualByComparingTo("500.00");
  }

  @Test
  void anEventThePlatformDoesNotActOnIsRecordedOnce() {
    SignedWebhook other = gateway.otherEvent("charge.dispute.created");
    ProviderEvent event = gateway.parseWebhook(other.body(), other.headers());

    assertThat(event).isInstanceOf(ProviderEvent.IgnoredEvent.class);
    assertThat(funding.apply(event)).isEqualTo(FundingCode.OK);
    assertThat(funding.apply(event)).isEqualTo(FundingCode.DUPLICATE_EVENT);
  }
}
