package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.net.Webhook;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.DepositEventType;
import dev.speedtrade.funding.DepositRequest;
import dev.speedtrade.funding.DepositSession;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.PayoutEventType;
import dev.speedtrade.funding.PayoutReceipt;
import dev.speedtrade.funding.PayoutRequest;
import dev.speedtrade.funding.ProviderDepositStatus;
import dev.speedtrade.funding.ProviderEvent;
import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.kyc.Applicant;
import dev.speedtrade.kyc.KycEventType;
import dev.speedtrade.kyc.KycReview;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.kyc.KycWebhookEvent;
import dev.speedtrade.secret.Secret;
import dev.speedtrade.stripe.StripeConfig;
import dev.speedtrade.stripe.StripePaymentGateway;
import dev.speedtrade.sumsub.SumsubConfig;
import dev.speedtrade.sumsub.SumsubKycProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's provider stand-ins, in the demo's setting: the SDK's Stripe and Sumsub adapters call
 * them on 127.0.0.1, their webhooks carry the signatures the providers' own schemes compute
 * (checked with stripe-java's {@code Webhook} and an HMAC of the test's own), and the adapters
 * refuse a tampered one.
 */
class DemoStandInsTest {
  private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-24T15:00:00Z"));
  private final StripeStandIn stripe = StripeStandIn.start(clock);
  private final SumsubStandIn sumsub = SumsubStandIn.start(clock);
  private final StripePaymentGateway gateway = StripePaymentGateway.create(stripe.config());
  private final SumsubKycProvider identity = SumsubKycProvider.create(sumsub.config());

  @AfterEach
  void stop() {
    stripe.close();
    sumsub.close();
  }

  private SignedWebhook paidDeposit() {
    DepositSession session =
        gateway.startDeposit(new DepositRequest("dep-1", "nora", new BigDecimal("20000.00")));
    assertThat(session.providerReference()).startsWith("cs_test_");
    return stripe.completeCheckout(session.providerReference());
  }

  private static String header(SignedWebhook webhook, String name) {
    List<String> values = webhook.headers().get(name);
    assertThat(values).as(name).hasSize(1);
    return values.get(0);
  }

  @Test
  void theStandInsJsonFilesAreTheAdaptersTestFixturesUnchanged() throws IOException {
    Map<String, Path> fixtures =
        Map.of(
            "stripe", Path.of("..", "sdk-payments-stripe", "src", "test", "resources", "stripe"),
            "sumsub", Path.of("..", "sdk-kyc-sumsub", "src", "test", "resources", "sumsub"));
    Path copies = Path.of("src", "main", "resources", "dev", "speedtrade", "examples", "cli");
    int compared = 0;
    for (Map.Entry<String, Path> provider : fixtures.entrySet()) {
      try (Stream<Path> files = Files.list(copies.resolve(provider.getKey()))) {
        for (Path copy : files.filter(f -> f.toString().endsWith(".json")).toList()) {
          assertThat(copy)
              .as(copy.toString())
              .hasSameTextualContentAs(provider.getValue().resolve(copy.getFileName()));
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(16);
  }

  @Test
  void bothStandInsListenOnTheLoopbackAddressOnly() {
    assertThat(stripe.apiBase().getHost()).isEqualTo("127.0.0.1");
    assertThat(sumsub.config().baseUrl()).startsWith("http://127.0.0.1:");
    assertThat(StripeStandIn.API_KEY).startsWith("sk_test_");
  }

  @Test
  void aCheckoutSessionCompletedIsSignedAsStripeJavaComputesAndTheGatewayReadsIt()
      throws Exception {
    SignedWebhook webhook = paidDeposit();
    String body = new String(webhook.body(), StandardCharsets.UTF_8);
    String signature = header(webhook, "Stripe-Signature");
    long timestamp = clock.instant().getEpochSecond();

    assertThat(signature)
        .isEqualTo(
            "t="
                + timestamp
                + ",v1="
                + Webhook.Util.computeHmacSha256(
                    StripeStandIn.WEBHOOK_SECRET, timestamp + "." + body));
    assertThat(
            Webhook.Signature.verifyHeader(
                body, signature, StripeStandIn.WEBHOOK_SECRET, 300, clock))
        .isTrue();
    assertThat(Webhook.constructEvent(body, signature, StripeStandIn.WEBHOOK_SECRET, 300, clock))
        .satisfies(
            event -> {
              assertThat(event.getType()).isEqualTo("checkout.session.completed");
              assertThat(event.getId()).startsWith("evt_");
            });
    assertThat(body)
        .contains(
            "\"object\":\"checkout.session\"",
            "\"amount_total\":2000000",
            "\"payment_status\":\"paid\"",
            "\"deposit_id\":\"dep-1\"");

    ProviderEvent event = gateway.parseWebhook(webhook.body(), webhook.headers());
    assertThat(event).isInstanceOf(ProviderEvent.DepositEvent.class);
    ProviderEvent.DepositEvent deposit = (ProviderEvent.DepositEvent) event;
    assertThat(deposit.depositId()).isEqualTo("dep-1");
    assertThat(deposit.type()).isEqualTo(DepositEventType.COMPLETED);
    assertThat(deposit.confirmedAmount()).isEqualByComparingTo("20000.00");
  }

  @Test
  void aTamperedStripeWebhookIsRefusedByTheGatewayAsAnInvalidSignature() {
    SignedWebhook webhook = paidDeposit();
    String body = new String(webhook.body(), StandardCharsets.UTF_8);
    String raised = body.replace("\"amount_total\":2000000", "\"amount_total\":9000000");
    assertThat(raised).isNotEqualTo(body);

    assertThatThrownBy(
            () -> gateway.parseWebhook(raised.getBytes(StandardCharsets.UTF_8), webhook.headers()))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE);
              assertThat(e.code().category()).isEqualTo(ErrorCode.Category.BAD_INPUT);
            });
    SignedWebhook forged =
        StripeStandIn.sign(body, clock.instant().getEpochSecond(), "whsec_someoneElsesSecret");
    assertThatThrownBy(() -> gateway.parseWebhook(forged.body(), forged.headers()))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
  }

  @Test
  void aStripeWebhookSignedLongBeforeTheClockIsRefused() {
    SignedWebhook webhook = paidDeposit();
    clock.set(clock.instant().plus(Duration.ofMinutes(6)));

    assertThatThrownBy(() -> gateway.parseWebhook(webhook.body(), webhook.headers()))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
  }

  @Test
  void aPayoutToTheSavedCardIsPaidAndItsWebhookNamesTheWithdrawal() {
    Destination card = Destination.card("4242");
    String token = gateway.saveDestination("nora", card);
    PayoutReceipt receipt =
        gateway.startPayout(
            new PayoutRequest(
                "wd-1", new BigDecimal("491.25"), Destination.Saved.of("nora", card, token)));
    SignedWebhook webhook = stripe.payoutPaid(receipt.providerReference());

    assertThat(token).startsWith("card_");
    assertThat(receipt.providerReference()).startsWith("po_");
    assertThat(new String(webhook.body(), StandardCharsets.UTF_8))
        .contains("\"type\":\"payout.paid\"", "\"amount\":49125", "\"method\":\"instant\"");
    ProviderEvent event = gateway.parseWebhook(webhook.body(), webhook.headers());
    assertThat(event)
        .isEqualTo(new ProviderEvent.PayoutEvent(event.eventId(), "wd-1", PayoutEventType.PAID));
  }

  @Test
  void theGatewayReadsTheSessionsStatusFromTheStandInAndAReusedKeyReplaysTheSession() {
    DepositRequest request = new DepositRequest("dep-1", "nora", new BigDecimal("20000.00"));
    DepositSession session = gateway.startDeposit(request);

    assertThat(gateway.startDeposit(request)).isEqualTo(session);
    assertThat(gateway.depositStatus(session.providerReference()))
        .contains(ProviderDepositStatus.of(ProviderDepositStatus.State.PENDING));
    stripe.completeCheckout(session.providerReference());
    assertThat(gateway.depositStatus(session.providerReference()))
        .contains(ProviderDepositStatus.completed(new BigDecimal("20000.00")));
    assertThat(gateway.depositStatus("cs_test_unknown")).isEmpty();
  }

  @Test
  void theStripeStandInRefusesAnotherApiKeyAsStripeDoes() {
    StripeConfig config = stripe.config();
    StripePaymentGateway stranger =
        StripePaymentGateway.create(
            StripeConfig.builder()
                .apiKey(Secret.of("sk_test_someoneElsesKey"))
                .webhookSecret(config.webhookSecret())
                .payoutAccount(config.payoutAccount())
                .successUrl(config.successUrl())
                .cancelUrl(config.cancelUrl())
                .apiBase(config.apiBase())
                .maxNetworkRetries(0)
                .clock(clock)
                .build());

    assertThatThrownBy(
            () ->
                stranger.startDeposit(
                    new DepositRequest("dep-1", "nora", new BigDecimal("20000.00"))))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }

  @Test
  void anApplicantReviewedWebhookCarriesSumsubsDigestAndTheProviderReadsIt() throws Exception {
    Applicant applicant = identity.createApplicant("nora");
    KycWebhookDelivery webhook = sumsub.approve(applicant.applicantId());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            SumsubStandIn.WEBHOOK_SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

    assertThat(webhook.headers().get("X-Payload-Digest"))
        .containsExactly(HexFormat.of().formatHex(mac.doFinal(webhook.body())));
    assertThat(webhook.headers().get("X-Payload-Digest-Alg")).containsExactly("HMAC_SHA256_HEX");
    KycWebhookEvent event = identity.verifyWebhook(webhook.body(), webhook.headers());
    assertThat(event.type()).isEqualTo(KycEventType.REVIEWED);
    assertThat(event.providerType()).isEqualTo("applicantReviewed");
    assertThat(event.applicantId()).isEqualTo(applicant.applicantId());
    assertThat(event.userId()).isEqualTo("nora");
    assertThat(event.review()).isEqualTo(KycReview.approved());
    assertThat(identity.review(applicant.applicantId())).isEqualTo(KycReview.approved());
  }

  @Test
  void aTamperedSumsubWebhookIsRefusedAsAnInvalidSignature() {
    Applicant applicant = identity.createApplicant("nora");
    KycWebhookDelivery webhook = sumsub.approve(applicant.applicantId());
    String body = new String(webhook.body(), StandardCharsets.UTF_8);
    String other = body.replace("\"externalUserId\":\"nora\"", "\"externalUserId\":\"mallory\"");
    assertThat(other).isNotEqualTo(body);
    Map<String, List<String>> otherKey = new LinkedHashMap<>(webhook.headers());
    otherKey.put(
        "X-Payload-Digest",
        List.of(SumsubStandIn.digest(webhook.body(), "someoneElsesWebhookKey")));

    assertThatThrownBy(
            () -> identity.verifyWebhook(other.getBytes(StandardCharsets.UTF_8), webhook.headers()))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
    assertThatThrownBy(() -> identity.verifyWebhook(webhook.body(), otherKey))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
  }

  @Test
  void theSumsubStandInRefusesARequestSignedWithAnotherSecretKey() {
    SumsubKycProvider stranger =
        SumsubKycProvider.create(
            SumsubConfig.builder()
                .appToken(Secret.of(SumsubStandIn.APP_TOKEN))
                .secretKey(Secret.of("someoneElsesSecretKey"))
                .webhookSecretKey(Secret.of(SumsubStandIn.WEBHOOK_SECRET_KEY))
                .levelName(SumsubStandIn.LEVEL)
                .baseUrl(sumsub.config().baseUrl())
                .clock(Clock.fixed(clock.instant(), ZoneOffset.UTC))
                .build());

    assertThatThrownBy(() -> stranger.createApplicant("nora"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }

  @Test
  void creatingAnApplicantTwiceAnswersTheFirstOneThroughSumsubs409() {
    Applicant first = identity.createApplicant("nora");

    assertThat(identity.createApplicant("nora")).isEqualTo(first);
    assertThat(first.applicantId()).matches("[0-9a-f]{24}");
    assertThat(identity.review(first.applicantId())).isEqualTo(KycReview.pending());
  }
}
