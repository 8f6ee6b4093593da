package dev.speedtrade.error;

/**
 * The stable, machine-readable reason carried by every {@link SpeedTradeException}.
 *
 * <p>Codes are part of the public API: a host may switch on them, persist them or show them to a
 * user. New codes may be added in minor versions; existing ones keep their meaning. Adapters map
 * their provider's errors onto these codes and keep the provider's own code on the exception.
 */
public enum ErrorCode {
  /** An argument was missing, blank or malformed in a way no more specific code names. */
  INVALID_ARGUMENT(Category.BAD_INPUT, false),
  /**
   * A signed message (a payment or KYC provider's webhook) carries no signature, a malformed one, a
   * signature in an unknown scheme, or one that does not match its bytes (forged, or the body was
   * altered), or it was signed outside the tolerated time window. Nothing was read or applied.
   */
  INVALID_SIGNATURE(Category.BAD_INPUT, false),
  /**
   * A money amount could not be read or is out of range (NaN, infinite, too many decimals, ...).
   */
  INVALID_AMOUNT(Category.BAD_INPUT, false),
  /** A currency code is unknown to {@link java.util.Currency} or has no minor unit. */
  INVALID_CURRENCY(Category.BAD_INPUT, false),
  /** Two amounts of different currencies were combined. */
  CURRENCY_MISMATCH(Category.BAD_INPUT, false),
  /** Exact arithmetic on money left the range of a {@code long} of minor units. */
  AMOUNT_OVERFLOW(Category.BAD_INPUT, false),
  /** A price could not be read, is not positive, is out of range or is not exact at a scale. */
  INVALID_PRICE(Category.BAD_INPUT, false),
  /** A quantity could not be read, is negative, or has more decimals than brokers accept. */
  INVALID_QUANTITY(Category.BAD_INPUT, false),
  /** A weight could not be read, is negative, is out of range or carries too many digits. */
  INVALID_WEIGHT(Category.BAD_INPUT, false),
  /**
   * An order breaks a rule of its own (a limit order without a limit price, ...) or one of the
   * broker's (a time in force the asset class does not take, ...).
   */
  INVALID_ORDER(Category.BAD_INPUT, false),
  /**
   * A ledger account is malformed in a way no caller should send (a null id, a blank type); ids and
   * currencies the ledger judges are answered with result codes instead.
   */
  INVALID_ACCOUNT(Category.BAD_INPUT, false),
  /**
   * A ledger transfer is malformed in a way no caller should send (a post that names accounts, a
   * timeout on a transfer that is not pending); business outcomes are answered with result codes.
   */
  INVALID_TRANSFER(Category.BAD_INPUT, false),
  /** A symbol is blank or not a well-formed ticker. */
  INVALID_SYMBOL(Category.BAD_INPUT, false),
  /**
   * A rebalance setting is missing or out of range (a limit percent of 11, a pair of one symbol).
   */
  INVALID_SETTINGS(Category.BAD_INPUT, false),
  /**
   * A bot investment is malformed: a blank bot id, an amount that is not positive, a duplicate bot.
   */
  INVALID_INVESTMENT(Category.BAD_INPUT, false),
  /** The broker does not know the symbol. */
  UNKNOWN_SYMBOL(Category.NOT_FOUND, false),
  /** The asset exists but cannot be traded now (inactive, halted, not tradable). */
  ASSET_NOT_TRADABLE(Category.STATE, false),
  /** A fractional quantity or a notional order was placed on an asset that is not fractionable. */
  ASSET_NOT_FRACTIONABLE(Category.STATE, false),
  /** The order costs more than the account's buying power. */
  INSUFFICIENT_BUYING_POWER(Category.STATE, false),
  /** A sell asks for more than the position holds (short selling is not offered). */
  INSUFFICIENT_QUANTITY(Category.STATE, false),
  /** An order with this client order id was already placed on the account. */
  DUPLICATE_CLIENT_ORDER_ID(Category.STATE, false),
  /** The market is closed for an order that needs it open. */
  MARKET_CLOSED(Category.STATE, false),
  /** The broker refused the order because it could wash against an opposite open order. */
  WASH_TRADE(Category.STATE, false),
  /** No order with the given id or client order id exists. */
  ORDER_NOT_FOUND(Category.NOT_FOUND, false),
  /** The order is already final (filled, canceled, expired, rejected) and cannot be canceled. */
  ORDER_NOT_CANCELABLE(Category.STATE, false),
  /**
   * The order cannot be replaced: it is final (filled, canceled, expired, replaced, rejected), not
   * yet working or already changing (accepted, pending new, pending cancel, pending replace), or a
   * notional order, which Alpaca does not let be replaced.
   */
  ORDER_NOT_REPLACEABLE(Category.STATE, false),
  /** The account holds no position in the symbol. */
  POSITION_NOT_FOUND(Category.NOT_FOUND, false),
  /**
   * The broker rejected the order for a reason no more specific code names (Alpaca's pattern day
   * trading protection, an account not allowed to short, ...); the exception keeps the broker's own
   * code and message.
   */
  ORDER_REJECTED(Category.PROVIDER, false),
  /** The provider refused the credentials or the operation is not permitted for this account. */
  FORBIDDEN(Category.PROVIDER, false),
  /** The provider answered that too many requests were made; retry later. */
  RATE_LIMITED(Category.PROVIDER, true),
  /** The provider could not be reached or failed; the operation may be retried. */
  PROVIDER_UNAVAILABLE(Category.PROVIDER, true),
  /**
   * A store (the ledger's database, say) failed or could not be reached; the operation did not take
   * effect, or took effect wholly, and may be retried with the same ids.
   */
  STORE_UNAVAILABLE(Category.STORE, true),
  /** A required adapter was not given to the {@code SpeedTrade} builder. */
  MISSING_ADAPTER(Category.BAD_INPUT, false),
  /**
   * Something was used after its {@code close()}: a {@code SpeedTrade} platform, or a service,
   * store or account obtained from one (references kept from before included), or an adapter such
   * as {@code AlpacaAccounts}.
   */
  CLOSED(Category.STATE, false),
  /** No brokerage account is open for the user in the requested mode; nothing was traded. */
  ACCOUNT_NOT_FOUND(Category.NOT_FOUND, false),
  /**
   * The request's trading mode does not match the account's: a live request reached a paper account
   * or the reverse. Refused before any call to the account.
   */
  MODE_MISMATCH(Category.BAD_INPUT, false),
  /**
   * The user has neither settings nor investments in the requested mode, so a rebalance would trade
   * the account to cash; refused, nothing traded.
   */
  NOT_ENROLLED(Category.STATE, false),
  /** No rebalance execution exists for the given user, mode and market date. */
  EXECUTION_NOT_FOUND(Category.NOT_FOUND, false),
  /** The KYC provider knows no applicant with the given id. */
  APPLICANT_NOT_FOUND(Category.NOT_FOUND, false),
  /**
   * The user's identity is not verified (KYC not APPROVED), and the action (an order, a bot
   * investment's rebalance, moving money) needs it; refused, nothing recorded.
   */
  KYC_REQUIRED(Category.STATE, false),
  /**
   * Only a {@code FAILED} rebalance execution can be re-opened; this one is running or ended
   * otherwise.
   */
  EXECUTION_NOT_REOPENABLE(Category.STATE, false);

  /** The kind of failure a code reports, for callers that handle codes by kind. */
  public enum Category {
    /** The caller sent something malformed or out of range; the same call will fail again. */
    BAD_INPUT,
    /**
     * The call is well formed but conflicts with the state of an account, an order or the platform.
     */
    STATE,
    /** Something the call names does not exist. */
    NOT_FOUND,
    /** An outside party (a broker, a payment or KYC provider) refused or failed. */
    PROVIDER,
    /** A store (the ledger's database, say) failed or could not be reached. */
    STORE
  }

  private final Category category;
  private final boolean retryable;

  ErrorCode(Category category, boolean retryable) {
    this.category = category;
    this.retryable = retryable;
  }

  /** Returns the kind of failure this code reports. */
  public Category category() {
    return category;
  }

  /**
   * Returns true when the same call, retried later with the same ids, may succeed: an outage or a
   * rate limit. Every other code fails again until something changes.
   */
  public boolean isRetryable() {
    return retryable;
  }
}
