package dev.speedtrade.sumsub;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * How {@link SumsubKycProvider} reaches Sumsub: the app token and its secret key (from the
 * dashboard's App Tokens page; a sandbox pair reaches the sandbox), the base URL, the verification
 * level applicants are created at and access tokens are issued for, the webhook secret key (set on
 * the webhook in the dashboard; not the app token's secret), how long an access token lives, the
 * timeout of each call, and the clock that stamps requests and expiries.
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows no secret.
 */
public final class SumsubConfig {
  /** Sumsub's API, for both the sandbox and production (the app token decides which). */
  public static final String DEFAULT_BASE_URL = "https://api.sumsub.com";

  private final Secret appToken;
  private final Secret secretKey;
  private final Secret webhookSecretKey;
  private final String levelName;
  private final HttpUrl baseUrl;
  private final Clock clock;
  private final Duration accessTokenTtl;
  private final Duration timeout;

  private SumsubConfig(Builder builder) {
    this.appToken = Objects.requireNonNull(builder.appToken, "appToken");
    this.secretKey = Objects.requireNonNull(builder.secretKey, "secretKey");
    this.webhookSecretKey = Objects.requireNonNull(builder.webhookSecretKey, "webhookSecretKey");
    this.levelName = Objects.requireNonNull(builder.levelName, "levelName");
    this.baseUrl = builder.baseUrl;
    this.clock = builder.clock;
    this.accessTokenTtl = builder.accessTokenTtl;
    this.timeout = builder.timeout;
  }

  /** Returns a builder; the app token, secret key, webhook secret key and level are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the app token, sent as {@code X-App-Token}. */
  public Secret appToken() {
    return appToken;
  }

  /** Returns the app token's secret key, which signs every request. */
  public Secret secretKey() {
    return secretKey;
  }

  /** Returns the secret key webhooks are digested with. */
  public Secret webhookSecretKey() {
    return webhookSecretKey;
  }

  /**
   * Returns the verification level's name, exactly as in the dashboard (names are case-sensitive).
   */
  public String levelName() {
    return levelName;
  }

  /** Returns the base URL, {@value #DEFAULT_BASE_URL} unless set. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  HttpUrl baseHttpUrl() {
    return baseUrl;
  }

  /** Returns the clock of the requests' timestamps and the tokens' expiries. */
  public Clock clock() {
    return clock;
  }

  /** Returns how long an access token lives (Sumsub's {@code ttlInSecs}); 10 minutes unless set. */
  public Duration accessTokenTtl() {
    return accessTokenTtl;
  }

  /** Returns the bound on each call, connect to last byte; 10 seconds unless set. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns the URL, level and durations; the three secrets show as {@code Secret[redacted]}. */
  @Override
  public String toString() {
    return "SumsubConfig{baseUrl="
        + baseUrl
        + ", levelName="
        + levelName
        + ", appToken="
        + appToken
        + ", secretKey="
        + secretKey
        + ", webhookSecretKey="
        + webhookSecretKey
        + ", accessTokenTtl="
        + accessTokenTtl
        + ", timeout="
        + timeout
        + "}";
  }

  /** Builds a {@link SumsubConfig}. Not thread-safe. Setters refuse null. */
  public static final class Builder {
    private @Nullable Secret appToken;
    private @Nullable Secret secretKey;
    private @Nullable Secret webhookSecretKey;
    private @Nullable String levelName;
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private Clock clock = Clock.systemUTC();
    private Duration accessTokenTtl = Duration.ofMinutes(10);
    private Duration timeout = Duration.ofSeconds(10);

    private Builder() {}

    /** Sets the app token (required). */
    public Builder appToken(Secret appToken) {
      this.appToken = Objects.requireNonNull(appToken, "appToken");
      return this;
    }

    /** Sets the app token's secret key (required). */
    public Builder secretKey(Secret secretKey) {
      this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
      return this;
    }

    /** Sets the webhook's secret key (required). */
    public Builder webhookSecretKey(Secret webhookSecretKey) {
      this.webhookSecretKey = Objects.requireNonNull(webhookSecretKey, "webhookSecretKey");
      return this;
    }

    /**
     * Sets the verification level (required), for example {@code basic-kyc-level}.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a blank name
     */
    public Builder levelName(String levelName) {
      if (Objects.requireNonNull(levelName, "levelName").isBlank()) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "level name must not be blank");
      }
      this.levelName = levelName;
      return this;
    }

    /**
     * Sets the base URL ({@value #DEFAULT_BASE_URL} by default); a test points it at a fake.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for anything but an http(s)
     *     URL with no query
     */
    public Builder baseUrl(String baseUrl) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (parsed == null || parsed.query() != null) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "base URL must be an http(s) URL with no query, got " + baseUrl);
      }
      this.baseUrl = parsed;
      return this;
    }

    /** Sets the clock (the system UTC clock by default). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long an access token lives (10 minutes by default): whole seconds, at least one.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for less than a second or a
     *     fraction of a second
     */
    public Builder accessTokenTtl(Duration accessTokenTtl) {
      Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
      if (accessTokenTtl.getSeconds() < 1 || accessTokenTtl.getNano() != 0) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "access token TTL must be a whole number of seconds, at least 1, got "
                + accessTokenTtl);
      }
      this.accessTokenTtl = accessTokenTtl;
      return this;
    }

    /**
     * Sets the bound on each call (10 seconds by default).
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a duration that is not
     *     positive
     */
    public Builder timeout(Duration timeout) {
      if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "timeout must be positive, got " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws SpeedTradeException {@link ErrorCode#MISSING_ADAPTER} naming each required part that
     *     was not set
     */
    public SumsubConfig build() {
      StringBuilder missing = new StringBuilder();
      append(missing, appToken == null, "appToken");
      append(missing, secretKey == null, "secretKey");
      append(missing, webhookSecretKey == null, "webhookSecretKey");
      append(missing, levelName == null, "levelName");
      if (missing.length() > 0) {
        throw new SpeedTradeException(
            ErrorCode.MISSING_ADAPTER,
            "SumsubConfig needs " + missing + ": call SumsubConfig.builder()...");
      }
      return new SumsubConfig(this);
    }

    private static void append(StringBuilder missing, boolean absent, String name) {
      if (absent) {
        missing.append(missing.length() == 0 ? "" : ", ").append(name);
      }
    }
  }
}
