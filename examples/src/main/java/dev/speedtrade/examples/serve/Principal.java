package dev.speedtrade.examples.serve;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

/**
 * Who made a request, as an {@link Authenticator} found it: a client of the platform (its user id
 * in the funding service and its account in the order service), and whether it may use the review
 * and admin routes.
 *
 * @param clientId the client's user id: 1-64 characters of {@code [A-Za-z0-9._-]}
 * @param admin true for an operator allowed on the review and admin routes
 */
public record Principal(String clientId, boolean admin) {
  /**
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or malformed client
   *     id
   */
  public Principal {
    if (clientId == null || !clientId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a client id is 1-64 characters of [A-Za-z0-9._-], got "
              + (clientId == null ? "null" : "'" + clientId + "'"));
    }
  }
}
