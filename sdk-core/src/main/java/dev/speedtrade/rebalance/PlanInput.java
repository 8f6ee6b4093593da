package dev.speedtrade.rebalance;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@link TradePlanner} reads, gathered before it runs: the account, the settings, the
 * investments, today's allocations and the prices. Immutable.
 *
 * @param equity the account's equity
 * @param cash the account's cash; negative on margin
 * @param holdings the positions; two holdings of one symbol are added
 * @param settings the user's settings for this mode
 * @param investments the bot investments, in the order their weights are summed
 * @param allocations each bot's allocation by bot id; a bot without one has failed, and allocations
 *     of bots without an investment are ignored
 * @param prices reference prices by symbol (keys trimmed and upper-cased; a later key that
 *     normalizes to an earlier one replaces it)
 */
public record PlanInput(
    BigDecimal equity,
    BigDecimal cash,
    List<Holding> holdings,
    TradingSettings settings,
    List<BotInvestment> investments,
    Map<String, Allocation> allocations,
    Map<String, ReferencePrices> prices) {

  /**
   * Checks and copies the input.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a missing part, {@link
   *     ErrorCode#INVALID_INVESTMENT} for two investments in one bot, {@link
   *     ErrorCode#INVALID_SYMBOL} for a blank price symbol; {@link ErrorCode#INVALID_AMOUNT},
   *     {@link ErrorCode#INVALID_QUANTITY} or {@link ErrorCode#INVALID_PRICE} for equity or cash of
   *     1e15 or more, a quantity of 1e15 or more or with more than 9 decimals, a price of 1e12 or
   *     more or with more than 34 decimals
   */
  public PlanInput {
    require(equity != null, "equity must not be null");
    require(cash != null, "cash must not be null");
    require(holdings != null, "holdings must not be null");
    require(settings != null, "settings must not be null");
    require(investments != null, "investments must not be null");
    require(allocations != null, "allocations must not be null");
    require(prices != null, "prices must not be null");
    PlanNumbers.check(
        equity,
        PlanNumbers.MAX_DOLLARS,
        PlanNumbers.MAX_DECIMALS,
        ErrorCode.INVALID_AMOUNT,
        "equity");
    PlanNumbers.check(
        cash, PlanNumbers.MAX_DOLLARS, PlanNumbers.MAX_DECIMALS, ErrorCode.INVALID_AMOUNT, "cash");
    holdings = List.copyOf(holdings);
    for (Holding holding : holdings) {
      PlanNumbers.check(
          holding.qty(),
          PlanNumbers.MAX_DOLLARS,
          PlanNumbers.MAX_QTY_DECIMALS,
          ErrorCode.INVALID_QUANTITY,
          "qty of " + holding.symbol());
    }
    investments = List.copyOf(investments);
    Set<String> bots = new HashSet<>();
    for (int i = 0; i < investments.size(); i++) {
      if (!bots.add(investments.get(i).botId())) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_INVESTMENT,
            "investments["
                + i
                + "].botId '"
                + investments.get(i).botId()
                + "' is invested in twice");
      }
    }
    allocations = Map.copyOf(allocations);
    Map<String, ReferencePrices> normalized = new LinkedHashMap<>();
    prices.forEach(
        (symbol, price) -> {
          String key = PlanSymbols.normalize(symbol, "price symbol");
          Objects.requireNonNull(price, "prices of " + symbol);
          for (BigDecimal value : new BigDecimal[] {price.ask(), price.last(), price.close()}) {
            if (value != null) {
              PlanNumbers.check(
                  value,
                  PlanNumbers.MAX_PRICE,
                  PlanNumbers.MAX_DECIMALS,
                  ErrorCode.INVALID_PRICE,
                  "price of " + key);
            }
          }
          normalized.put(key, price);
        });
    prices = Map.copyOf(normalized);
  }

  /** Returns a builder with no cash, no holdings, default settings and nothing invested. */
  public static Builder builder(BigDecimal equity) {
    return new Builder(equity);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, message);
    }
  }

  /** Builds a {@link PlanInput}. Not thread-safe. */
  public static final class Builder {
    private final BigDecimal equity;
    private BigDecimal cash = BigDecimal.ZERO;
    private List<Holding> holdings = List.of();
    private TradingSettings settings = TradingSettings.defaults();
    private List<BotInvestment> investments = List.of();
    private Map<String, Allocation> allocations = Map.of();
    private Map<String, ReferencePrices> prices = Map.of();

    private Builder(BigDecimal equity) {
      this.equity = equity;
    }

    /** Sets the account's cash. */
    public Builder cash(BigDecimal cash) {
      this.cash = Objects.requireNonNull(cash, "cash");
      return this;
    }

    /** Sets the positions. */
    public Builder holdings(List<Holding> holdings) {
      this.holdings = Objects.requireNonNull(holdings, "holdings");
      return this;
    }

    /** Sets the settings. */
    public Builder settings(TradingSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Sets the investments, in order. */
    public Builder investments(List<BotInvestment> investments) {
      this.investments = Objects.requireNonNull(investments, "investments");
      return this;
    }

    /** Sets each bot's allocation by bot id. */
    public Builder allocations(Map<String, Allocation> allocations) {
      this.allocations = Objects.requireNonNull(allocations, "allocations");
      return this;
    }

    /** Sets the reference prices by symbol. */
    public Builder prices(Map<String, ReferencePrices> prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
      return this;
    }

    /** Returns the input; see {@link PlanInput#PlanInput} for what it checks. */
    public PlanInput build() {
      return new PlanInput(equity, cash, holdings, settings, investments, allocations, prices);
    }
  }
}
