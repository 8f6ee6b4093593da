package dev.speedtrade.risk;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The limits of one client account; each is optional (null, or an empty set: no limit).
 *
 * @param maxOrderQty the largest qty one order may ask ({@link RiskCode#MAX_ORDER_QTY_EXCEEDED}), >
 *     0
 * @param maxOrderNotional the largest USD value one order may have ({@link
 *     RiskCode#MAX_ORDER_NOTIONAL_EXCEEDED}), > 0
 * @param maxPositionQty the largest position per symbol, long or short, open orders included
 *     ({@link RiskCode#MAX_POSITION_EXCEEDED}), > 0
 * @param blockedSymbols symbols the account may not trade ({@link RiskCode#SYMBOL_BLOCKED})
 * @param tradingWindow the New York times of day the account may submit in
 * @param rateLimit how many submits the account may send in a window
 */
public record RiskLimits(
    @Nullable BigDecimal maxOrderQty,
    @Nullable BigDecimal maxOrderNotional,
    @Nullable BigDecimal maxPositionQty,
    Set<String> blockedSymbols,
    @Nullable TradingWindow tradingWindow,
    @Nullable RateLimit rateLimit) {

  /** No limit at all: what an account has until {@link RiskControls#setLimits} is called. */
  public static final RiskLimits NONE = new RiskLimits(null, null, null, Set.of(), null, null);

  /**
   * Checks the fields and copies the set.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a limit that is not
   *     positive, or a null set or blank symbol in it
   */
  public RiskLimits {
    Arguments.positiveOrNull(maxOrderQty, "maxOrderQty");
    Arguments.positiveOrNull(maxOrderNotional, "maxOrderNotional");
    Arguments.positiveOrNull(maxPositionQty, "maxPositionQty");
    Arguments.notNull(blockedSymbols, "blockedSymbols");
    for (String symbol : blockedSymbols) {
      Arguments.notBlank(symbol, "a blocked symbol");
    }
    blockedSymbols = Set.copyOf(blockedSymbols);
  }

  /** Returns a builder with no limit set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RiskLimits}; every setter is optional. Not thread-safe. */
  public static final class Builder {
    private @Nullable BigDecimal maxOrderQty;
    private @Nullable BigDecimal maxOrderNotional;
    private @Nullable BigDecimal maxPositionQty;
    private Set<String> blockedSymbols = Set.of();
    private @Nullable TradingWindow tradingWindow;
    private @Nullable RateLimit rateLimit;

    private Builder() {}

    /** Sets the largest qty of one order. */
    public Builder maxOrderQty(BigDecimal value) {
      this.maxOrderQty = Arguments.notNull(value, "maxOrderQty");
      return this;
    }

    /** Sets the largest USD value of one order. */
    public Builder maxOrderNotional(BigDecimal value) {
      this.maxOrderNotional = Arguments.notNull(value, "maxOrderNotional");
      return this;
    }

    /** Sets the largest position per symbol, long or short. */
    public Builder maxPositionQty(BigDecimal value) {
      this.maxPositionQty = Arguments.notNull(value, "maxPositionQty");
      return this;
    }

    /** Sets the symbols the account may not trade. */
    public Builder blockedSymbols(Set<String> symbols) {
      this.blockedSymbols = Arguments.notNull(symbols, "blockedSymbols");
      return this;
    }

    /** Sets the New York times of day the account may submit in. */
    public Builder tradingWindow(TradingWindow window) {
      this.tradingWindow = Arguments.notNull(window, "tradingWindow");
      return this;
    }

    /** Sets how many submits the account may send in a window. */
    public Builder rateLimit(RateLimit limit) {
      this.rateLimit = Arguments.notNull(limit, "rateLimit");
      return this;
    }

    /**
     * Returns the limits.
     *
     * @throws SpeedTradeException as {@link RiskLimits}'s constructor
     */
    public RiskLimits build() {
      return new RiskLimits(
          maxOrderQty, maxOrderNotional, maxPositionQty, blockedSymbols, tradingWindow, rateLimit);
    }
  }
}
