package dev.speedtrade.examples.serve;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.oms.OrderCode;
import dev.speedtrade.risk.RiskCode;

/**
 * The HTTP status of each SDK outcome. Result codes: OK is 200 or 201, a replay (EXISTS) 200; a
 * missing thing 404; a value the request got wrong 400; an id or a transition that conflicts 409; a
 * well-formed request the rules refuse (KYC, funds, limits, risk) 422. Exceptions by category:
 * BAD_INPUT 400, NOT_FOUND 404, STATE 409, PROVIDER 502, STORE 503 (RATE_LIMITED 429).
 */
final class Outcomes {
  private Outcomes() {}

  static int status(FundingCode code) {
    return switch (code) {
      case OK, EXISTS, DUPLICATE_EVENT, STALE_EVENT -> 200;
      case USER_NOT_FOUND, DEPOSIT_NOT_FOUND, ORDER_NOT_FOUND, WITHDRAWAL_NOT_FOUND -> 404;
      case INVALID_AMOUNT,
          DEPOSIT_BELOW_MINIMUM,
          DEPOSIT_ABOVE_MAXIMUM,
          UNKNOWN_SYMBOL,
          INVALID_CLABE,
          AMOUNT_TOO_SMALL,
          INVALID_FILL ->
          400;
      case ID_IN_USE, INVALID_TRANSITION, OVERFILL, DUPLICATE_FILL -> 409;
      case KYC_REQUIRED,
          INSUFFICIENT_FUNDS,
          INSUFFICIENT_POSITION,
          INSTANT_LIMIT_EXCEEDED,
          NOTHING_TO_INVEST,
          REFUND_EXCEEDS_DEPOSIT ->
          422;
    };
  }

  static int status(OrderCode code) {
    return switch (code) {
      case OK, EXISTS -> 200;
      case ACCOUNT_NOT_FOUND, ORDER_NOT_FOUND -> 404;
      case CLIENT_ORDER_ID_IN_USE,
          INVALID_TRANSITION,
          NOT_REPLACEABLE,
          DUPLICATE_FILL,
          INVALID_FILL,
          OVERFILL,
          FOK_PARTIAL_FILL ->
          409;
      case KYC_REQUIRED, DENIED -> 422;
    };
  }

  /**
   * A risk denial: 400 when the order itself is malformed for its symbol (the SDK still records it
   * DENIED, as the seed records a rejected order), 429 for the rate limit, else 422.
   */
  static int status(RiskCode code) {
    return switch (code) {
      case UNKNOWN_SYMBOL,
          INVALID_QTY,
          NOTIONAL_NOT_ALLOWED,
          NOT_FRACTIONABLE,
          TIF_NOT_ALLOWED,
          PRICE_REQUIRED,
          PRICE_NOT_ALLOWED,
          INVALID_PRICE,
          INVALID_TICK ->
          400;
      case RATE_LIMITED -> 429;
      default -> 422;
    };
  }

  static int status(ErrorCode code) {
    if (code == ErrorCode.RATE_LIMITED) {
      return 429;
    }
    return switch (code.category()) {
      case BAD_INPUT -> 400;
      case NOT_FOUND -> 404;
      case STATE -> 409;
      case PROVIDER -> 502;
      case STORE -> 503;
    };
  }
}
