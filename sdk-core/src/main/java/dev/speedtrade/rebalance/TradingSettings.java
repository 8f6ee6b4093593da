package dev.speedtrade.rebalance;

import dev.speedtrade.broker.OrderType;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How one user trades in one mode: the order type for buys and their limit, where failed and netted
 * weight goes, the cash kept back, offsetting pairs, the smallest trade worth making, and when the
 * daily rebalance runs. Build one with {@link #builder()}; {@link #defaults()} has every default.
 *
 * @param orderType {@link OrderType#LIMIT} (default) or {@link OrderType#MARKET}, for buys; sells
 *     are always market orders
 * @param limitPercent how far above the reference price a limit buy may fill, 0 to 10 [1.0]
 * @param fallbackTicker where a failed bot's share and netted pairs go [SGOV]; {@code CASH} keeps
 *     it in cash. Trimmed and upper-cased, then 1 to 20 characters of {@code A-Z 0-9 . / -}
 *     starting with a letter or a digit.
 * @param cashReserveMode whether {@code cashReserveAmount} is dollars (default) or a percentage
 * @param cashReserveAmount cash never invested: dollars (at least 0) or a percentage of equity (0
 *     to 100) [0]
 * @param pairedTickers offsetting pairs, in the order they are netted, at most {@value
 *     #MAX_PAIRED_TICKERS}; neither symbol of a pair is the fallback ticker [none]
 * @param minTradePercent the smallest trade, as a percentage of the investable value, 0 to 100 [0];
 *     exits are never skipped
 * @param minutesBeforeClose when the scheduler runs the rebalance, 1 to 60 minutes before the close
 *     [10]
 * @param enabled whether the scheduler runs it at all [false]
 */
public record TradingSettings(
    OrderType orderType,
    BigDecimal limitPercent,
    String fallbackTicker,
    ReserveMode cashReserveMode,
    BigDecimal cashReserveAmount,
    List<TickerPair> pairedTickers,
    BigDecimal minTradePercent,
    int minutesBeforeClose,
    boolean enabled) {

  /** The most pairs {@link #pairedTickers()} may hold: 64. */
  public static final int MAX_PAIRED_TICKERS = 64;

  private static final BigDecimal TEN = BigDecimal.TEN;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final TradingSettings DEFAULTS = builder().build();

  /**
   * Checks every setting. Messages start with the setting's name.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SETTINGS} for a null setting or one out of
   *     range
   */
  public TradingSettings {
    require(
        orderType == OrderType.LIMIT || orderType == OrderType.MARKET,
        "orderType must be LIMIT or MARKET, got " + orderType);
    require(
        limitPercent != null && limitPercent.signum() >= 0 && limitPercent.compareTo(TEN) <= 0,
        "limitPercent must be 0 to 10, got " + limitPercent);
    String fallback = PlanSymbols.normalizeOrNull(fallbackTicker);
    if (fallback == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_SETTINGS,
          "fallbackTicker must not be blank, got '" + fallbackTicker + "'");
    }
    require(
        PlanSymbols.isWellFormed(fallback),
        "fallbackTicker must be 1 to 20 characters of A-Z, 0-9, '.',"
            + " '/' or '-', got '"
            + abbreviate(fallbackTicker)
            + "'");
    fallbackTicker = fallback;
    require(cashReserveMode != null, "cashReserveMode must not be null");
    require(
        cashReserveAmount != null && cashReserveAmount.signum() >= 0,
        "cashReserveAmount must be at least 0, got " + cashReserveAmount);
    require(
        cashReserveMode == ReserveMode.DOLLARS || cashReserveAmount.compareTo(HUNDRED) <= 0,
        "cashReserveAmount must be at most 100 in percent mode, got " + cashReserveAmount);
    PlanNumbers.check(
        cashReserveAmount,
        PlanNumbers.MAX_DOLLARS,
        PlanNumbers.MAX_DECIMALS,
        ErrorCode.INVALID_SETTINGS,
        "cashReserveAmount");
    PlanNumbers.check(
        limitPercent,
        TEN.add(BigDecimal.ONE),
        PlanNumbers.MAX_DECIMALS,
        ErrorCode.INVALID_SETTINGS,
        "limitPercent");
    require(pairedTickers != null, "pairedTickers must not be null");
    require(
        pairedTickers.size() <= MAX_PAIRED_TICKERS,
        "pairedTickers must hold at most "
            + MAX_PAIRED_TICKERS
            + " pairs, got "
            + pairedTickers.size());
    require(pairedTickers.stream().noneMatch(Objects::isNull), "pairedTickers must not hold null");
    pairedTickers = List.copyOf(pairedTickers);
    for (int i = 0; i < pairedTickers.size(); i++) {
      TickerPair pair = pairedTickers.get(i);
      require(
          !pair.first().equals(fallback) && !pair.second().equals(fallback),
          "pairedTickers[" + i + "] " + pair + " must not hold the fallback ticker " + fallback);
    }
    require(
        minTradePercent != null
            && minTradePercent.signum() >= 0
            && minTradePercent.compareTo(HUNDRED) <= 0,
        "minTradePercent must be 0 to 100, got " + minTradePercent);
    PlanNumbers.check(
        minTradePercent,
        HUNDRED.add(BigDecimal.ONE),
        PlanNumbers.MAX_DECIMALS,
        ErrorCode.INVALID_SETTINGS,
        "minTradePercent");
    require(
        minutesBeforeClose >= 1 && minutesBeforeClose <= 60,
        "minutesBeforeClose must be 1 to 60, got " + minutesBeforeClose);
  }

  /** Returns the settings with every default. */
  public static TradingSettings defaults() {
    return DEFAULTS;
  }

  /** Returns a builder holding every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these settings. */
  public Builder toBuilder() {
    return new Builder()
        .orderType(orderType)
        .limitPercent(limitPercent)
        .fallbackTicker(fallbackTicker)
        .cashReserve(cashReserveMode, cashReserveAmount)
        .pairedTickers(pairedTickers)
        .minTradePercent(minTradePercent)
        .minutesBeforeClose(minutesBeforeClose)
        .enabled(enabled);
  }

  /**
   * Returns true when failed and netted weight stays in cash instead of buying a fallback ticker.
   */
  public boolean fallsBackToCash() {
    return fallbackTicker.equals(PlanSymbols.CASH);
  }

  private static String abbreviate(String text) {
    return text.length() <= 30 ? text : text.substring(0, 27) + "...";
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new SpeedTradeException(ErrorCode.INVALID_SETTINGS, Objects.requireNonNull(message));
    }
  }

  /**
   * Builds {@link TradingSettings}; starts from every default. Setters throw {@link
   * NullPointerException} for a null argument; {@link #build()} checks the ranges. Not thread-safe.
   */
  public static final class Builder {
    private OrderType orderType = OrderType.LIMIT;
    private BigDecimal limitPercent = new BigDecimal("1.0");
    private String fallbackTicker = "SGOV";
    private ReserveMode cashReserveMode = ReserveMode.DOLLARS;
    private BigDecimal cashReserveAmount = BigDecimal.ZERO;
    private List<TickerPair> pairedTickers = List.of();
    private BigDecimal minTradePercent = BigDecimal.ZERO;
    private int minutesBeforeClose = 10;
    private boolean enabled;

    private Builder() {}

    /** Sets the order type of buys: LIMIT or MARKET. */
    public Builder orderType(OrderType orderType) {
      this.orderType = Objects.requireNonNull(orderType, "orderType");
      return this;
    }

    /** Sets how far above the reference price a limit buy may fill, in percent (0 to 10). */
    public Builder limitPercent(BigDecimal limitPercent) {
      this.limitPercent = Objects.requireNonNull(limitPercent, "limitPercent");
      return this;
    }

    /** Sets where a failed bot's share and netted pairs go; {@code CASH} keeps it in cash. */
    public Builder fallbackTicker(String fallbackTicker) {
      this.fallbackTicker = Objects.requireNonNull(fallbackTicker, "fallbackTicker");
      return this;
    }

    /**
     * Sets the cash never invested: {@code amount} dollars, or {@code amount} percent of equity.
     */
    public Builder cashReserve(ReserveMode mode, BigDecimal amount) {
      this.cashReserveMode = Objects.requireNonNull(mode, "mode");
      this.cashReserveAmount = Objects.requireNonNull(amount, "amount");
      return this;
    }

    /** Sets the offsetting pairs, in the order they are netted. */
    public Builder pairedTickers(List<TickerPair> pairedTickers) {
      this.pairedTickers = Objects.requireNonNull(pairedTickers, "pairedTickers");
      return this;
    }

    /** Sets the smallest trade, as a percentage (0 to 100) of the investable value. */
    public Builder minTradePercent(BigDecimal minTradePercent) {
      this.minTradePercent = Objects.requireNonNull(minTradePercent, "minTradePercent");
      return this;
    }

    /** Sets how many minutes (1 to 60) before the close the scheduler runs the rebalance. */
    public Builder minutesBeforeClose(int minutesBeforeClose) {
      this.minutesBeforeClose = minutesBeforeClose;
      return this;
    }

    /** Sets whether the scheduler runs the rebalance. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * Returns the settings.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_SETTINGS} naming the first setting out
     *     of range
     */
    public TradingSettings build() {
      return new TradingSettings(
          orderType,
          limitPercent,
          fallbackTicker,
          cashReserveMode,
          cashReserveAmount,
          pairedTickers,
          minTradePercent,
          minutesBeforeClose,
          enabled);
    }
  }
}
