package dev.speedtrade.alpaca;

import com.google.gson.JsonParseException;
import com.squareup.moshi.JsonReader;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.io.IOException;
import java.util.Locale;
import net.jacobpeterson.alpaca.rest.AlpacaClientException;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Alpaca's error answers as {@link SpeedTradeException}s: the HTTP status and the body's {@code
 * code} and {@code message} (as Alpaca documents them, for example {@code {"code": 40310000,
 * "message": "insufficient buying power"}}) map to an {@link ErrorCode}; Alpaca's code (or the HTTP
 * status when the body has none) is kept as the exception's provider code. {@link #call} runs an
 * alpaca-java call with this mapping. Alpaca's messages carry no secret, and this class adds none.
 *
 * <p>A 403 is {@link ErrorCode#FORBIDDEN} only when it is about the keys or the account's
 * permissions: the gateway's {@code {"message": "forbidden."}} (no code) or a message that speaks
 * of authorization or permission. A 403 with Alpaca's code and any other message is a business rule
 * refusing the order: the precise codes where one fits (buying power, quantity, wash trade,
 * fractionable), else {@link ErrorCode#ORDER_REJECTED} with Alpaca's code and message (pattern day
 * trading protection {@code 40310100}, {@code "account is not allowed to short"}, ...).
 */
final class AlpacaErrors {
  /** Alpaca's code for a request that breaks a validation rule ("invalid qty", ...). */
  static final long VALIDATION_CODE = 40010001L;

  private AlpacaErrors() {}

  /** What a 404 means for the call that got it. */
  enum Missing {
    ORDER(ErrorCode.ORDER_NOT_FOUND),
    /**
     * An order being replaced: a 404 is {@link ErrorCode#ORDER_NOT_FOUND}, and a 422 that is no
     * validation error (Alpaca's code {@value #VALIDATION_CODE}) {@link
     * ErrorCode#ORDER_NOT_REPLACEABLE}.
     */
    REPLACED_ORDER(ErrorCode.ORDER_NOT_FOUND),
    POSITION(ErrorCode.POSITION_NOT_FOUND),
    ASSET(ErrorCode.UNKNOWN_SYMBOL),
    OTHER(ErrorCode.INVALID_ARGUMENT);

    final ErrorCode code;

    Missing(ErrorCode code) {
      this.code = code;
    }
  }

  /**
   * Alpaca's error body: both fields optional (a 403 for bad keys is {@code {"message":
   * "forbidden."}}).
   */
  record Body(@Nullable Long code, @Nullable String message) {}

  /**
   * Returns the exception for an answer with HTTP {@code status} and {@code body} to {@code what}.
   */
  static SpeedTradeException toException(
      int status, @Nullable String body, String what, Missing missing) {
    return toException(status, parse(body), what, missing);
  }

  private static SpeedTradeException toException(
      int status, Body parsed, String what, Missing missing) {
    String message = parsed.message() == null ? "no message" : parsed.message();
    String providerCode = parsed.code() != null ? String.valueOf(parsed.code()) : "HTTP " + status;
    ErrorCode code = map(status, parsed.code(), message.toLowerCase(Locale.ROOT), missing);
    return new SpeedTradeException(
        code,
        "Alpaca refused "
            + what
            + ": "
            + message
            + " (HTTP "
            + status
            + (parsed.code() == null ? "" : ", code " + parsed.code())
            + ")",
        providerCode,
        null);
  }

  /** An alpaca-java call. */
  @FunctionalInterface
  interface AlpacaCall<T> {
    T call() throws AlpacaClientException;
  }

  /** Runs an alpaca-java call, its refusals and failures as {@link SpeedTradeException}s. */
  static <T> T call(String what, Missing missing, AlpacaCall<T> call) {
    try {
      return call.call();
    } catch (AlpacaClientException e) {
      throw fromClient(e, what, missing);
    } catch (JsonParseException e) {
      throw new SpeedTradeException(
          ErrorCode.PROVIDER_UNAVAILABLE, "Alpaca's answer was unreadable while " + what, null, e);
    }
  }

  /** Returns the exception for a call to {@code what} that got no answer. */
  static SpeedTradeException unanswered(String what, Exception cause) {
    return new SpeedTradeException(
        ErrorCode.PROVIDER_UNAVAILABLE,
        "Alpaca did not answer while " + what + " (" + cause.getClass().getSimpleName() + ")",
        null,
        cause);
  }

  /**
   * Returns the exception for alpaca-java's {@code AlpacaClientException}: an error answer (status,
   * code, message) or, with no status, a call that got no answer.
   */
  static SpeedTradeException fromClient(AlpacaClientException e, String what, Missing missing) {
    // alpaca-java parses the body's code and message only when getMessage() is first called.
    e.getMessage();
    Integer status = e.getResponseStatusCode();
    if (status == null) {
      return unanswered(what, e.getCause() instanceof Exception cause ? cause : e);
    }
    Integer code = e.getAPIResponseCode();
    String message = e.getAPIResponseMessage();
    return toException(
        status, new Body(code == null ? null : code.longValue(), message), what, missing);
  }

  private static ErrorCode map(int status, @Nullable Long code, String message, Missing missing) {
    if (message.contains("client_order_id must be unique")) {
      return ErrorCode.DUPLICATE_CLIENT_ORDER_ID;
    }
    if (message.contains("wash trade")) {
      return ErrorCode.WASH_TRADE;
    }
    if (message.contains("not fractionable")) {
      return ErrorCode.ASSET_NOT_FRACTIONABLE;
    }
    if (message.contains("not tradable")) {
      return ErrorCode.ASSET_NOT_TRADABLE;
    }
    if ((status == 422 || status == 404)
        && message.contains("asset")
        && message.contains("not found")) {
      return ErrorCode.UNKNOWN_SYMBOL;
    }
    if (status == 429) {
      return ErrorCode.RATE_LIMITED;
    }
    if (status >= 500) {
      return ErrorCode.PROVIDER_UNAVAILABLE;
    }
    if (status == 404) {
      return missing.code;
    }
    if (status == 401) {
      return ErrorCode.FORBIDDEN;
    }
    if (message.contains("parameters are not changed")) {
      // A replace that changes nothing (403, code 40310000): the request is at fault.
      return ErrorCode.INVALID_ORDER;
    }
    if (message.contains("unable to replace") || message.contains("not replaceable")) {
      return ErrorCode.ORDER_NOT_REPLACEABLE;
    }
    if (status == 403) {
      if (message.contains("buying power")) {
        return ErrorCode.INSUFFICIENT_BUYING_POWER;
      }
      if (message.contains("insufficient qty") || message.contains("insufficient quantity")) {
        return ErrorCode.INSUFFICIENT_QUANTITY;
      }
      // A 403 carrying Alpaca's code is a business rule refusing the order (pattern day trading
      // protection, an account not allowed to short, ...); one without a code (the gateway's
      // "forbidden."), or one that speaks of authorization, is about the keys or the account's
      // permissions.
      if (code == null || isAboutPermissions(message)) {
        return ErrorCode.FORBIDDEN;
      }
      return ErrorCode.ORDER_REJECTED;
    }
    if (status == 422
        && missing == Missing.REPLACED_ORDER
        && (code == null || code != VALIDATION_CODE)) {
      return ErrorCode.ORDER_NOT_REPLACEABLE;
    }
    if (status == 422 && message.contains("symbol")) {
      return ErrorCode.UNKNOWN_SYMBOL;
    }
    if (status == 400 || status == 422) {
      return ErrorCode.INVALID_ORDER;
    }
    return code == null ? ErrorCode.PROVIDER_UNAVAILABLE : ErrorCode.INVALID_ARGUMENT;
  }

  private static boolean isAboutPermissions(String message) {
    return message.contains("forbidden")
        || message.contains("unauthorized")
        || message.contains("not authorized")
        || message.contains("permission")
        || message.contains("access denied")
        || message.contains("access key");
  }

  /** Reads {@code code} and {@code message} from a JSON body; anything unreadable gives neither. */
  static Body parse(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return new Body(null, null);
    }
    Long code = null;
    String message = null;
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(body))) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return new Body(null, body.strip());
      }
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (name.equals("code") && reader.peek() == JsonReader.Token.NUMBER) {
          code = reader.nextLong();
        } else if (name.equals("message") && reader.peek() == JsonReader.Token.STRING) {
          message = reader.nextString();
        } else {
          reader.skipValue();
        }
      }
      return new Body(code, message);
    } catch (IOException | RuntimeException e) {
      return new Body(null, null);
    }
  }
}
