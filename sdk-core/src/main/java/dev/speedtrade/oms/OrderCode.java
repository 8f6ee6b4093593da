package dev.speedtrade.oms;

/**
 * The outcome of a command or venue event that is not a risk denial; {@link #DENIED} says that
 * pre-trade risk refused it and {@link OrderResult#denial()} says why.
 */
public enum OrderCode {
  /** Applied. */
  OK,
  /** A submit repeated with the same fields: the existing order, nothing changed. */
  EXISTS,
  /** The account is not open in the order service. */
  ACCOUNT_NOT_FOUND,
  /** The account has no order with that client order id. */
  ORDER_NOT_FOUND,
  /** The client order id is taken by another order or by a replace; nothing changed. */
  CLIENT_ORDER_ID_IN_USE,
  /** The order's status does not allow this event; nothing changed. */
  INVALID_TRANSITION,
  /** A notional order cannot be replaced; nothing changed. */
  NOT_REPLACEABLE,
  /** The fill's execution id was already applied to this order; nothing changed. */
  DUPLICATE_FILL,
  /** The fill's qty or price is not positive; nothing recorded. */
  INVALID_FILL,
  /** The fill would take the order past its qty or notional; nothing recorded. */
  OVERFILL,
  /** A partial fill of a fill-or-kill order; nothing recorded. */
  FOK_PARTIAL_FILL,
  /**
   * The account's user is not verified (its {@link dev.speedtrade.kyc.KycGate} does not answer
   * APPROVED): a submit is refused before any check, nothing recorded.
   */
  KYC_REQUIRED,
  /** Pre-trade risk refused it; see {@link OrderResult#denial()}. */
  DENIED
}
