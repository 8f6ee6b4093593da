package dev.speedtrade.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.DepositEventType;
import dev.speedtrade.funding.PayoutEventType;
import dev.speedtrade.funding.ProviderEvent;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Stripe's webhooks with stripe-java's {@link Webhook} and reads the events the platform
 * acts on. Stateless: it remembers no event (the funding store applies each event id once).
 */
final class StripeWebhooks {
  static final String SIGNATURE_HEADER = "Stripe-Signature";

  private final String secret;
  private final Duration tolerance;
  private final Clock clock;

  StripeWebhooks(String secret, Duration tolerance, Clock clock) {
    this.secret = secret;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  ProviderEvent parse(byte[] body, Map<String, List<String>> headers) {
    String header = signatureHeader(headers);
    String payload = decode(body);
    try {
      // Signature first, with the injected clock: constructEvent reads the JSON before it checks.
      Webhook.Signature.verifyHeader(payload, header, secret, tolerance.toSeconds(), clock);
    } catch (SignatureVerificationException e) {
      throw invalidSignature(e.getMessage() == null ? "no signature matches" : e.getMessage());
    }
    // stripe-java checks only that a timestamp is not too old; one from the future is refused too.
    long signedAt = timestamp(header);
    if (signedAt > clock.instant().getEpochSecond() + tolerance.toSeconds()) {
      throw invalidSignature("the webhook was signed at " + signedAt + ", ahead of the clock");
    }
    Event event;
    JsonObject object;
    try {
      event = Webhook.constructEvent(payload, header, secret, tolerance.toSeconds(), clock);
      JsonObject root = JsonParser.parseString(payload).getAsJsonObject();
      object = root.getAsJsonObject("data").getAsJsonObject("object");
    } catch (SignatureVerificationException e) {
      throw invalidSignature(e.getMessage() == null ? "no signature matches" : e.getMessage());
    } catch (JsonParseException
        | IllegalStateException
        | ClassCastException
        | NullPointerException e) {
      throw unreadable("the webhook's body is not a Stripe event: " + e.getMessage(), e);
    }
    String id = event.getId();
    String type = event.getType();
    if (id == null || id.isBlank() || type == null || type.isBlank() || object == null) {
      throw unreadable("the webhook's event has no id, type or data.object", null);
    }
    return read(id, type, object);
  }

  private static ProviderEvent read(String id, String type, JsonObject object) {
    switch (type) {
      case "checkout.session.completed":
        {
          String deposit = metadata(object, "deposit_id");
          if (deposit == null) {
            return new ProviderEvent.IgnoredEvent(id, type);
          }
          String paymentStatus = text(object, "payment_status");
          if ("unpaid".equals(paymentStatus)) {
            // an asynchronous method (a bank debit, OXXO, ...): async_payment_* follows
            return new ProviderEvent.DepositEvent(id, deposit, DepositEventType.PROCESSING, null);
          }
          return new ProviderEvent.DepositEvent(
              id, deposit, DepositEventType.COMPLETED, amountTotal(object));
        }
      case "checkout.session.async_payment_succeeded":
        {
          String deposit = metadata(object, "deposit_id");
          return deposit == null
              ? new ProviderEvent.IgnoredEvent(id, type)
              : new ProviderEvent.DepositEvent(
                  id, deposit, DepositEventType.COMPLETED, amountTotal(object));
        }
      case "checkout.session.async_payment_failed":
        return deposit(id, type, object, DepositEventType.FAILED);
      case "checkout.session.expired":
        return deposit(id, type, object, DepositEventType.EXPIRED);
      case "payment_intent.payment_failed":
        return deposit(id, type, object, DepositEventType.FAILED);
      case "payout.paid":
        return payout(id, type, object, PayoutEventType.PAID);
      case "payout.failed":
      case "payout.canceled":
        // a canceled payout pays nothing: the withdrawal's holds are released as for a failure
        return payout(id, type, object, PayoutEventType.FAILED);
      default:
        return new ProviderEvent.IgnoredEvent(id, type);
    }
  }

  private static ProviderEvent deposit(
      String id, String type, JsonObject object, DepositEventType eventType) {
    String deposit = metadata(object, "deposit_id");
    return deposit == null
        ? new ProviderEvent.IgnoredEvent(id, type)
        : new ProviderEvent.DepositEvent(id, deposit, eventType, null);
  }

  private static ProviderEvent payout(
      String id, String type, JsonObject object, PayoutEventType eventType) {
    String withdrawal = metadata(object, "withdrawal_id");
    return withdrawal == null
        ? new ProviderEvent.IgnoredEvent(id, type)
        : new ProviderEvent.PayoutEvent(id, withdrawal, eventType);
  }

  /** The session's {@code amount_total}, in cents, as USD; null when absent. */
  private static @Nullable BigDecimal amountTotal(JsonObject object) {
    JsonElement total = object.get("amount_total");
    if (total == null || total.isJsonNull()) {
      return null;
    }
    String currency = text(object, "currency");
    if (currency != null && !currency.equals("usd")) {
      throw unreadable("the session's currency is " + currency + ", not usd", null);
    }
    try {
      long cents = total.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
      if (cents <= 0) {
        return null;
      }
      return BigDecimal.valueOf(cents, 2);
    } catch (ArithmeticException | NumberFormatException | IllegalStateException e) {
      throw unreadable("amount_total is not a whole number of cents: " + total, e);
    }
  }

  private static @Nullable String metadata(JsonObject object, String key) {
    JsonElement metadata = object.get("metadata");
    if (metadata == null || !metadata.isJsonObject()) {
      return null;
    }
    String value = text(metadata.getAsJsonObject(), key);
    return value == null || value.isBlank() ? null : value;
  }

  private static @Nullable String text(JsonObject object, String key) {
    JsonElement value = object.get(key);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw unreadable(key + " is not a string", null);
    }
    return value.getAsString();
  }

  private static String signatureHeader(Map<String, List<String>> headers) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey() != null
          && header.getKey().toLowerCase(Locale.ROOT).equals("stripe-signature")
          && header.getValue() != null) {
        values.addAll(header.getValue());
      }
    }
    if (values.size() != 1 || values.get(0) == null || values.get(0).isBlank()) {
      throw invalidSignature(
          "expected exactly one " + SIGNATURE_HEADER + " header, got " + values.size());
    }
    return values.get(0);
  }

  private static long timestamp(String header) {
    for (String item : header.split(",", -1)) {
      String[] pair = item.split("=", 2);
      if (pair.length == 2 && pair[0].trim().equals("t")) {
        try {
          return Long.parseLong(pair[1].trim());
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw invalidSignature("the " + SIGNATURE_HEADER + " header has no timestamp");
  }

  /**
   * Decodes the raw body as Stripe signs it, UTF-8; bytes that are not UTF-8 cannot be what Stripe
   * signed.
   */
  private static String decode(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalidSignature("the body is not UTF-8, so no Stripe signature can match it");
    }
  }

  private static SpeedTradeException invalidSignature(String message) {
    return new SpeedTradeException(
        ErrorCode.INVALID_SIGNATURE, "Stripe webhook refused: " + message);
  }

  private static SpeedTradeException unreadable(String message, @Nullable Throwable cause) {
    return new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, message, cause);
  }
}
