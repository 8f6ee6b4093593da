package dev.speedtrade.examples.cli;

import dev.speedtrade.broker.OrderType;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Weight;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.Holding;
import dev.speedtrade.rebalance.PlanInput;
import dev.speedtrade.rebalance.ReferencePrices;
import dev.speedtrade.rebalance.ReserveMode;
import dev.speedtrade.rebalance.SymbolWeight;
import dev.speedtrade.rebalance.TickerPair;
import dev.speedtrade.rebalance.TradingSettings;
import dev.speedtrade.rebalance.WeightMode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code speedtrade plan} scenario (the format of {@code docs/rebalance.md}) into a {@link
 * PlanInput}. Numbers may be JSON numbers or strings holding one, and are read exactly from their
 * text. A malformed scenario throws {@link UserInputException} naming the field's path, such as
 * {@code settings.limitPercent} or {@code investments[1].amount}; a bot's allocation that is
 * present but unusable is not malformed, it fails the bot.
 */
final class PlanScenario {
  /** The longest number text read: Jackson allows a thousand digits, and a string any length. */
  static final int MAX_NUMBER_LENGTH = 100;

  /** The largest number any field may hold; each field's own range is checked by the planner. */
  private static final BigDecimal MAX_NUMBER = Weight.MAX_VALUE;

  /** The most decimals any field may hold: a weight's ({@link Weight#MAX_SCALE}). */
  private static final int MAX_DECIMALS = Weight.MAX_SCALE;

  /** What {@link BigDecimal#BigDecimal(String)} reads, so that a long text can be told apart. */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private PlanScenario() {}

  /**
   * Reads a scenario.
   *
   * @throws UserInputException naming the first malformed field
   */
  static PlanInput parse(String text) {
    JsonTree.Obj root = object(JsonTree.parse(text), "scenario");
    JsonTree.Obj account = object(required(root, "account", "account"), "account");
    PlanInput.Builder input =
        PlanInput.builder(number(required(account, "equity", "account.equity"), "account.equity"));
    JsonTree cash = account.get("cash");
    if (cash != null) {
      input.cash(number(cash, "account.cash"));
    }
    input.holdings(holdings(account.get("positions")));
    JsonTree settings = root.get("settings");
    input.settings(
        settings == null ? TradingSettings.defaults() : settings(object(settings, "settings")));
    List<BotInvestment> investments = investments(root.get("investments"));
    input.investments(investments);
    input.allocations(allocations(root.get("allocations")));
    input.prices(prices(root.get("prices")));
    try {
      return input.build();
    } catch (SpeedTradeException e) {
      throw new UserInputException("scenario: " + e.getMessage());
    }
  }

  static List<Holding> holdings(@Nullable JsonTree positions) {
    List<Holding> holdings = new ArrayList<>();
    if (positions == null) {
      return holdings;
    }
    List<JsonTree> items = array(positions, "account.positions");
    for (int i = 0; i < items.size(); i++) {
      String path = "account.positions[" + i + "]";
      JsonTree.Obj position = object(items.get(i), path);
      String symbol = string(required(position, "symbol", path + ".symbol"), path + ".symbol");
      if (symbol.isBlank()) {
        throw new UserInputException(path + ".symbol: must not be blank");
      }
      holdings.add(
          new Holding(symbol, number(required(position, "qty", path + ".qty"), path + ".qty")));
    }
    return holdings;
  }

  static TradingSettings settings(JsonTree.Obj node) {
    TradingSettings.Builder settings = TradingSettings.builder();
    TradingSettings defaults = TradingSettings.defaults();
    JsonTree orderType = node.get("orderType");
    if (orderType != null) {
      settings.orderType(
          switch (word(orderType, "settings.orderType")) {
            case "limit" -> OrderType.LIMIT;
            case "market" -> OrderType.MARKET;
            default ->
                throw new UserInputException(
                    "settings.orderType: must be limit or market, got '"
                        + word(orderType, "settings.orderType")
                        + "'");
          });
    }
    JsonTree limitPercent = node.get("limitPercent");
    if (limitPercent != null) {
      settings.limitPercent(number(limitPercent, "settings.limitPercent"));
    }
    JsonTree fallback = node.get("fallbackTicker");
    if (fallback != null) {
      settings.fallbackTicker(string(fallback, "settings.fallbackTicker"));
    }
    JsonTree modeNode = node.get("cashReserveMode");
    ReserveMode mode = defaults.cashReserveMode();
    if (modeNode != null) {
      mode =
          switch (word(modeNode, "settings.cashReserveMode")) {
            case "dollars" -> ReserveMode.DOLLARS;
            case "percent" -> ReserveMode.PERCENT;
            default ->
                throw new UserInputException(
                    "settings.cashReserveMode: must be dollars or percent, got '"
                        + word(modeNode, "settings.cashReserveMode")
                        + "'");
          };
    }
    JsonTree amount = node.get("cashReserveAmount");
    settings.cashReserve(
        mode,
        amount == null
            ? defaults.cashReserveAmount()
            : number(amount, "settings.cashReserveAmount"));
    JsonTree pairs = node.get("pairedTickers");
    if (pairs != null) {
      settings.pairedTickers(pairs(pairs));
    }
    JsonTree minTrade = node.get("minTradePercent");
    if (minTrade != null) {
      settings.minTradePercent(number(minTrade, "settings.minTradePercent"));
    }
    JsonTree minutes = node.get("minutesBeforeClose");
    if (minutes != null) {
      BigDecimal value = number(minutes, "settings.minutesBeforeClose");
      if (value.stripTrailingZeros().scale() > 0
          || value.compareTo(BigDecimal.ZERO) < 0
          || value.compareTo(BigDecimal.valueOf(60)) > 0) {
        throw new UserInputException(
            "settings.minutesBeforeClose: must be a whole number 1 to 60, got " + value);
      }
      settings.minutesBeforeClose(value.intValueExact());
    }
    JsonTree enabled = node.get("enabled");
    if (enabled != null) {
      if (!(enabled instanceof JsonTree.Bool flag)) {
        throw new UserInputException(
            "settings.enabled: must be true or false, got " + enabled.kind());
      }
      settings.enabled(flag.value());
    }
    try {
      return settings.build();
    } catch (SpeedTradeException e) {
      throw new UserInputException("settings." + e.getMessage());
    }
  }

  private static List<TickerPair> pairs(JsonTree node) {
    List<TickerPair> pairs = new ArrayList<>();
    List<JsonTree> items = array(node, "settings.pairedTickers");
    for (int i = 0; i < items.size(); i++) {
      String path = "settings.pairedTickers[" + i + "]";
      List<JsonTree> symbols = array(items.get(i), path);
      if (symbols.size() != 2) {
        throw new UserInputException(
            path + ": must be a pair of two symbols, got " + symbols.size());
      }
      try {
        pairs.add(
            new TickerPair(
                string(symbols.get(0), path + "[0]"), string(symbols.get(1), path + "[1]")));
      } catch (SpeedTradeException e) {
        throw new UserInputException(path + ": " + e.getMessage());
      }
    }
    return pairs;
  }

  static List<BotInvestment> investments(@Nullable JsonTree node) {
    List<BotInvestment> investments = new ArrayList<>();
    if (node == null) {
      return investments;
    }
    List<JsonTree> items = array(node, "investments");
    Set<String> bots = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = "investments[" + i + "]";
      JsonTree.Obj investment = object(items.get(i), path);
      String botId = string(required(investment, "botId", path + ".botId"), path + ".botId");
      if (botId.isBlank()) {
        throw new UserInputException(path + ".botId: must not be blank");
      }
      if (!bots.add(botId)) {
        throw new UserInputException(path + ".botId: '" + botId + "' is invested in twice");
      }
      BigDecimal amount =
          number(required(investment, "amount", path + ".amount"), path + ".amount");
      if (amount.signum() <= 0) {
        throw new UserInputException(path + ".amount: must be positive, got " + amount);
      }
      WeightMode mode = WeightMode.DOLLARS;
      JsonTree modeNode = investment.get("weightMode");
      if (modeNode != null) {
        mode =
            switch (word(modeNode, path + ".weightMode")) {
              case "dollars" -> WeightMode.DOLLARS;
              case "percent" -> WeightMode.PERCENT;
              default ->
                  throw new UserInputException(
                      path
                          + ".weightMode: must be dollars or percent, got '"
                          + word(modeNode, path + ".weightMode")
                          + "'");
            };
      }
      try {
        investments.add(new BotInvestment(botId, amount, mode));
      } catch (SpeedTradeException e) {
        throw new UserInputException(path + ": " + e.getMessage());
      }
    }
    return investments;
  }

  static Map<String, Allocation> allocations(@Nullable JsonTree node) {
    Map<String, Allocation> allocations = new LinkedHashMap<>();
    if (node == null) {
      return allocations;
    }
    for (Map.Entry<String, JsonTree> member : object(node, "allocations").members()) {
      String bot = member.getKey();
      JsonTree value = member.getValue();
      if (value instanceof JsonTree.Null) {
        allocations.put(bot, Allocation.failed("no allocation"));
      } else if (value instanceof JsonTree.Obj weights) {
        allocations.put(bot, allocation(bot, weights));
      } else {
        throw new UserInputException(
            "allocations."
                + bot
                + ": must be an object of weights, null or"
                + " {\"error\": ...}, got "
                + value.kind());
      }
    }
    return allocations;
  }

  /**
   * A bot's weights; an error member, or a weight that is not a number, fails the bot. A weight no
   * bot can mean ({@link SymbolWeight}: above 1e15 in size, more than 60 decimals, more than
   * {@value #MAX_NUMBER_LENGTH} characters) is malformed: {@code INVALID_WEIGHT} naming the field.
   */
  private static Allocation allocation(String bot, JsonTree.Obj weights) {
    JsonTree error = weights.get("error");
    if (error != null) {
      return Allocation.failed(
          error instanceof JsonTree.Str text ? text.value() : "error " + error.kind());
    }
    List<SymbolWeight> entries = new ArrayList<>();
    for (Map.Entry<String, JsonTree> member : weights.members()) {
      String path = "allocations." + bot + "." + member.getKey();
      BigDecimal weight;
      try {
        weight = numberOrNull(member.getValue(), path);
      } catch (UserInputException e) {
        throw new SpeedTradeException(ErrorCode.INVALID_WEIGHT, e.getMessage(), e);
      }
      if (weight == null) {
        return Allocation.failed(
            "weight for " + member.getKey().strip().toUpperCase(Locale.ROOT) + " is not a number");
      }
      try {
        entries.add(new SymbolWeight(member.getKey(), weight));
      } catch (SpeedTradeException e) {
        throw new SpeedTradeException(e.code(), path + ": " + e.getMessage(), e);
      }
    }
    return Allocation.of(entries);
  }

  private static Map<String, ReferencePrices> prices(@Nullable JsonTree node) {
    Map<String, ReferencePrices> prices = new LinkedHashMap<>();
    if (node == null) {
      return prices;
    }
    for (Map.Entry<String, JsonTree> member : object(node, "prices").members()) {
      String path = "prices." + member.getKey();
      if (member.getKey().isBlank()) {
        throw new UserInputException(path + ": the symbol must not be blank");
      }
      JsonTree.Obj price = object(member.getValue(), path);
      prices.put(
          member.getKey(),
          new ReferencePrices(
              optionalNumber(price, "ask", path),
              optionalNumber(price, "last", path),
              optionalNumber(price, "close", path)));
    }
    return prices;
  }

  private static @Nullable BigDecimal optionalNumber(JsonTree.Obj node, String key, String path) {
    JsonTree value = node.get(key);
    return value == null || value instanceof JsonTree.Null ? null : number(value, path + "." + key);
  }

  private static JsonTree required(JsonTree.Obj node, String key, String path) {
    JsonTree value = node.get(key);
    if (value == null || value instanceof JsonTree.Null) {
      throw new UserInputException(path + ": missing");
    }
    return value;
  }

  static JsonTree.Obj object(JsonTree node, String path) {
    if (node instanceof JsonTree.Obj object) {
      return object;
    }
    throw new UserInputException(path + ": must be an object, got " + node.kind());
  }

  private static List<JsonTree> array(JsonTree node, String path) {
    if (node instanceof JsonTree.Arr array) {
      return array.items();
    }
    throw new UserInputException(path + ": must be a list, got " + node.kind());
  }

  static String string(JsonTree node, String path) {
    if (node instanceof JsonTree.Str text) {
      return text.value();
    }
    throw new UserInputException(path + ": must be a string, got " + node.kind());
  }

  /** An enum word, compared in lower case. */
  private static String word(JsonTree node, String path) {
    return string(node, path).strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a number that is not a weight: at most {@value #MAX_NUMBER_LENGTH} characters, at most
   * 1e15 in size, at most {@value #MAX_DECIMALS} decimals. That is wider than any field takes (the
   * planner checks each field's own range), and keeps every later step and message small.
   */
  static BigDecimal number(JsonTree node, String path) {
    BigDecimal value = numberOrNull(node, path);
    if (value == null) {
      throw new UserInputException(
          path
              + ": must be a number (a JSON number or a string holding one), got "
              + (node instanceof JsonTree.Str text
                  ? "'" + abbreviate(text.value()) + "'"
                  : node.kind()));
    }
    if (value.abs().compareTo(MAX_NUMBER) > 0
        || Math.max(0, value.stripTrailingZeros().scale()) > MAX_DECIMALS) {
      throw new UserInputException(
          path
              + ": must be at most 1e15 in size with at most "
              + MAX_DECIMALS
              + " decimals, got "
              + value);
    }
    return value;
  }

  /**
   * Returns the number {@code node} holds, or null when it holds none (a string that is not a
   * number, or another kind of value).
   *
   * @throws UserInputException naming {@code path} for a number longer than {@value
   *     #MAX_NUMBER_LENGTH} characters, which would take long to read
   */
  private static @Nullable BigDecimal numberOrNull(JsonTree node, String path) {
    if (node instanceof JsonTree.Num number) {
      return number.value();
    }
    if (node instanceof JsonTree.Str text) {
      String trimmed = text.value().strip();
      if (trimmed.length() > MAX_NUMBER_LENGTH) {
        if (NUMBER.matcher(trimmed).matches()) {
          throw new UserInputException(
              path + ": a number of more than " + MAX_NUMBER_LENGTH + " characters");
        }
        return null;
      }
      try {
        return new BigDecimal(trimmed);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
