package dev.speedtrade;

/**
 * The stable, machine-readable reason carried by every {@link SpeedTradeException}.
 *
 * <p>Codes are part of the public API: a host may switch on them, persist them or show them to a user.
 * New codes may be added in minor versions; existing ones keep their meaning. Adapters map their
 * provider's errors onto these codes and keep the provider's own code on the exception.
 */
public enum ErrorCode {
  /** An argument was missing, blank or malformed in a way no more specific code names. */
  INVALID_ARGUMENT,
  /** A money amount could not be read or is out of range (NaN, infinite, too many decimals, ...). */
  INVALID_AMOUNT,
  /** A currency code is unknown to {@link java.util.Currency} or has no minor unit. */
  INVALID_CURRENCY,
  /** Two amounts of different currencies were combined. */
  CURRENCY_MISMATCH,
  /** Exact arithmetic on money left the range of a {@code long} of minor units. */
  AMOUNT_OVERFLOW,
  /** A price could not be read, is not positive, is out of range or is not exact at a scale. */
  INVALID_PRICE,
  /** A quantity could not be read, is negative, or has more decimals than brokers accept. */
  INVALID_QUANTITY,
  /** A weight could not be read, is negative, is out of range or carries too many digits. */
  INVALID_WEIGHT,
  /**
   * An order breaks a rule of its own (a limit order without a limit price, ...) or one of the
   * broker's (a time in force the asset class does not take, ...).
   */
  INVALID_ORDER,
  /**
   * A ledger account is malformed in a way no caller should send (a null id, a blank type); ids and
   * currencies the ledger judges are answered with result codes instead.
   */
  INVALID_ACCOUNT,
  /**
   * A ledger transfer is malformed in a way no caller should send (a post that names accounts, a
   * timeout on a transfer that is not pending); business outcomes are answered with result codes.
   */
  INVALID_TRANSFER,
  /** A symbol is blank or not a well-formed ticker. */
  INVALID_SYMBOL,
  /** A rebalance setting is missing or out of range (a limit percent of 11, a pair of one symbol). */
  INVALID_SETTINGS,
  /** A bot investment is malformed: a blank bot id, an amount that is not positive, a duplicate bot. */
  INVALID_INVESTMENT,
  /** The broker does not know the symbol. */
  UNKNOWN_SYMBOL,
  /** The asset exists but cannot be traded now (inactive, halted, not tradable). */
  ASSET_NOT_TRADABLE,
  /** A fractional quantity or a notional order was placed on an asset that is not fractionable. */
  ASSET_NOT_FRACTIONABLE,
  /** The order costs more than the account's buying power. */
  INSUFFICIENT_BUYING_POWER,
  /** A sell asks for more than the position holds (short selling is not offered). */
  INSUFFICIENT_QUANTITY,
  /** An order with this client order id was already placed on the account. */
  DUPLICATE_CLIENT_ORDER_ID,
  /** The market is closed for an order that needs it open. */
  MARKET_CLOSED,
  /** The broker refused the order because it could wash against an opposite open order. */
  WASH_TRADE,
  /** No order with the given id or client order id exists. */
  ORDER_NOT_FOUND,
  /** The order is already final (filled, canceled, expired, rejected) and cannot be canceled. */
  ORDER_NOT_CANCELABLE,
  /** The account holds no position in the symbol. */
  POSITION_NOT_FOUND,
  /** The broker rejected the order for a reason no more specific code names. */
  ORDER_REJECTED,
  /** The provider refused the credentials or the operation is not permitted for this account. */
  FORBIDDEN,
  /** The provider answered that too many requests were made; retry later. */
  RATE_LIMITED,
  /** The provider could not be reached or failed; the operation may be retried. */
  PROVIDER_UNAVAILABLE,
  /**
   * A store (the ledger's database, say) failed or could not be reached; the operation did not take
   * effect, or took effect wholly, and may be retried with the same ids.
   */
  STORE_UNAVAILABLE,
  /** A required adapter was not given to the {@link SpeedTrade} builder. */
  MISSING_ADAPTER,
  /**
   * The {@link SpeedTrade} instance was used after {@code close()}. Adapters taken from it before
   * then answer as their own close allows.
   */
  CLOSED
}
