package dev.speedtrade.rebalance;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Steps 1 to 10 of the rebalance contract ({@code docs/rebalance.md}): from an account, settings,
 * investments, allocations and prices to a {@link TradePlan}. A pure function: no I/O, no clock,
 * the same plan for the same input. Thread-safe.
 *
 * <p>Every operation on weights and dollars is rounded to {@link MathContext#DECIMAL128}, each
 * formula evaluated left to right as the contract writes it. The other roundings: target dollars
 * half-even to cents, share counts down to whole shares, limit prices half-up to cents (to 4
 * decimals below $1).
 */
public final class TradePlanner {
  private static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal CAP = new BigDecimal("0.99");
  private static final BigDecimal MAX_ALLOCATION_SUM = new BigDecimal("1.000001");

  private TradePlanner() {}

  /** Plans the trades that bring the account to its bots' merged targets. */
  public static TradePlan plan(PlanInput input) {
    return plan(input, true);
  }

  /**
   * Plans again after the sells, for the buys alone: the same steps, except that the cash check
   * counts only the cash there is. The sells this plan still lists (ones that have not filled) will
   * not be placed, so their proceeds cannot pay for buys.
   */
  static TradePlan planBuys(PlanInput input) {
    return plan(input, false);
  }

  private static TradePlan plan(PlanInput input, boolean sellsPayForBuys) {
    TradingSettings settings = input.settings();
    List<PlanWarning> warnings = new ArrayList<>();
    BigDecimal equity = input.equity();
    BigDecimal reserve = reserve(equity, settings);
    BigDecimal investable = equity.subtract(reserve, MC).max(BigDecimal.ZERO);
    List<BigDecimal> botWeights = botWeights(input.investments(), investable, warnings);
    List<Map<String, BigDecimal>> botAllocations = botAllocations(input, warnings);
    SortedMap<String, BigDecimal> weights = merge(botWeights, botAllocations);
    netPairs(weights, settings, warnings);
    weights.values().removeIf(weight -> weight.signum() == 0);
    cap(weights);
    Map<String, BigDecimal> held = holdings(input.holdings());
    Lines lines = quantities(weights, held, input.prices(), investable, settings);
    List<PlannedOrder> buys =
        checkCash(lines.buys, sellsPayForBuys ? lines.sells : List.of(), input.cash(), warnings);
    List<PlannedOrder> orders = new ArrayList<>(lines.sells);
    orders.addAll(buys);
    return new TradePlan(
        equity, reserve, investable, weights, lines.targets, orders, lines.skipped, warnings);
  }

  /** Step 1: the reserve, dollars or a percentage of equity, as computed even above equity. */
  static BigDecimal reserve(BigDecimal equity, TradingSettings settings) {
    BigDecimal amount = settings.cashReserveAmount();
    return settings.cashReserveMode() == ReserveMode.DOLLARS
        ? amount
        : equity.multiply(amount, MC).divide(HUNDRED, MC);
  }

  /**
   * Step 2: each investment's share of the investable value, normalized when they sum above one.
   */
  static List<BigDecimal> botWeights(
      List<BotInvestment> investments, BigDecimal investable, List<PlanWarning> warnings) {
    List<BigDecimal> weights = new ArrayList<>(investments.size());
    BigDecimal sum = BigDecimal.ZERO;
    for (BotInvestment investment : investments) {
      BigDecimal weight;
      if (investment.weightMode() == WeightMode.PERCENT) {
        weight = investment.amount().divide(HUNDRED, MC);
      } else {
        weight =
            investable.signum() == 0 ? BigDecimal.ZERO : investment.amount().divide(investable, MC);
      }
      weights.add(weight);
      sum = sum.add(weight, MC);
    }
    if (sum.compareTo(BigDecimal.ONE) > 0) {
      BigDecimal total = sum;
      weights.replaceAll(weight -> weight.divide(total, MC));
      warnings.add(new PlanWarning(WarningCode.OVER_ALLOCATED, ""));
    }
    return weights;
  }

  /**
   * Step 3: each investment's allocation, symbols normalized and repeats added; a failed or invalid
   * one becomes all fallback ticker (or all cash).
   */
  static List<Map<String, BigDecimal>> botAllocations(PlanInput input, List<PlanWarning> warnings) {
    List<Map<String, BigDecimal>> allocations = new ArrayList<>();
    for (BotInvestment investment : input.investments()) {
      Allocation allocation = input.allocations().get(investment.botId());
      String failure;
      // Sized for the entries, so that 500 of them are not rehashed six times over.
      int entries = allocation instanceof Allocation.Weights given ? given.weights().size() : 1;
      Map<String, BigDecimal> weights = new LinkedHashMap<>(entries + entries / 3 + 1);
      if (allocation == null) {
        failure = "no allocation";
      } else if (allocation instanceof Allocation.Failed failed) {
        failure = failed.reason();
      } else {
        failure = validate(((Allocation.Weights) allocation).weights(), weights);
      }
      if (failure != null) {
        warnings.add(new PlanWarning(WarningCode.BOT_FAILED, investment.botId() + ": " + failure));
        weights.clear();
        if (!input.settings().fallsBackToCash()) {
          weights.put(input.settings().fallbackTicker(), BigDecimal.ONE);
        }
      }
      allocations.add(weights);
    }
    return allocations;
  }

  /**
   * Adds {@code entries} into {@code weights}; returns why they are invalid, or null. Each weight
   * is already bounded ({@link SymbolWeight}), so the sum and its text stay small.
   */
  private static @Nullable String validate(
      List<SymbolWeight> entries, Map<String, BigDecimal> weights) {
    // In limbs: for 25,000 weights, BigDecimal.add(x, DECIMAL128) is a BigInteger sum per weight.
    Decimal128Sum sum = new Decimal128Sum(BigDecimal.ZERO);
    Decimal128Limbs scratch = new Decimal128Limbs();
    for (SymbolWeight entry : entries) {
      String symbol = PlanSymbols.normalizeOrNull(entry.symbol());
      if (symbol == null) {
        return "blank symbol";
      }
      if (entry.weight().signum() < 0) {
        return "negative weight for " + symbol;
      }
      sum.add(entry.weight(), scratch);
      weights.merge(symbol, entry.weight(), (a, b) -> a.add(b, MC));
    }
    BigDecimal total = sum.value();
    if (total.compareTo(MAX_ALLOCATION_SUM) > 0) {
      return "weights sum to " + total.toPlainString() + ", above " + MAX_ALLOCATION_SUM;
    }
    return null;
  }

  /**
   * Step 4: the bots' allocations weighted by their investments and added, cash left out. {@link
   * WeightMerge} computes each product and sum in limbs where it can, with the values and scales
   * {@code BigDecimal} gives them under {@code DECIMAL128}.
   */
  static SortedMap<String, BigDecimal> merge(
      List<BigDecimal> botWeights, List<Map<String, BigDecimal>> allocations) {
    WeightMerge merge = new WeightMerge();
    for (int i = 0; i < allocations.size(); i++) {
      merge.add(botWeights.get(i), allocations.get(i));
    }
    return merge.result();
  }

  /**
   * Step 5: for each pair held on both sides, the overlap moves to the fallback ticker (or cash).
   */
  static void netPairs(
      SortedMap<String, BigDecimal> weights, TradingSettings settings, List<PlanWarning> warnings) {
    for (TickerPair pair : settings.pairedTickers()) {
      BigDecimal first = weights.getOrDefault(pair.first(), BigDecimal.ZERO);
      BigDecimal second = weights.getOrDefault(pair.second(), BigDecimal.ZERO);
      if (first.signum() > 0 && second.signum() > 0) {
        BigDecimal overlap = first.min(second);
        weights.put(pair.first(), first.subtract(overlap, MC));
        weights.put(pair.second(), second.subtract(overlap, MC));
        if (!settings.fallsBackToCash()) {
          BigDecimal freed = overlap.multiply(BigDecimal.valueOf(2), MC);
          weights.merge(settings.fallbackTicker(), freed, (a, b) -> a.add(b, MC));
        }
        warnings.add(new PlanWarning(WarningCode.PAIRED_NETTED, pair.toString()));
      }
    }
  }

  /** Step 6: weights summing above 0.99 are scaled to sum to 0.99. */
  static void cap(SortedMap<String, BigDecimal> weights) {
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal weight : weights.values()) {
      sum = sum.add(weight, MC);
    }
    if (sum.compareTo(CAP) > 0) {
      BigDecimal total = sum;
      weights.replaceAll((symbol, weight) -> weight.multiply(CAP, MC).divide(total, MC));
    }
  }

  /** The positions by symbol, repeats added, zero quantities dropped. */
  static Map<String, BigDecimal> holdings(List<Holding> holdings) {
    Map<String, BigDecimal> held = new TreeMap<>();
    for (Holding holding : holdings) {
      held.merge(holding.symbol(), holding.qty(), BigDecimal::add);
    }
    held.values().removeIf(qty -> qty.signum() == 0);
    return held;
  }

  /** Step 7: the first positive of ask, last trade and close, with its source; null when none. */
  static @Nullable Priced price(@Nullable ReferencePrices prices) {
    if (prices == null) {
      return null;
    }
    BigDecimal ask = positive(prices.ask());
    if (ask != null) {
      return new Priced(ask, PriceSource.QUOTE);
    }
    BigDecimal last = positive(prices.last());
    if (last != null) {
      return new Priced(last, PriceSource.TRADE);
    }
    BigDecimal close = positive(prices.close());
    if (close != null) {
      return new Priced(close, PriceSource.BAR);
    }
    return null;
  }

  /** Returns {@code value} when it is positive, else null. */
  private static @Nullable BigDecimal positive(@Nullable BigDecimal value) {
    return value != null && value.signum() > 0 ? value : null;
  }

  /**
   * Steps 8 and 9: a line per symbol targeted or held, in symbol order, and the orders they make.
   */
  static Lines quantities(
      SortedMap<String, BigDecimal> weights,
      Map<String, BigDecimal> held,
      Map<String, ReferencePrices> prices,
      BigDecimal investable,
      TradingSettings settings) {
    SortedSet<String> symbols = new TreeSet<>(weights.keySet());
    symbols.addAll(held.keySet());
    BigDecimal minTrade = settings.minTradePercent().divide(HUNDRED, MC).multiply(investable, MC);
    // The same factor for every buy: computed once, as dividing by 100 costs more than the rest.
    BigDecimal limitFactor = limitFactor(settings.limitPercent());
    Lines lines = new Lines();
    for (String symbol : symbols) {
      BigDecimal weight = weights.get(symbol);
      BigDecimal current = held.getOrDefault(symbol, BigDecimal.ZERO);
      Priced priced = price(prices.get(symbol));
      BigDecimal price = priced == null ? null : priced.price;
      PriceSource source = priced == null ? null : priced.source;
      BigDecimal dollars =
          weight == null
              ? BigDecimal.ZERO
              : weight.multiply(investable, MC).setScale(2, RoundingMode.HALF_EVEN);
      BigDecimal targetQty;
      if (current.signum() < 0) {
        targetQty = null;
        lines.skipped.add(new SkippedSymbol(symbol, SkipReason.SHORT_POSITION));
      } else if (weight == null) {
        targetQty = BigDecimal.ZERO;
        lines.sells.add(exit(symbol, current, price));
      } else if (price == null) {
        targetQty = null;
        lines.skipped.add(new SkippedSymbol(symbol, SkipReason.NO_PRICE));
      } else {
        targetQty = dollars.divide(price, MC).setScale(0, RoundingMode.FLOOR);
        if (targetQty.signum() == 0 && current.signum() > 0) {
          lines.sells.add(exit(symbol, current, price));
        } else {
          trade(lines, symbol, current, targetQty, price, minTrade, limitFactor, settings);
        }
      }
      lines.targets.add(
          new PlanTarget(
              symbol,
              weight == null ? BigDecimal.ZERO : weight,
              dollars,
              price,
              source,
              current,
              targetQty));
    }
    return lines;
  }

  private static PlannedOrder exit(String symbol, BigDecimal qty, @Nullable BigDecimal price) {
    return new PlannedOrder(OrderSide.SELL, symbol, qty, OrderType.MARKET, null, price, true);
  }

  /** Steps 8 and 9 for a priced, targeted symbol that is not an exit. */
  private static void trade(
      Lines lines,
      String symbol,
      BigDecimal current,
      BigDecimal targetQty,
      BigDecimal price,
      BigDecimal minTrade,
      BigDecimal limitFactor,
      TradingSettings settings) {
    boolean sell = current.compareTo(targetQty) > 0;
    BigDecimal shares =
        (sell ? current.subtract(targetQty) : targetQty.subtract(current))
            .setScale(0, RoundingMode.FLOOR);
    if (shares.signum() == 0) {
      return;
    }
    if (shares.multiply(price, MC).compareTo(minTrade) < 0) {
      lines.skipped.add(new SkippedSymbol(symbol, SkipReason.BELOW_MIN_TRADE));
      return;
    }
    if (sell) {
      lines.sells.add(
          new PlannedOrder(OrderSide.SELL, symbol, shares, OrderType.MARKET, null, price, false));
    } else if (settings.orderType() == OrderType.MARKET) {
      lines.buys.add(
          new PlannedOrder(OrderSide.BUY, symbol, shares, OrderType.MARKET, null, price, false));
    } else {
      lines.buys.add(
          new PlannedOrder(
              OrderSide.BUY,
              symbol,
              shares,
              OrderType.LIMIT,
              limitPriceAt(price, limitFactor),
              price,
              false));
    }
  }

  /** Step 9: {@code p × (1 + limitPercent / 100)}, half-up to cents, or to 4 decimals below $1. */
  static BigDecimal limitPrice(BigDecimal price, BigDecimal limitPercent) {
    return limitPriceAt(price, limitFactor(limitPercent));
  }

  /** Step 9's {@code 1 + limitPercent / 100}. */
  static BigDecimal limitFactor(BigDecimal limitPercent) {
    return BigDecimal.ONE.add(limitPercent.divide(HUNDRED, MC), MC);
  }

  /** Step 9's limit price for the factor {@code 1 + limitPercent / 100}. */
  private static BigDecimal limitPriceAt(BigDecimal price, BigDecimal limitFactor) {
    BigDecimal limit = price.multiply(limitFactor, MC);
    int scale = limit.compareTo(BigDecimal.ONE) >= 0 ? 2 : 4;
    return limit.setScale(scale, RoundingMode.HALF_UP);
  }

  /**
   * Step 10: buys that cost more than the cash for them are scaled down, and zero-share buys
   * dropped.
   */
  static List<PlannedOrder> checkCash(
      List<PlannedOrder> buys,
      List<PlannedOrder> sells,
      BigDecimal cash,
      List<PlanWarning> warnings) {
    BigDecimal available = cash;
    for (PlannedOrder sell : sells) {
      if (sell.referencePrice() != null) {
        available = available.add(sell.qty().multiply(sell.referencePrice(), MC), MC);
      }
    }
    available = available.max(BigDecimal.ZERO);
    BigDecimal cost = BigDecimal.ZERO;
    for (PlannedOrder buy : buys) {
      cost = cost.add(buy.qty().multiply(costPrice(buy), MC), MC);
    }
    if (cost.compareTo(available) <= 0) {
      return buys;
    }
    List<PlannedOrder> scaled = new ArrayList<>();
    for (PlannedOrder buy : buys) {
      BigDecimal shares =
          buy.qty().multiply(available, MC).divide(cost, MC).setScale(0, RoundingMode.FLOOR);
      if (shares.signum() > 0) {
        scaled.add(buy.withQty(shares));
      }
    }
    warnings.add(new PlanWarning(WarningCode.BUYS_SCALED, ""));
    return scaled;
  }

  private static BigDecimal costPrice(PlannedOrder buy) {
    BigDecimal price = buy.limitPrice() != null ? buy.limitPrice() : buy.referencePrice();
    return java.util.Objects.requireNonNull(price, "a buy always has a price");
  }

  /** A reference price and where it came from. */
  record Priced(BigDecimal price, PriceSource source) {}

  /** What step 8 produced: target lines, skipped symbols, sells and buys, each in symbol order. */
  static final class Lines {
    final List<PlanTarget> targets = new ArrayList<>();
    final List<SkippedSymbol> skipped = new ArrayList<>();
    final List<PlannedOrder> sells = new ArrayList<>();
    final List<PlannedOrder> buys = new ArrayList<>();
  }
}
