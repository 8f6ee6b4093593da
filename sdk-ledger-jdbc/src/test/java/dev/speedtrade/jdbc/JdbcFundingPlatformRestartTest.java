package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.funding.Deposit;
import dev.speedtrade.funding.DepositRequest;
import dev.speedtrade.funding.DepositSession;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.PaymentGateway;
import dev.speedtrade.funding.PayoutReceipt;
import dev.speedtrade.funding.PayoutRequest;
import dev.speedtrade.funding.ProviderDepositStatus;
import dev.speedtrade.funding.ProviderEvent;
import dev.speedtrade.funding.RefundReceipt;
import dev.speedtrade.funding.RefundRequest;
import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.funding.SimulatedPaymentGateway;
import dev.speedtrade.funding.Withdrawal;
import dev.speedtrade.funding.WithdrawalStatus;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycUpdateCode;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.kyc.MockKycProvider;
import dev.speedtrade.money.Money;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Funding and KYC on an H2 file through the facade: a user approved by the provider's webhook, a
 * deposit credited by the gateway's, and an instant withdrawal whose JVM stops after the provider
 * took the payout and before the platform recorded it. The platform opened again on the same file
 * finds the withdrawal held, starts its payout again, and the provider pays it once.
 */
class JdbcFundingPlatformRestartTest {
  /** Tuesday 2026-11-24, 10:30 in New York: the market open. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T15:30:00Z"), ZoneOffset.UTC);

  @TempDir Path directory;

  private final SimulatedBroker venue =
      SimulatedBroker.builder()
          .clock(CLOCK)
          .demoListings()
          .cash(Money.of("1000000.00", "USD"))
          .build();
  private final SimulatedPaymentGateway provider =
      SimulatedPaymentGateway.builder()
          .webhookSecret(Secret.of("whsec_restart"))
          .clock(CLOCK)
          .build();
  private final MockKycProvider identity =
      MockKycProvider.builder().webhookSecret(Secret.of("kyc_restart")).clock(CLOCK).build();

  private SpeedTrade platform(PaymentGateway payments) {
    return SpeedTrade.builder()
        .omnibus(new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
        .storage(JdbcStorage.h2File(directory.resolve("speedtrade")))
        .clock(CLOCK)
        .orderExecutor(Runnable::run)
        .payments(payments)
        .kyc(identity)
        .build();
  }

  @Test
  void aPayoutCutOffByTheJvmStoppingIsStartedAgainAfterARestartAndPaidOnce() {
    AtomicBoolean stopAfterPaying = new AtomicBoolean(true);
    PaymentGateway dying =
        new PaymentGateway() {
          @Override
          public DepositSession startDeposit(DepositRequest request) {
            return provider.startDeposit(request);
          }

          @Override
          public Optional<ProviderDepositStatus> depositStatus(String reference) {
            return provider.depositStatus(reference);
          }

          @Override
          public String saveDestination(String user, Destination destination) {
            return provider.saveDestination(user, destination);
          }

          @Override
          public PayoutReceipt startPayout(PayoutRequest request) {
            PayoutReceipt receipt = provider.startPayout(request);
            if (stopAfterPaying.getAndSet(false)) {
              throw new IllegalStateException("the JVM stops here");
            }
            return receipt;
          }

          @Override
          public RefundReceipt refund(RefundRequest request) {
            return provider.refund(request);
          }

          @Override
          public ProviderEvent parseWebhook(byte[] body, Map<String, List<String>> headers) {
            return provider.parseWebhook(body, headers);
          }
        };

    try (SpeedTrade first = platform(dying)) {
      FundingService funding = first.funding();
      funding.openUser("ivy", KycStatus.PENDING, null);
      String applicant = first.kyc().start("ivy").verification().applicantId();
      KycWebhookDelivery green = identity.approve(applicant);
      assertThat(first.kyc().handleWebhook(green.body(), green.headers()).code())
          .isEqualTo(KycUpdateCode.APPLIED);
      Deposit deposit = funding.createDeposit("ivy", "d1", new BigDecimal("1000.00")).deposit();
      SignedWebhook paid = provider.completeDeposit(deposit.session().providerReference());
      assertThat(funding.apply(provider.parseWebhook(paid.body(), paid.headers())))
          .isEqualTo(FundingCode.OK);

      assertThatThrownBy(
              () ->
                  funding.withdrawInstant(
                      "ivy",
                      "w1",
                      new BigDecimal("200.00"),
                      Destination.bank("002010077777777771")))
          .hasMessage("the JVM stops here");
    }

    try (SpeedTrade second = platform(provider)) {
      FundingService funding = second.funding();
      assertThat(second.kyc().status("ivy")).isEqualTo(KycStatus.APPROVED);
      Withdrawal held = funding.withdrawal("w1").orElseThrow();
      assertThat(held.status()).isEqualTo(WithdrawalStatus.PROCESSING);
      assertThat(held.payoutReference()).isNull();
      assertThat(held.destination().masked()).isEqualTo("bank:****7771");
      assertThat(funding.funds("ivy").orElseThrow().held()).isEqualByComparingTo("200.00");

      List<Withdrawal> resumed = funding.resumePayouts();

      assertThat(resumed).extracting(Withdrawal::payoutReference).containsExactly("sim_po_1");
      assertThat(provider.payouts()).as("the provider paid once").hasSize(1);
      SignedWebhook paid = provider.markPayoutPaid("sim_po_1");
      assertThat(funding.apply(provider.parseWebhook(paid.body(), paid.headers())))
          .isEqualTo(FundingCode.OK);
      assertThat(funding.apply(provider.parseWebhook(paid.body(), paid.headers())))
          .isEqualTo(FundingCode.DUPLICATE_EVENT);
      assertThat(funding.withdrawal("w1").orElseThrow().status())
          .isEqualTo(WithdrawalStatus.COMPLETED);
      assertThat(funding.funds("ivy").orElseThrow().cash()).isEqualByComparingTo("800.00");
    }
  }
}
