package dev.speedtrade.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The simulated provider's webhook signature: the scheme, the tolerance and every refusal. */
class WebhookSignatureTest {
  private static final String SECRET = "whsec_unit_test_secret";
  private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
  private static final long T = NOW.getEpochSecond();
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"type\":\"deposit.failed\"}".getBytes(StandardCharsets.UTF_8);

  private final MutableClock clock = new MutableClock(NOW);
  private final WebhookSignature signature =
      new WebhookSignature(Secret.of(SECRET), clock, WebhookSignature.DEFAULT_TOLERANCE);

  @Test
  void theHeaderIsTheHmacSha256OfTheTimestampAPointAndTheBodyInLowerCaseHex() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] signed =
        (T + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

    assertThat(signature.sign(T, BODY))
        .isEqualTo("t=" + T + ",v1=" + HexFormat.of().formatHex(mac.doFinal(signed)))
        .matches("t=[0-9]+,v1=[0-9a-f]{64}");
  }

  @Test
  void acceptsAGenuineSignature() {
    assertThatCode(() -> signature.verify(BODY, header(signature.sign(T, BODY))))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesASignatureMadeWithAnotherSecret() {
    WebhookSignature forger =
        new WebhookSignature(Secret.of("whsec_guess"), clock, WebhookSignature.DEFAULT_TOLERANCE);

    refused(BODY, header(forger.sign(T, BODY)), "no v1");
  }

  @Test
  void refusesAnAlteredBody() {
    Map<String, List<String>> genuine = header(signature.sign(T, BODY));
    byte[] altered = BODY.clone();
    altered[altered.length - 3] ^= 1;
    byte[] longer = new byte[BODY.length + 1];
    System.arraycopy(BODY, 0, longer, 0, BODY.length);
    longer[BODY.length] = ' ';

    refused(altered, genuine, "no v1");
    refused(longer, genuine, "no v1");
    refused(new byte[0], genuine, "no v1");
  }

  @Test
  void refusesASignatureMovedToAnotherTimestamp() {
    String genuine = signature.sign(T, BODY);
    String moved = genuine.replace("t=" + T, "t=" + (T + 1));

    refused(BODY, header(moved), "no v1");
  }

  @Test
  void acceptsUpToTheToleranceEitherWayAndRefusesBeyondIt() {
    Map<String, List<String>> genuine = header(signature.sign(T, BODY));

    clock.set(NOW.plusSeconds(300));
    assertThatCode(() -> signature.verify(BODY, genuine)).doesNotThrowAnyException();
    clock.set(NOW.minusSeconds(300));
    assertThatCode(() -> signature.verify(BODY, genuine)).doesNotThrowAnyException();

    clock.set(NOW.plusSeconds(301));
    refused(BODY, genuine, "outside the tolerance of PT5M");
    clock.set(NOW.minusSeconds(301));
    refused(BODY, genuine, "outside the tolerance of PT5M");
  }

  @Test
  void refusesATimestampTooOldOrTooFarInTheFuture() {
    refused(BODY, header(signature.sign(T - 3600, BODY)), "signed at 2026-03-02T14:00:00Z");
    refused(BODY, header(signature.sign(T + 3600, BODY)), "signed at 2026-03-02T16:00:00Z");
  }

  @Test
  void theToleranceIsConfigurable() {
    WebhookSignature strict =
        new WebhookSignature(Secret.of(SECRET), clock, Duration.ofSeconds(10));
    Map<String, List<String>> genuine = header(strict.sign(T, BODY));

    clock.set(NOW.plusSeconds(10));
    assertThatCode(() -> strict.verify(BODY, genuine)).doesNotThrowAnyException();
    clock.set(NOW.plusSeconds(11));
    refused(strict, BODY, genuine, "outside the tolerance of PT10S");
  }

  @Test
  void acceptsSeveralV1WhenOneMatchesInAnyPlace() {
    String genuine = signature.sign(T, BODY).substring(("t=" + T + ",").length());
    String other = "v1=" + "ab".repeat(32);

    for (String value :
        List.of(
            "t=" + T + "," + other + "," + genuine,
            "t=" + T + "," + genuine + "," + other,
            other + "," + genuine + ",t=" + T)) {
      assertThatCode(() -> signature.verify(BODY, header(value)))
          .as(value)
          .doesNotThrowAnyException();
    }
    refused(BODY, header("t=" + T + "," + other + ",v1=" + "cd".repeat(32)), "no v1");
  }

  @Test
  void acceptsUpperCaseHexSpacesAroundPartsAndIgnoresOtherKeys() {
    String genuine = signature.sign(T, BODY);
    String hex = genuine.substring(genuine.indexOf("v1=") + 3);

    for (String value :
        List.of(
            "t=" + T + ",v1=" + hex.toUpperCase(java.util.Locale.ROOT),
            " t=" + T + " , v1=" + hex + " ",
            "t=" + T + ",v0=legacy,v1=" + hex + ",scheme=hmac")) {
      assertThatCode(() -> signature.verify(BODY, header(value)))
          .as(value)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void matchesTheHeaderNameIgnoringCase() {
    String genuine = signature.sign(T, BODY);

    for (String name :
        List.of("X-SPEEDTRADE-SIGNATURE", "x-speedtrade-signature", "X-Speedtrade-Signature")) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      headers.put("content-type", List.of("application/json"));
      headers.put(name, List.of(genuine));
      assertThatCode(() -> signature.verify(BODY, headers)).as(name).doesNotThrowAnyException();
    }
  }

  @Test
  void refusesAMissingBlankOrRepeatedHeader() {
    String genuine = signature.sign(T, BODY);
    Map<String, List<String>> twoNames = new LinkedHashMap<>();
    twoNames.put("X-Speedtrade-Signature", List.of(genuine));
    twoNames.put("x-speedtrade-signature", List.of(genuine));
    Map<String, List<String>> nullName = new LinkedHashMap<>();
    nullName.put(null, List.of("HTTP/1.1 200 OK"));

    refused(BODY, Map.of(), "has no X-Speedtrade-Signature header");
    refused(BODY, Map.of("Content-Type", List.of("application/json")), "has no X-Speedtrade");
    refused(BODY, nullName, "has no X-Speedtrade-Signature header");
    refused(BODY, Map.of("X-Speedtrade-Signature", List.of()), "has no X-Speedtrade");
    refused(BODY, header(" "), "blank");
    refused(BODY, Map.of("X-Speedtrade-Signature", List.of(genuine, genuine)), "2 X-Speedtrade");
    refused(BODY, twoNames, "2 X-Speedtrade");
  }

  @Test
  void refusesAMalformedHeader() {
    String hex = "ab".repeat(32);

    refused(BODY, header("v1=" + hex), "has no t");
    refused(BODY, header("t=" + T), "has no v1");
    refused(BODY, header("t=" + T + ",v0=" + hex), "has no v1");
    refused(BODY, header("t=-" + T + ",v1=" + hex), "one t of epoch seconds");
    refused(BODY, header("t=12a,v1=" + hex), "one t of epoch seconds");
    refused(BODY, header("t=,v1=" + hex), "one t of epoch seconds");
    refused(BODY, header("t=1234567890123456789,v1=" + hex), "one t of epoch seconds");
    refused(BODY, header("t=" + T + ",t=" + T + ",v1=" + hex), "one t of epoch seconds");
    refused(BODY, header("t=" + T + ",v1=" + hex.substring(2)), "not 64 hex digits");
    refused(BODY, header("t=" + T + ",v1=" + "zz".repeat(32)), "not 64 hex digits");
    refused(BODY, header("t=" + T + ",v1=" + hex + ","), "not key=value");
    refused(BODY, header("t=" + T + "," + hex), "not key=value");
    refused(BODY, header("=" + T + ",v1=" + hex), "not key=value");
    refused(BODY, header("sha256=" + hex), "has no t");
  }

  @Test
  void noRefusalNamesTheSecret() {
    WebhookSignature forger =
        new WebhookSignature(Secret.of("whsec_guess"), clock, WebhookSignature.DEFAULT_TOLERANCE);

    assertThatThrownBy(() -> signature.verify(BODY, header(forger.sign(T, BODY))))
        .isInstanceOf(SpeedTradeException.class)
        .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET));
  }

  private static Map<String, List<String>> header(String value) {
    return Map.of("X-Speedtrade-Signature", List.of(value));
  }

  private void refused(byte[] body, Map<String, List<String>> headers, String message) {
    refused(signature, body, headers, message);
  }

  private static void refused(
      WebhookSignature verifier, byte[] body, Map<String, List<String>> headers, String message) {
    assertThatThrownBy(() -> verifier.verify(body, headers))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE))
        .hasMessageContaining(message);
  }
}
