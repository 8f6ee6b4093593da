package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KycProvider} in memory, deterministic, for tests and demos: no network, no real
 * verification. An applicant is pending until a test decides with {@link #approve}, {@link #reject}
 * or {@link #markPending}; each of these commands returns the signed webhook the platform would
 * receive from a provider, to be fed to the platform's webhook handling (which hands it back to
 * {@link #verifyWebhook}).
 *
 * <p><b>Determinism:</b> a user's applicant id is derived from the user id alone (24 lower-case hex
 * digits, the shape of Sumsub's ids), so it is the same in every run; access tokens and the events'
 * correlation ids count up per instance; times come from the injected clock.
 *
 * <p><b>Webhooks:</b> signed as Sumsub signs them: the hex HMAC of the raw body under the webhook
 * secret in {@code X-Payload-Digest}, the algorithm ({@code HMAC_SHA256_HEX} unless the builder
 * names {@code HMAC_SHA1_HEX} or {@code HMAC_SHA512_HEX}) in {@code X-Payload-Digest-Alg}; the body
 * is JSON in the shape of Sumsub's applicant webhooks. {@link #verifyWebhook} checks the signature
 * first (a missing, forged or altered one is {@link ErrorCode#INVALID_SIGNATURE}), then reads only
 * webhooks this instance sent. Like Sumsub's, the digest covers no timestamp: a replayed delivery
 * verifies again, with the same {@link KycWebhookEvent#eventKey()}; skipping keys already applied
 * is the platform's job.
 *
 * <p>Thread-safe. Everything stays in memory for the instance's life, every webhook sent included:
 * a tool for tests and demos, not for production.
 */
public final class MockKycProvider implements KycProvider {
  /** The level name the mock's webhooks carry. */
  public static final String LEVEL_NAME = "mock-kyc-level";

  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final Secret webhookSecret;
  private final Clock clock;
  private final Duration accessTokenTtl;
  private final String digestAlgorithm;

  private final Object lock = new Object();
  private final Map<String, Applicant> applicantsByUser = new HashMap<>();
  private final Map<String, Applicant> applicantsById = new HashMap<>();
  private final Map<String, KycReview> reviews = new HashMap<>();

  /** Each webhook this instance sent, by the SHA-256 of its body. */
  private final Map<String, KycWebhookEvent> sent = new HashMap<>();

  private long sequence;

  private MockKycProvider(Builder builder) {
    this.webhookSecret = Objects.requireNonNull(builder.webhookSecret, "webhookSecret");
    this.clock = builder.clock;
    this.accessTokenTtl = builder.accessTokenTtl;
    this.digestAlgorithm = builder.digestAlgorithm;
  }

  /** Returns a builder; a webhook secret is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@inheritDoc} The applicant id is derived from the user id, the same in every run. */
  @Override
  public Applicant createApplicant(String userId) {
    KycValues.requireText(userId, "user id");
    synchronized (lock) {
      return applicantsByUser.computeIfAbsent(
          userId,
          user -> {
            Applicant applicant =
                new Applicant(sha256("mock-applicant:" + user).substring(0, 24), user);
            applicantsById.put(applicant.applicantId(), applicant);
            reviews.put(applicant.applicantId(), KycReview.pending());
            return applicant;
          });
    }
  }

  /**
   * {@inheritDoc} The token counts up per instance; it expires the builder's time to live after the
   * clock's now. The user needs no applicant yet (a provider's SDK creates it).
   */
  @Override
  public KycAccessToken accessToken(String userId) {
    KycValues.requireText(userId, "user id");
    long number;
    synchronized (lock) {
      number = ++sequence;
    }
    String token = "_act-mock-" + sha256("mock-token:" + userId + ":" + number).substring(0, 32);
    return new KycAccessToken(userId, Secret.of(token), clock.instant().plus(accessTokenTtl));
  }

  @Override
  public KycReview review(String applicantId) {
    KycValues.requireText(applicantId, "applicant id");
    synchronized (lock) {
      KycReview review = reviews.get(applicantId);
      if (review == null) {
        throw notFound(applicantId);
      }
      return review;
    }
  }

  /**
   * {@inheritDoc} Only webhooks this instance sent are read; a correctly signed body it did not
   * send is {@link ErrorCode#INVALID_ARGUMENT}.
   */
  @Override
  public KycWebhookEvent verifyWebhook(byte[] body, Map<String, List<String>> headers) {
    KycValues.requireNonNull(body, "body");
    KycValues.requireNonNull(headers, "headers");
    PayloadDigest.verify(body, headers, webhookSecret);
    KycWebhookEvent event;
    synchronized (lock) {
      event = sent.get(sha256(body));
    }
    if (event == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "a signed webhook this MockKycProvider did not send");
    }
    return event;
  }

  /**
   * Marks the applicant as submitted and under review, as when the user finished the SDK's steps.
   *
   * @param applicantId the applicant
   * @return the signed {@code applicantPending} webhook
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id, {@link
   *     ErrorCode#APPLICANT_NOT_FOUND} for an unknown one
   */
  public KycWebhookDelivery markPending(String applicantId) {
    return decide(applicantId, KycEventType.PENDING, KycReview.pending());
  }

  /**
   * Approves the applicant (Sumsub's {@code GREEN}).
   *
   * @param applicantId the applicant
   * @return the signed {@code applicantReviewed} webhook
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id, {@link
   *     ErrorCode#APPLICANT_NOT_FOUND} for an unknown one
   */
  public KycWebhookDelivery approve(String applicantId) {
    return decide(applicantId, KycEventType.REVIEWED, KycReview.approved());
  }

  /**
   * Rejects the applicant (Sumsub's {@code RED}), for good or with leave to retry.
   *
   * @param applicantId the applicant
   * @param rejectType whether the user may retry
   * @param rejectLabels the reasons, possibly none (Sumsub's labels, such as {@code
   *     UNSATISFACTORY_PHOTOS})
   * @return the signed {@code applicantReviewed} webhook
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id, a null
   *     type or labels, or a blank label; {@link ErrorCode#APPLICANT_NOT_FOUND} for an unknown
   *     applicant
   */
  public KycWebhookDelivery reject(
      String applicantId, KycRejectType rejectType, List<String> rejectLabels) {
    return decide(applicantId, KycEventType.REVIEWED, KycReview.rejected(rejectType, rejectLabels));
  }

  private KycWebhookDelivery decide(String applicantId, KycEventType type, KycReview review) {
    KycValues.requireText(applicantId, "applicant id");
    synchronized (lock) {
      Applicant applicant = applicantsById.get(applicantId);
      if (applicant == null) {
        throw notFound(applicantId);
      }
      reviews.put(applicantId, review);
      String providerType = type == KycEventType.PENDING ? "applicantPending" : "applicantReviewed";
      String correlationId = "mock-req-" + String.format("%08d", ++sequence);
      byte[] body = body(applicant, providerType, correlationId, review);
      KycWebhookEvent event =
          new KycWebhookEvent(
              "mock:" + providerType + ":" + applicantId + ":" + correlationId,
              type,
              providerType,
              applicantId,
              applicant.userId(),
              review);
      sent.put(sha256(body), event);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      headers.put("Content-Type", List.of("application/json; charset=utf-8"));
      headers.put(PayloadDigest.ALGORITHM_HEADER, List.of(digestAlgorithm));
      headers.put(
          PayloadDigest.DIGEST_HEADER,
          List.of(PayloadDigest.sign(digestAlgorithm, webhookSecret, body)));
      return new KycWebhookDelivery(body, headers);
    }
  }

  /** The webhook's JSON, in the shape of Sumsub's applicant webhooks. */
  private byte[] body(
      Applicant applicant, String providerType, String correlationId, KycReview review) {
    StringBuilder json = new StringBuilder("{");
    field(json, "applicantId", applicant.applicantId()).append(',');
    field(json, "correlationId", correlationId).append(',');
    field(json, "externalUserId", applicant.userId()).append(',');
    field(json, "levelName", LEVEL_NAME).append(',');
    field(json, "type", providerType).append(',');
    if (review.status() != KycStatus.PENDING) {
      json.append("\"reviewResult\":{");
      field(json, "reviewAnswer", review.status() == KycStatus.APPROVED ? "GREEN" : "RED");
      if (review.status() == KycStatus.REJECTED) {
        json.append(",\"rejectLabels\":[");
        for (int i = 0; i < review.rejectLabels().size(); i++) {
          json.append(i == 0 ? "" : ",");
          string(json, review.rejectLabels().get(i));
        }
        json.append("],");
        field(json, "reviewRejectType", String.valueOf(review.rejectType()));
      }
      json.append("},");
    }
    field(json, "reviewStatus", review.status() == KycStatus.PENDING ? "pending" : "completed");
    json.append(',');
    field(json, "createdAtMs", CREATED_AT.format(clock.instant()));
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    string(json, name).append(':');
    return string(json, value);
  }

  private static StringBuilder string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }

  private static SpeedTradeException notFound(String applicantId) {
    return new SpeedTradeException(
        ErrorCode.APPLICANT_NOT_FOUND, "no applicant " + applicantId + " at the MockKycProvider");
  }

  private static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      // Every JDK ships SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Returns the algorithm and the token lifetime; never the webhook secret. */
  @Override
  public String toString() {
    return "MockKycProvider{digestAlgorithm="
        + digestAlgorithm
        + ", accessTokenTtl="
        + accessTokenTtl
        + ", webhookSecret="
        + webhookSecret
        + "}";
  }

  /** Builds a {@link MockKycProvider}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Secret webhookSecret;
    private Clock clock = Clock.systemUTC();
    private Duration accessTokenTtl = Duration.ofMinutes(10);
    private String digestAlgorithm = "HMAC_SHA256_HEX";

    private Builder() {}

    /** Sets the secret the webhooks are signed with (required). */
    public Builder webhookSecret(Secret webhookSecret) {
      this.webhookSecret = Objects.requireNonNull(webhookSecret, "webhookSecret");
      return this;
    }

    /**
     * Sets the clock of the tokens' expiry and the webhooks' times (the system UTC clock by
     * default).
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long an access token lives (10 minutes by default).
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a duration that is not
     *     positive
     */
    public Builder accessTokenTtl(Duration accessTokenTtl) {
      if (Objects.requireNonNull(accessTokenTtl, "accessTokenTtl").isNegative()
          || accessTokenTtl.isZero()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "access token TTL must be positive, got " + accessTokenTtl);
      }
      this.accessTokenTtl = accessTokenTtl;
      return this;
    }

    /**
     * Sets the digest algorithm of the webhooks: {@code HMAC_SHA1_HEX}, {@code HMAC_SHA256_HEX}
     * (the default) or {@code HMAC_SHA512_HEX}, as Sumsub names them.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for any other name
     */
    public Builder digestAlgorithm(String digestAlgorithm) {
      if (PayloadDigest.javaName(Objects.requireNonNull(digestAlgorithm, "digestAlgorithm"))
          == null) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "digest algorithm must be HMAC_SHA1_HEX, HMAC_SHA256_HEX or HMAC_SHA512_HEX, got "
                + digestAlgorithm);
      }
      this.digestAlgorithm = digestAlgorithm;
      return this;
    }

    /**
     * Returns the provider.
     *
     * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} when no webhook secret was set
     */
    public MockKycProvider build() {
      if (webhookSecret == null) {
        throw new SpeedTradeException(
            ErrorCode.MISSING_ADAPTER,
            "MockKycProvider needs a webhook secret: call MockKycProvider.builder().webhookSecret(...)");
      }
      return new MockKycProvider(this);
    }
  }
}
