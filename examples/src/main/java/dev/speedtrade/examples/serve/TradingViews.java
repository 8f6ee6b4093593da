package dev.speedtrade.examples.serve;

import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionOrder;
import dev.speedtrade.rebalance.ExecutionRecord;
import dev.speedtrade.rebalance.PlanTarget;
import dev.speedtrade.rebalance.PlanWarning;
import dev.speedtrade.rebalance.PlannedOrder;
import dev.speedtrade.rebalance.SkippedSymbol;
import dev.speedtrade.rebalance.TradePlan;
import dev.speedtrade.rebalance.WeightMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of seed 002's trading values: investments, plans (targets, orders, warnings) and
 * executions, with the seed's lower-case names for modes, weight modes and order types.
 */
final class TradingViews {
  /** Decimals of a weight as written: {@code "0.4500"}, half-even. */
  static final int WEIGHT_SCALE = 4;

  /** Decimals of a current value as written (cents), half-even. */
  static final int VALUE_SCALE = 2;

  private TradingViews() {}

  static String mode(TradingMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  static String weightMode(WeightMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  static String orderType(OrderType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  static Map<String, Object> investment(
      BotInvestment investment, TradingMode mode, @Nullable Instant updatedAt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("botId", investment.botId());
    body.put("mode", mode(mode));
    body.put("amount", JsonViews.decimal(investment.amount()));
    body.put("weightMode", weightMode(investment.weightMode()));
    body.put("updatedAt", JsonViews.time(updatedAt));
    return body;
  }

  /**
   * One row per symbol the plan targets or the account holds. Both weights are fractions of the
   * plan's investable value (equity minus the cash reserve), the base the target weights are of, so
   * the two compare like with like: {@code currentWeight = currentQty x price / investable}. A
   * current value needs a price (null without one, unless nothing is held); weights are null when
   * nothing is investable.
   */
  static List<Map<String, Object>> targets(TradePlan plan) {
    BigDecimal base = plan.investable();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (PlanTarget target : plan.targets()) {
      BigDecimal currentValue = currentValue(target);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("symbol", target.symbol());
      row.put("currentWeight", JsonViews.decimal(weight(currentValue, base)));
      row.put(
          "targetWeight",
          base.signum() > 0
              ? JsonViews.decimal(target.weight().setScale(WEIGHT_SCALE, RoundingMode.HALF_EVEN))
              : null);
      row.put("currentValue", JsonViews.decimal(currentValue));
      row.put("targetValue", JsonViews.decimal(target.dollars()));
      row.put("currentQty", JsonViews.decimal(target.currentQty()));
      row.put("targetQty", JsonViews.decimal(target.targetQty()));
      row.put("price", JsonViews.decimal(target.price()));
      row.put(
          "priceSource",
          target.priceSource() == null
              ? null
              : target.priceSource().name().toLowerCase(Locale.ROOT));
      rows.add(row);
    }
    return rows;
  }

  static @Nullable BigDecimal currentValue(PlanTarget target) {
    if (target.currentQty().signum() == 0) {
      return BigDecimal.ZERO.setScale(VALUE_SCALE);
    }
    BigDecimal price = target.price();
    return price == null
        ? null
        : target.currentQty().multiply(price).setScale(VALUE_SCALE, RoundingMode.HALF_EVEN);
  }

  static @Nullable BigDecimal weight(@Nullable BigDecimal value, BigDecimal base) {
    if (value == null || base.signum() <= 0) {
      return null;
    }
    return value.divide(base, WEIGHT_SCALE, RoundingMode.HALF_EVEN);
  }

  static Map<String, Object> planned(PlannedOrder order) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", order.symbol());
    body.put("side", order.side().name());
    body.put("qty", JsonViews.decimal(order.qty()));
    body.put("orderType", orderType(order.type()));
    body.put("limitPrice", JsonViews.decimal(order.limitPrice()));
    body.put("status", "PLANNED");
    body.put("referencePrice", JsonViews.decimal(order.referencePrice()));
    body.put("exit", order.exit());
    return body;
  }

  /**
   * An order of a recorded execution. Its status is the broker's as last known: {@code now}'s when
   * given (the broker's answer at the time of the request), else the record's; {@code FAILED} when
   * the broker refused it or the call failed, {@code RECORDED} when it was recorded but never
   * acknowledged.
   */
  static Map<String, Object> executed(ExecutionOrder order, @Nullable BrokerOrder now) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", order.symbol());
    body.put("side", order.side().name());
    body.put("qty", JsonViews.decimal(order.qty()));
    body.put("orderType", orderType(order.type()));
    body.put(
        "limitPrice", order.type() == OrderType.LIMIT ? JsonViews.decimal(order.price()) : null);
    OrderStatus known = now != null ? now.status() : order.status();
    String status;
    if (known != null) {
      status = known.name();
    } else {
      status = order.error() != null ? "FAILED" : "RECORDED";
    }
    body.put("status", status);
    body.put(
        "filledQty", JsonViews.decimal(now != null ? now.filledQty().value() : order.filledQty()));
    body.put("clientOrderId", order.clientOrderId());
    body.put("phase", order.phase().name());
    body.put("error", order.error());
    return body;
  }

  static Map<String, Object> warning(PlanWarning warning) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", warning.code().name());
    body.put(
        "message",
        warning.detail().isEmpty()
            ? switch (warning.code()) {
              case OVER_ALLOCATED ->
                  "the investments add up to more than the investable value; each was scaled down";
              case BOT_FAILED -> "a bot failed; its share went to the fallback ticker";
              case PAIRED_NETTED -> "a pair of offsetting tickers was netted";
              case BUYS_SCALED -> "the buys were scaled down to the cash available";
            }
            : warning.detail());
    return body;
  }

  static Map<String, Object> skipped(SkippedSymbol skipped) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("symbol", skipped.symbol());
    body.put("reason", skipped.reason().name());
    return body;
  }

  /**
   * A recorded execution, as the history lists it (never a dry run: those are not recorded), with
   * its orders as {@code orders} gives them.
   */
  static Map<String, Object> execution(ExecutionRecord record, List<Map<String, Object>> orders) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", record.id());
    body.put("mode", mode(record.key().mode()));
    body.put("marketDate", record.key().marketDate().toString());
    body.put("status", record.status().name());
    body.put("dryRun", false);
    body.put("attempt", record.attempt());
    body.put("orders", orders);
    body.put("errors", record.errors());
    body.put("warnings", record.warnings().stream().map(TradingViews::warning).toList());
    body.put("startedAt", JsonViews.time(record.startedAt()));
    body.put("finishedAt", JsonViews.time(record.finishedAt()));
    return body;
  }
}
