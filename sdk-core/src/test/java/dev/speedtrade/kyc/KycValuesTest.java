package dev.speedtrade.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The KYC values: their invariants, copies and redaction. */
class KycValuesTest {
  private static void assertInvalid(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(SpeedTradeException.class)
        .satisfies(
            e ->
                assertThat(((SpeedTradeException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void aReviewHasARejectTypeAndLabelsExactlyWhenRejected() {
    assertThat(KycReview.approved().rejectType()).isNull();
    assertThat(KycReview.pending().rejectLabels()).isEmpty();
    KycReview retry = KycReview.rejected(KycRejectType.RETRY, List.of("BAD_SELFIE"));
    assertThat(retry.status()).isEqualTo(KycStatus.REJECTED);
    assertThat(retry.mayRetry()).isTrue();
    assertThat(KycReview.rejected(KycRejectType.FINAL, List.of()).mayRetry()).isFalse();

    assertInvalid(() -> new KycReview(KycStatus.REJECTED, null, List.of()));
    assertInvalid(() -> new KycReview(KycStatus.APPROVED, KycRejectType.RETRY, List.of()));
    assertInvalid(() -> new KycReview(KycStatus.PENDING, null, List.of("FORGERY")));
    assertInvalid(() -> KycReview.rejected(KycRejectType.FINAL, Arrays.asList("FORGERY", null)));
    assertInvalid(() -> KycReview.rejected(KycRejectType.FINAL, List.of(" ")));
    assertInvalid(() -> new KycReview(null, null, List.of()));
  }

  @Test
  void aReviewKeepsItsOwnCopyOfTheLabels() {
    List<String> labels = new ArrayList<>(List.of("FORGERY"));
    KycReview review = KycReview.rejected(KycRejectType.FINAL, labels);
    labels.add("SCREENSHOTS");

    assertThat(review.rejectLabels()).containsExactly("FORGERY");
    assertThatThrownBy(() -> review.rejectLabels().add("X"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anAccessTokenNeverShowsItsToken() {
    KycAccessToken token =
        new KycAccessToken("alice", Secret.of("_act-sbx-TOKENVALUE"), Instant.EPOCH);

    assertThat(token.toString())
        .isEqualTo(
            "KycAccessToken[userId=alice, token=Secret[redacted], expiresAt=1970-01-01T00:00:00Z]");
    assertInvalid(() -> new KycAccessToken(" ", Secret.of("t"), Instant.EPOCH));
    assertInvalid(() -> new KycAccessToken("alice", null, Instant.EPOCH));
  }

  @Test
  void anApplicantAndAnEventNeedTheirIds() {
    assertInvalid(() -> new Applicant("", "alice"));
    assertInvalid(() -> new Applicant("abc", null));
    assertInvalid(() -> new KycWebhookEvent(" ", KycEventType.OTHER, "x", "abc", "alice", null));
    assertInvalid(() -> new KycWebhookEvent("k", KycEventType.OTHER, "x", "abc", " ", null));
    assertThat(new KycWebhookEvent("k", KycEventType.OTHER, "x", "abc", null, null).userId())
        .isNull();
  }

  @Test
  void aDeliveryIsAnImmutableCopyComparedByContent() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Payload-Digest", new ArrayList<>(List.of("ab")));
    KycWebhookDelivery delivery = new KycWebhookDelivery(body, headers);
    body[0] = 'x';
    headers.get("X-Payload-Digest").add("cd");
    delivery.body()[1] = 'x';

    assertThat(delivery.bodyText()).isEqualTo("{}");
    assertThat(delivery.headers()).containsExactly(Map.entry("X-Payload-Digest", List.of("ab")));
    assertThat(delivery)
        .isEqualTo(
            new KycWebhookDelivery(
                "{}".getBytes(StandardCharsets.UTF_8), Map.of("X-Payload-Digest", List.of("ab"))))
        .hasSameHashCodeAs(
            new KycWebhookDelivery(
                "{}".getBytes(StandardCharsets.UTF_8), Map.of("X-Payload-Digest", List.of("ab"))));
    assertThat(delivery.toString())
        .isEqualTo("KycWebhookDelivery[2 bytes, headers=[X-Payload-Digest]]");
    assertThat(delivery.header("x-payload-digest")).isEqualTo("ab");
    assertThat(delivery.header("X-Other")).isNull();
    assertInvalid(() -> new KycWebhookDelivery(null, Map.of()));
  }
}
