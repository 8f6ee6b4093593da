package dev.speedtrade.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.ReserveMode;
import dev.speedtrade.rebalance.TickerPair;
import dev.speedtrade.rebalance.TradingSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@link TradingSettings} as seed 002's trading settings object, both ways: {@code orderType}
 * ({@code "limit"} | {@code "market"}), {@code limitPercent}, {@code fallbackTicker}, {@code
 * cashReserveMode} ({@code "dollars"} | {@code "percent"}), {@code cashReserveAmount}, {@code
 * minutesBeforeClose} (a JSON integer), {@code pairedTickers} ({@code [["SPY","SH"]]}), {@code
 * enabled} (a JSON boolean), and the SDK's {@code minTradePercent}. A request changes only the
 * fields it sends; an unknown field, a null or a value out of range is a 400 naming the field.
 */
final class TradingSettingsJson {
  static final String BAD = "INVALID_SETTINGS";

  private static final Set<String> FIELDS =
      Set.of(
          "mode",
          "orderType",
          "limitPercent",
          "fallbackTicker",
          "cashReserveMode",
          "cashReserveAmount",
          "minutesBeforeClose",
          "pairedTickers",
          "enabled",
          "minTradePercent");

  private TradingSettingsJson() {}

  static Map<String, Object> view(TradingSettings settings, TradingMode mode) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", TradingViews.mode(mode));
    body.put("orderType", TradingViews.orderType(settings.orderType()));
    body.put("limitPercent", JsonViews.decimal(settings.limitPercent()));
    body.put("fallbackTicker", settings.fallbackTicker());
    body.put("cashReserveMode", settings.cashReserveMode().name().toLowerCase(Locale.ROOT));
    body.put("cashReserveAmount", JsonViews.decimal(settings.cashReserveAmount()));
    body.put("minutesBeforeClose", settings.minutesBeforeClose());
    body.put(
        "pairedTickers",
        settings.pairedTickers().stream().map(p -> List.of(p.first(), p.second())).toList());
    body.put("enabled", settings.enabled());
    body.put("minTradePercent", JsonViews.decimal(settings.minTradePercent()));
    return body;
  }

  /**
   * Returns {@code base} with the fields {@code body} sends; {@code mode} is the route's and is not
   * a setting.
   *
   * @throws ApiError 400 for an unknown field, a null, or a value of the wrong type
   * @throws SpeedTradeException {@code INVALID_SETTINGS} (400) naming the setting out of range
   */
  static TradingSettings apply(TradingSettings base, byte[] body) {
    RequestBody fields = RequestBody.parse(body);
    JsonNode root = tree(body);
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      String name = field.getKey();
      if (!FIELDS.contains(name)) {
        throw ApiError.badRequest(
            BAD, "unknown setting '" + abbreviate(name) + "'; the settings are " + FIELDS);
      }
      if (field.getValue().isNull()) {
        throw ApiError.badRequest(BAD, name + " must not be null");
      }
    }
    TradingSettings.Builder settings = base.toBuilder();
    fields
        .optionalText("orderType")
        .ifPresent(
            text ->
                settings.orderType(choice("orderType", text, OrderType.LIMIT, OrderType.MARKET)));
    BigDecimal limitPercent = fields.optionalDecimal("limitPercent");
    if (limitPercent != null) {
      settings.limitPercent(limitPercent);
    }
    fields.optionalText("fallbackTicker").ifPresent(settings::fallbackTicker);
    ReserveMode reserveMode =
        fields
            .optionalText("cashReserveMode")
            .map(text -> choice("cashReserveMode", text, ReserveMode.DOLLARS, ReserveMode.PERCENT))
            .orElse(base.cashReserveMode());
    BigDecimal reserveAmount = fields.optionalDecimal("cashReserveAmount");
    settings.cashReserve(
        reserveMode, reserveAmount == null ? base.cashReserveAmount() : reserveAmount);
    JsonNode minutes = root.get("minutesBeforeClose");
    if (minutes != null) {
      if (!minutes.isIntegralNumber() || !minutes.canConvertToInt()) {
        throw ApiError.badRequest(
            BAD, "minutesBeforeClose must be a whole number of minutes (1 to 60), got " + minutes);
      }
      settings.minutesBeforeClose(minutes.intValue());
    }
    JsonNode pairs = root.get("pairedTickers");
    if (pairs != null) {
      settings.pairedTickers(pairs(pairs));
    }
    JsonNode enabled = root.get("enabled");
    if (enabled != null) {
      if (!enabled.isBoolean()) {
        throw ApiError.badRequest(
            BAD, "enabled must be true or false, got " + abbreviate(enabled.toString()));
      }
      settings.enabled(enabled.booleanValue());
    }
    BigDecimal minTrade = fields.optionalDecimal("minTradePercent");
    if (minTrade != null) {
      settings.minTradePercent(minTrade);
    }
    return settings.build();
  }

  private static List<TickerPair> pairs(JsonNode node) {
    String shape = "pairedTickers must be an array of pairs of symbols, as [[\"SPY\",\"SH\"]]";
    if (!node.isArray()) {
      throw ApiError.badRequest(BAD, shape);
    }
    if (node.size() > TradingSettings.MAX_PAIRED_TICKERS) {
      throw ApiError.badRequest(
          BAD,
          "pairedTickers must hold at most "
              + TradingSettings.MAX_PAIRED_TICKERS
              + " pairs, got "
              + node.size());
    }
    List<TickerPair> pairs = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode pair = node.get(i);
      if (!pair.isArray()
          || pair.size() != 2
          || !pair.get(0).isTextual()
          || !pair.get(1).isTextual()) {
        throw ApiError.badRequest(BAD, shape + "; pairedTickers[" + i + "] is not");
      }
      try {
        pairs.add(new TickerPair(pair.get(0).textValue(), pair.get(1).textValue()));
      } catch (SpeedTradeException e) {
        throw ApiError.badRequest(BAD, "pairedTickers[" + i + "]: " + e.getMessage());
      }
    }
    return pairs;
  }

  @SafeVarargs
  private static <E extends Enum<E>> E choice(String name, String text, E... allowed) {
    for (E value : allowed) {
      if (value.name().equalsIgnoreCase(text.strip())) {
        return value;
      }
    }
    List<String> names = new ArrayList<>();
    for (E value : allowed) {
      names.add(value.name().toLowerCase(Locale.ROOT));
    }
    throw ApiError.badRequest(
        BAD, name + " must be " + String.join(" or ", names) + ", got '" + abbreviate(text) + "'");
  }

  private static JsonNode tree(byte[] body) {
    if (body.length == 0) {
      return RequestBody.MAPPER.createObjectNode();
    }
    try {
      JsonNode root = RequestBody.MAPPER.readTree(body);
      return root == null || root.isMissingNode() ? RequestBody.MAPPER.createObjectNode() : root;
    } catch (IOException e) {
      throw ApiError.badRequest("INVALID_JSON", "the body is not valid JSON");
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }
}
