package dev.speedtrade.stripe;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link StripePaymentGateway} reaches Stripe. Immutable; {@link #toString()} never shows a
 * secret.
 *
 * @param apiKey the secret API key ({@code sk_live_...}, {@code sk_test_...}, or a restricted key
 *     {@code rk_...} allowed Checkout Sessions, payouts and external accounts)
 * @param webhookSecret the webhook endpoint's signing secret ({@code whsec_...})
 * @param payoutAccount the Stripe account ({@code acct_...}) whose balance pays withdrawals and
 *     that keeps the users' destinations as its external accounts (a connected account the platform
 *     controls); payouts are made on it with the {@code Stripe-Account} header
 * @param successUrl where Checkout sends the user after paying
 * @param cancelUrl where Checkout sends the user who goes back
 * @param apiBase Stripe's API base, {@code https://api.stripe.com} unless a test points it at a
 *     fake
 * @param webhookTolerance how far a webhook's signing time may be from the clock's now, before or
 *     after; 300 seconds by default, at least 1 second
 * @param maxNetworkRetries how many times stripe-java retries a request that failed on the network,
 *     a 409 or a 5xx (every POST carries an idempotency key, so a retry creates nothing twice); 2
 *     by default, 0 to 5
 * @param connectTimeout how long a connection to Stripe may take; 30 seconds by default
 *     (stripe-java's)
 * @param readTimeout how long Stripe may take to answer; 80 seconds by default (stripe-java's)
 * @param clock the clock webhooks' timestamps are checked against
 */
public record StripeConfig(
    Secret apiKey,
    Secret webhookSecret,
    String payoutAccount,
    URI successUrl,
    URI cancelUrl,
    URI apiBase,
    Duration webhookTolerance,
    int maxNetworkRetries,
    Duration connectTimeout,
    Duration readTimeout,
    Clock clock) {

  /** Stripe's API base. */
  public static final URI DEFAULT_API_BASE = URI.create("https://api.stripe.com");

  /** The default tolerance of a webhook's timestamp: 300 seconds, as Stripe's libraries use. */
  public static final Duration DEFAULT_WEBHOOK_TOLERANCE = Duration.ofSeconds(300);

  /**
   * Checks every field.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null field, a payout
   *     account that is not {@code acct_...}, a relative URL, a tolerance under 1 second, retries
   *     outside 0 to 5 or a timeout under 1 ms
   */
  public StripeConfig {
    require(apiKey, "apiKey");
    require(webhookSecret, "webhookSecret");
    require(payoutAccount, "payoutAccount");
    if (!payoutAccount.matches("acct_[A-Za-z0-9]+")) {
      throw invalid(
          "payoutAccount must be a Stripe account id acct_..., got '" + payoutAccount + "'");
    }
    absolute(require(successUrl, "successUrl"), "successUrl");
    absolute(require(cancelUrl, "cancelUrl"), "cancelUrl");
    absolute(require(apiBase, "apiBase"), "apiBase");
    require(webhookTolerance, "webhookTolerance");
    if (webhookTolerance.compareTo(Duration.ofSeconds(1)) < 0) {
      throw invalid("webhookTolerance must be at least 1 second, got " + webhookTolerance);
    }
    if (maxNetworkRetries < 0 || maxNetworkRetries > 5) {
      throw invalid("maxNetworkRetries must be 0 to 5, got " + maxNetworkRetries);
    }
    timeout(require(connectTimeout, "connectTimeout"), "connectTimeout");
    timeout(require(readTimeout, "readTimeout"), "readTimeout");
    require(clock, "clock");
  }

  private static void timeout(Duration timeout, String name) {
    if (timeout.compareTo(Duration.ofMillis(1)) < 0
        || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
      throw invalid(name + " must be from 1 ms to " + Integer.MAX_VALUE + " ms, got " + timeout);
    }
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Shows every field but the secrets. */
  @Override
  public String toString() {
    return "StripeConfig[apiKey="
        + apiKey
        + ", webhookSecret="
        + webhookSecret
        + ", payoutAccount="
        + payoutAccount
        + ", successUrl="
        + successUrl
        + ", cancelUrl="
        + cancelUrl
        + ", apiBase="
        + apiBase
        + ", webhookTolerance="
        + webhookTolerance
        + ", maxNetworkRetries="
        + maxNetworkRetries
        + ", clock="
        + clock
        + "]";
  }

  private static <T> T require(@Nullable T value, String name) {
    if (value == null) {
      throw invalid(name + " must not be null");
    }
    return value;
  }

  private static void absolute(URI uri, String name) {
    if (!uri.isAbsolute()) {
      throw invalid(name + " must be an absolute URL, got '" + uri + "'");
    }
  }

  private static SpeedTradeException invalid(String message) {
    return new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, message);
  }

  /**
   * Builds a {@link StripeConfig}. Setters refuse null; {@link #build()} names what is missing. Not
   * thread-safe.
   */
  public static final class Builder {
    private @Nullable Secret apiKey;
    private @Nullable Secret webhookSecret;
    private @Nullable String payoutAccount;
    private @Nullable URI successUrl;
    private @Nullable URI cancelUrl;
    private URI apiBase = DEFAULT_API_BASE;
    private Duration webhookTolerance = DEFAULT_WEBHOOK_TOLERANCE;
    private int maxNetworkRetries = 2;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration readTimeout = Duration.ofSeconds(80);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Sets the secret API key; required. */
    public Builder apiKey(Secret apiKey) {
      this.apiKey = require(apiKey, "apiKey");
      return this;
    }

    /** Sets the webhook endpoint's signing secret; required. */
    public Builder webhookSecret(Secret webhookSecret) {
      this.webhookSecret = require(webhookSecret, "webhookSecret");
      return this;
    }

    /** Sets the account ({@code acct_...}) that pays withdrawals; required. */
    public Builder payoutAccount(String payoutAccount) {
      this.payoutAccount = require(payoutAccount, "payoutAccount");
      return this;
    }

    /** Sets where Checkout sends the user after paying; required. */
    public Builder successUrl(URI successUrl) {
      this.successUrl = require(successUrl, "successUrl");
      return this;
    }

    /** Sets where Checkout sends the user who goes back; required. */
    public Builder cancelUrl(URI cancelUrl) {
      this.cancelUrl = require(cancelUrl, "cancelUrl");
      return this;
    }

    /** Sets the API base; {@link #DEFAULT_API_BASE} by default. */
    public Builder apiBase(URI apiBase) {
      this.apiBase = require(apiBase, "apiBase");
      return this;
    }

    /** Sets the tolerance of a webhook's timestamp; 300 seconds by default. */
    public Builder webhookTolerance(Duration webhookTolerance) {
      this.webhookTolerance = require(webhookTolerance, "webhookTolerance");
      return this;
    }

    /** Sets stripe-java's network retries; 2 by default. */
    public Builder maxNetworkRetries(int maxNetworkRetries) {
      this.maxNetworkRetries = maxNetworkRetries;
      return this;
    }

    /** Sets how long a connection may take; 30 seconds by default. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = require(connectTimeout, "connectTimeout");
      return this;
    }

    /** Sets how long Stripe may take to answer; 80 seconds by default. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = require(readTimeout, "readTimeout");
      return this;
    }

    /** Sets the clock webhooks are checked against; the UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = require(clock, "clock");
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} naming a missing or invalid
     *     field
     */
    public StripeConfig build() {
      return new StripeConfig(
          require(apiKey, "apiKey"),
          require(webhookSecret, "webhookSecret"),
          require(payoutAccount, "payoutAccount"),
          require(successUrl, "successUrl"),
          require(cancelUrl, "cancelUrl"),
          apiBase,
          webhookTolerance,
          maxNetworkRetries,
          connectTimeout,
          readTimeout,
          clock);
    }
  }
}
