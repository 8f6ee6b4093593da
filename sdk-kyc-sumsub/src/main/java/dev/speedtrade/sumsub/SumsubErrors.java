package dev.speedtrade.sumsub;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Sumsub's error answers as {@link SpeedTradeException}s. Sumsub answers an error with a JSON body
 * such as {@code {"description": "...", "code": 401, "correlationId": "req-...", "errorCode": 4003,
 * "errorName": "app-token-signature-mismatch"}} (not every field is always there). The HTTP status
 * maps to the code:
 *
 * <ul>
 *   <li>401, 403: {@link ErrorCode#FORBIDDEN} (a wrong token, key or signature, a sandbox token
 *       against production data, a missing permission);
 *   <li>404: what the call names is missing ({@link ErrorCode#APPLICANT_NOT_FOUND} for an
 *       applicant; {@link ErrorCode#INVALID_ARGUMENT} where it can only be the configured level);
 *   <li>429: {@link ErrorCode#RATE_LIMITED};
 *   <li>5xx and anything not 4xx: {@link ErrorCode#PROVIDER_UNAVAILABLE};
 *   <li>any other 4xx (400, 409 outside creating an applicant, 422, ...): {@link
 *       ErrorCode#INVALID_ARGUMENT}.
 * </ul>
 *
 * The provider code is Sumsub's {@code errorCode} when the body has one, else {@code HTTP
 * <status>}. The message keeps Sumsub's description and correlation id (for Sumsub's support), with
 * any configured secret scrubbed out.
 */
final class SumsubErrors {
  /** The longest description quoted from an answer. */
  private static final int MAX_DESCRIPTION = 300;

  private SumsubErrors() {}

  /** Returns the exception for an error answer to {@code what}. */
  static SpeedTradeException toException(
      SumsubHttp http, SumsubHttp.Answer answer, String what, ErrorCode notFound) {
    int status = answer.status();
    Map<?, ?> body = SumsubJson.object(answer.body());
    String description = body == null ? null : SumsubJson.string(body, "description");
    String correlationId = body == null ? null : SumsubJson.string(body, "correlationId");
    Object errorCode = body == null ? null : body.get("errorCode");
    ErrorCode code =
        switch (status) {
          case 401, 403 -> ErrorCode.FORBIDDEN;
          case 404 -> notFound;
          case 429 -> ErrorCode.RATE_LIMITED;
          default ->
              status >= 400 && status < 500
                  ? ErrorCode.INVALID_ARGUMENT
                  : ErrorCode.PROVIDER_UNAVAILABLE;
        };
    String message =
        "Sumsub refused "
            + what
            + ": "
            + (description == null ? "no description" : shorten(http.scrub(description)))
            + " (HTTP "
            + status
            + (correlationId == null ? "" : ", correlationId " + http.scrub(correlationId))
            + ")";
    return new SpeedTradeException(code, message, providerCode(errorCode, status), null);
  }

  /** Returns the exception for a successful answer whose body could not be read. */
  static SpeedTradeException unreadable(String what, String problem) {
    return new SpeedTradeException(
        ErrorCode.PROVIDER_UNAVAILABLE,
        "Sumsub's answer to " + what + " was unreadable: " + problem);
  }

  private static String providerCode(@Nullable Object errorCode, int status) {
    if (errorCode instanceof Number number) {
      return Long.toString(number.longValue());
    }
    return errorCode instanceof String text && !text.isBlank() ? text : "HTTP " + status;
  }

  private static String shorten(String text) {
    return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION) + "..." : text;
  }
}
