package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speedtrade.rebalance.PlanTarget;
import dev.speedtrade.rebalance.PlanWarning;
import dev.speedtrade.rebalance.PlannedOrder;
import dev.speedtrade.rebalance.SkippedSymbol;
import dev.speedtrade.rebalance.TradePlan;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TradePlan} as the JSON of {@code docs/rebalance.md}: numbers as strings of plain
 * decimals (no exponent, no trailing zeros), sides, types and price sources in lower case, reasons
 * and warning codes as the contract spells them.
 */
final class PlanJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PlanJson() {}

  static String write(TradePlan plan) {
    try {
      return JSON.writeValueAsString(tree(plan));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode tree(TradePlan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("equity", decimal(plan.equity()));
    root.put("reserve", decimal(plan.reserve()));
    root.put("investable", decimal(plan.investable()));
    ObjectNode weights = root.putObject("weights");
    plan.weights().forEach((symbol, weight) -> weights.put(symbol, decimal(weight)));
    ArrayNode targets = root.putArray("targets");
    for (PlanTarget target : plan.targets()) {
      ObjectNode line = targets.addObject();
      line.put("symbol", target.symbol());
      line.put("weight", decimal(target.weight()));
      line.put("dollars", decimal(target.dollars()));
      line.put("price", decimal(target.price()));
      line.put(
          "priceSource", target.priceSource() == null ? null : lower(target.priceSource().name()));
      line.put("currentQty", decimal(target.currentQty()));
      line.put("targetQty", decimal(target.targetQty()));
    }
    ArrayNode orders = root.putArray("orders");
    for (PlannedOrder order : plan.orders()) {
      ObjectNode line = orders.addObject();
      line.put("side", lower(order.side().name()));
      line.put("symbol", order.symbol());
      line.put("qty", decimal(order.qty()));
      line.put("type", lower(order.type().name()));
      if (order.limitPrice() != null) {
        line.put("limitPrice", decimal(order.limitPrice()));
      }
    }
    ArrayNode skipped = root.putArray("skipped");
    for (SkippedSymbol skip : plan.skipped()) {
      skipped.addObject().put("symbol", skip.symbol()).put("reason", skip.reason().name());
    }
    ArrayNode warnings = root.putArray("warnings");
    for (PlanWarning warning : plan.warnings()) {
      warnings.addObject().put("code", warning.code().name()).put("detail", warning.detail());
    }
    return root;
  }

  /** A plain decimal without trailing zeros; null stays null. */
  static @Nullable String decimal(@Nullable BigDecimal value) {
    if (value == null) {
      return null;
    }
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
