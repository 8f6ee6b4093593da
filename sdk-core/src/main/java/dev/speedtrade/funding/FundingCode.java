package dev.speedtrade.funding;

/**
 * What the funding service answered: {@link #OK}, or why nothing changed. Codes are stable; {@code
 * docs/funding-contract.md} gives the precedence of each operation's codes.
 */
public enum FundingCode {
  /** Done. */
  OK,
  /** The same create was made before with the same fields: nothing new. */
  EXISTS,
  /** The id was created before with other fields (or by another operation of its id space). */
  ID_IN_USE,
  /** No such user. */
  USER_NOT_FOUND,
  /** An amount that is not greater than 0 with at most 2 decimals. */
  INVALID_AMOUNT,
  /** A deposit below the platform's minimum. */
  DEPOSIT_BELOW_MINIMUM,
  /** A deposit above the platform's maximum. */
  DEPOSIT_ABOVE_MAXIMUM,
  /** The user's identity verification does not allow it. */
  KYC_REQUIRED,
  /** A provider event whose id was applied before. */
  DUPLICATE_EVENT,
  /** No such deposit. */
  DEPOSIT_NOT_FOUND,
  /** A provider event that does not move its object from where it stands: recorded, ignored. */
  STALE_EVENT,
  /** A fill whose execution id was recorded before. */
  DUPLICATE_FILL,
  /** A symbol that is not an instrument. */
  UNKNOWN_SYMBOL,
  /** A fill with a qty or price out of range, or worth 0.00. */
  INVALID_FILL,
  /** No such order of this user in this symbol. */
  ORDER_NOT_FOUND,
  /** The object is not in a state the operation moves from. */
  INVALID_TRANSITION,
  /** A fill worth more than its order's notional. */
  OVERFILL,
  /** More than the user's cash allows. */
  INSUFFICIENT_FUNDS,
  /** A sale of more than the user holds. */
  INSUFFICIENT_POSITION,
  /** A CLABE whose check digit is wrong, or that is not 18 digits. */
  INVALID_CLABE,
  /** An instant withdrawal not larger than its fee. */
  AMOUNT_TOO_SMALL,
  /** Over the user's daily instant withdrawal limit. */
  INSTANT_LIMIT_EXCEEDED,
  /** No such withdrawal. */
  WITHDRAWAL_NOT_FOUND,
  /** Nothing is left to invest above the liquidity buffer. */
  NOTHING_TO_INVEST,
  /** A refund of more than its deposit's confirmed amount less what was refunded of it before. */
  REFUND_EXCEEDS_DEPOSIT
}
