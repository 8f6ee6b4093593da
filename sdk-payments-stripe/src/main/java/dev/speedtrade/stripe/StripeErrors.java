package dev.speedtrade.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps stripe-java's exceptions to {@link SpeedTradeException}s that keep Stripe's error code (or a
 * card's decline code) as the provider code and Stripe's request id in the message. Whole account
 * numbers Stripe's message may echo are masked.
 */
final class StripeErrors {
  private static final Pattern LONG_NUMBER = Pattern.compile("[0-9]{10,}");

  /**
   * Stripe's codes for a refund of more than is left of the payment: {@code amount_too_large} (more
   * than the unrefunded amount) and {@code charge_already_refunded} (nothing left).
   */
  private static final Set<String> OVER_REFUND =
      Set.of("amount_too_large", "charge_already_refunded");

  private StripeErrors() {}

  /** True for Stripe's 404 {@code resource_missing}: the object named does not exist. */
  static boolean isMissing(StripeException e) {
    Integer status = e.getStatusCode();
    return e instanceof InvalidRequestException
        && status != null
        && status == 404
        && "resource_missing".equals(e.getCode());
  }

  /** Returns the exception a failed call to Stripe throws; {@code what} names the call. */
  static SpeedTradeException map(String what, StripeException e) {
    return map(what, e, false);
  }

  /**
   * As {@link #map(String, StripeException)} for {@code POST /v1/refunds}, where Stripe's 400 with
   * {@code amount_too_large} or {@code charge_already_refunded} (more than is left to refund) is
   * {@link ErrorCode#INVALID_AMOUNT}.
   */
  static SpeedTradeException mapRefund(String what, StripeException e) {
    return map(what, e, true);
  }

  private static SpeedTradeException map(String what, StripeException e, boolean refund) {
    ErrorCode code;
    @Nullable String providerCode = e.getCode();
    // RateLimitException extends InvalidRequestException: test it first.
    if (e instanceof RateLimitException) {
      code = ErrorCode.RATE_LIMITED;
    } else if (e instanceof CardException card) {
      code = ErrorCode.ORDER_REJECTED;
      if (card.getDeclineCode() != null) {
        providerCode = card.getDeclineCode();
      }
    } else if (refund
        && e instanceof InvalidRequestException
        && providerCode != null
        && OVER_REFUND.contains(providerCode)) {
      code = ErrorCode.INVALID_AMOUNT;
    } else if (e instanceof IdempotencyException || e instanceof InvalidRequestException) {
      code = ErrorCode.INVALID_ARGUMENT;
    } else if (e instanceof AuthenticationException || e instanceof PermissionException) {
      code = ErrorCode.FORBIDDEN;
    } else if (e instanceof ApiConnectionException) {
      code = ErrorCode.PROVIDER_UNAVAILABLE;
    } else {
      // ApiException (5xx) and anything newer stripe-java may add
      code = ErrorCode.PROVIDER_UNAVAILABLE;
    }
    if (providerCode == null && e instanceof IdempotencyException) {
      providerCode = "idempotency_error";
    }
    StringBuilder message = new StringBuilder("Stripe refused ").append(what);
    if (e.getStatusCode() != null && e.getStatusCode() > 0) {
      message.append(" (HTTP ").append(e.getStatusCode()).append(')');
    }
    message.append(": ").append(describe(e));
    if (e.getRequestId() != null) {
      message.append(" [request ").append(e.getRequestId()).append(']');
    }
    if (code == ErrorCode.PROVIDER_UNAVAILABLE && e instanceof ApiConnectionException) {
      message.replace(0, "Stripe refused ".length(), "Stripe could not be reached for ");
    }
    // stripe-java's own message keeps Stripe's text unmasked: drop it as the cause when it holds a
    // long number, so that a logged stack trace cannot show an account number either.
    String raw = e.getMessage();
    boolean echoesNumber = raw != null && LONG_NUMBER.matcher(raw).find();
    return new SpeedTradeException(code, message.toString(), providerCode, echoesNumber ? null : e);
  }

  private static String describe(StripeException e) {
    // StripeException.getMessage() appends "; code: ...; request-id: ..."; Stripe's own message
    // names the parameter, never a whole account number.
    String message = e.getStripeError() != null ? e.getStripeError().getMessage() : null;
    if (message == null) {
      message = e.getMessage();
    }
    return message == null ? e.getClass().getSimpleName() : masked(message);
  }

  /**
   * Masks every run of 10 or more digits but its last four: Stripe's messages may echo a parameter,
   * and a bank account's whole number must not reach an exception message or a log.
   */
  static String masked(String message) {
    return LONG_NUMBER
        .matcher(message)
        .replaceAll(m -> "****" + m.group().substring(m.group().length() - 4));
  }
}
