package dev.speedtrade.oms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RateLimit;
import dev.speedtrade.risk.RiskLimits;
import dev.speedtrade.risk.TradingState;
import dev.speedtrade.risk.TradingWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Runs an orders script of the contract on a fresh {@link Desk} and renders its output as the
 * contract's JSON would hold it (lists of maps of strings). A test-only driver: it trusts the
 * script's form (the CLI validates it) and checks every invariant after every step.
 */
final class ScenarioDriver {
  private final Desk desk;
  private final List<Map<String, @Nullable Object>> results = new ArrayList<>();

  private ScenarioDriver(Desk desk) {
    this.desk = desk;
  }

  static Map<String, Object> run(JsonNode script) {
    Desk desk = new Desk(Instant.parse(script.get("clock").asText()));
    ScenarioDriver driver = new ScenarioDriver(desk);
    return driver.execute(script);
  }

  private Map<String, Object> execute(JsonNode script) {
    desk.market.setOpen(!script.has("marketOpen") || script.get("marketOpen").asBoolean());
    if (script.has("tradingState")) {
      desk.controls.setTradingState(state(script.get("tradingState")), "script", "start");
    }
    for (JsonNode instrument : script.get("instruments")) {
      desk.instrument(
          new Instrument(
              instrument.get("symbol").asText(),
              AssetClass.valueOf(instrument.get("assetClass").asText().toUpperCase(Locale.ROOT)),
              flag(instrument, "tradable", true),
              flag(instrument, "fractionable", false),
              flag(instrument, "shortable", false),
              decimal(instrument, "mark")));
    }
    for (JsonNode account : script.get("accounts")) {
      String id = account.get("id").asText();
      desk.open(id, account.get("cash").asText());
      if (account.has("tradingState")) {
        desk.controls.setTradingState(id, state(account.get("tradingState")), "script", "start");
      }
      if (account.has("limits")) {
        desk.controls.setLimits(id, limits(account.get("limits")));
      }
    }
    desk.checkBooks();
    int index = 0;
    for (JsonNode step : script.get("steps")) {
      results.add(step(index++, step));
      desk.checkBooks();
    }
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("results", results);
    output.put("orders", orders());
    output.put("positions", positions());
    output.put("accounts", accounts());
    return output;
  }

  private Map<String, @Nullable Object> step(int index, JsonNode step) {
    String op = step.get("op").asText();
    Map<String, @Nullable Object> line = new LinkedHashMap<>();
    line.put("step", index);
    line.put("op", op);
    String account = text(step, "account");
    String coid = text(step, "clientOrderId");
    VenueEvents venue = desk.venue();
    String result =
        switch (op) {
          case "submit" -> desk.orders.submit(submit(step)).code();
          case "venueAccept" -> venue.venueAccept(account, coid).code();
          case "venueReject" -> venue.venueReject(account, coid, text(step, "reason")).code();
          case "fill" ->
              venue
                  .fill(
                      account,
                      coid,
                      step.get("execId").asText(),
                      decimal(step, "qty"),
                      decimal(step, "price"))
                  .code();
          case "cancel" -> desk.orders.cancel(account, coid).code();
          case "cancelAck" -> venue.cancelAck(account, coid).code();
          case "cancelReject" -> venue.cancelReject(account, coid).code();
          case "replace" -> desk.orders.replace(replace(step)).code();
          case "replaceAck" -> venue.replaceAck(account, coid).code();
          case "replaceReject" -> venue.replaceReject(account, coid).code();
          case "expire" -> venue.expire(account, coid).code();
          case "endOfDay" -> {
            venue.endOfDay();
            yield "OK";
          }
          case "mark" ->
              desk.market.mark(step.get("symbol").asText(), decimal(step, "price"))
                  ? "OK"
                  : "UNKNOWN_SYMBOL";
          case "advance" -> {
            desk.clock.advance(Duration.ofSeconds(step.get("seconds").asLong()));
            yield "OK";
          }
          case "setMarket" -> {
            desk.market.setOpen(step.get("open").asBoolean());
            yield "OK";
          }
          case "setTradingState" -> {
            TradingState state = state(step.get("state"));
            if (account == null) {
              desk.controls.setTradingState(state, "script", "step " + index);
              yield "OK";
            }
            if (!desk.orders.hasAccount(account)) {
              yield "ACCOUNT_NOT_FOUND";
            }
            desk.controls.setTradingState(account, state, "script", "step " + index);
            yield "OK";
          }
          default -> throw new IllegalArgumentException("unknown op " + op);
        };
    line.put("result", result);
    if (account != null && coid != null) {
      line.put("account", account);
      line.put("clientOrderId", coid);
      ClientOrderStatus status =
          desk.orders.order(account, coid).map(ClientOrder::status).orElse(null);
      line.put("status", status == null ? null : status.name());
    }
    return line;
  }

  private List<Map<String, @Nullable Object>> orders() {
    List<Map<String, @Nullable Object>> list = new ArrayList<>();
    for (String account : desk.orders.accounts()) {
      List<ClientOrder> byClientOrderId = new ArrayList<>(desk.orders.orders(account));
      // The contract's output sorts by code point; the books list orders oldest first.
      byClientOrderId.sort(
          (a, b) -> {
            int[] x = a.clientOrderId().codePoints().toArray();
            int[] y = b.clientOrderId().codePoints().toArray();
            return java.util.Arrays.compare(x, y);
          });
      for (ClientOrder o : byClientOrderId) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("account", o.account());
        m.put("clientOrderId", o.clientOrderId());
        m.put("symbol", o.symbol());
        m.put("side", o.side().name().toLowerCase(Locale.ROOT));
        m.put("type", o.type().name().toLowerCase(Locale.ROOT));
        m.put("tif", o.timeInForce().name().toLowerCase(Locale.ROOT));
        m.put("qty", plain(o.qty()));
        m.put("notional", plain(o.notional()));
        m.put("limitPrice", plain(o.limitPrice()));
        m.put("stopPrice", plain(o.stopPrice()));
        m.put("status", o.status().name());
        m.put("reason", o.reason());
        m.put("filledQty", plain(o.filledQty()));
        m.put("avgFillPrice", plain(o.avgFillPrice()));
        m.put("remaining", plain(o.remaining()));
        m.put("replaces", o.replaces());
        m.put("replacedBy", o.replacedBy());
        list.add(m);
      }
    }
    return list;
  }

  private List<Map<String, @Nullable Object>> positions() {
    List<Map<String, @Nullable Object>> list = new ArrayList<>();
    for (String account : desk.orders.accounts()) {
      for (ClientPosition p : desk.orders.positions(account)) {
        BigDecimal mark = desk.market.instrument(p.symbol()).orElseThrow().mark();
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("account", p.account());
        m.put("symbol", p.symbol());
        m.put("qty", plain(p.qty()));
        m.put("avgEntryPrice", plain(p.avgEntryPrice()));
        m.put("costBasis", plain(p.costBasis()));
        m.put("realizedPnl", plain(p.realizedPnl()));
        m.put("unrealizedPnl", plain(p.unrealizedPnl(mark)));
        m.put("marketValue", plain(p.marketValue(mark)));
        list.add(m);
      }
    }
    return list;
  }

  private List<Map<String, @Nullable Object>> accounts() {
    List<Map<String, @Nullable Object>> list = new ArrayList<>();
    for (String account : desk.orders.accounts()) {
      Portfolio p = desk.orders.portfolio(account);
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("id", account);
      m.put("cash", plain(p.cash()));
      m.put("buyingPower", plain(p.buyingPower()));
      m.put("equity", plain(p.equity()));
      list.add(m);
    }
    return list;
  }

  private static SubmitOrder submit(JsonNode step) {
    return new SubmitOrder(
        step.get("account").asText(),
        step.get("clientOrderId").asText(),
        step.get("symbol").asText(),
        OrderSide.valueOf(upper(step, "side")),
        OrderType.valueOf(upper(step, "type")),
        TimeInForce.valueOf(upper(step, "tif")),
        optionalDecimal(step, "qty"),
        optionalDecimal(step, "notional"),
        optionalDecimal(step, "limitPrice"),
        optionalDecimal(step, "stopPrice"));
  }

  private static ReplaceOrder replace(JsonNode step) {
    return new ReplaceOrder(
        step.get("account").asText(),
        step.get("clientOrderId").asText(),
        step.get("newClientOrderId").asText(),
        optionalDecimal(step, "qty"),
        optionalDecimal(step, "limitPrice"),
        optionalDecimal(step, "stopPrice"),
        step.has("tif") ? TimeInForce.valueOf(upper(step, "tif")) : null);
  }

  private static RiskLimits limits(JsonNode node) {
    RiskLimits.Builder b = RiskLimits.builder();
    if (node.has("maxOrderQty")) {
      b.maxOrderQty(decimal(node, "maxOrderQty"));
    }
    if (node.has("maxOrderNotional")) {
      b.maxOrderNotional(decimal(node, "maxOrderNotional"));
    }
    if (node.has("maxPositionQty")) {
      b.maxPositionQty(decimal(node, "maxPositionQty"));
    }
    if (node.has("blockedSymbols")) {
      Set<String> blocked = new TreeSet<>();
      node.get("blockedSymbols").forEach(s -> blocked.add(s.asText()));
      b.blockedSymbols(blocked);
    }
    if (node.has("tradingWindow")) {
      b.tradingWindow(TradingWindow.parse(node.get("tradingWindow").asText()));
    }
    if (node.has("rateLimit")) {
      JsonNode rate = node.get("rateLimit");
      b.rateLimit(new RateLimit(rate.get("orders").asInt(), rate.get("seconds").asInt()));
    }
    return b.build();
  }

  private static TradingState state(JsonNode node) {
    return TradingState.valueOf(node.asText());
  }

  private static boolean flag(JsonNode node, String key, boolean fallback) {
    return node.has(key) ? node.get(key).asBoolean() : fallback;
  }

  private static @Nullable String text(JsonNode node, String key) {
    return node.has(key) ? node.get(key).asText() : null;
  }

  private static String upper(JsonNode node, String key) {
    return node.get(key).asText().toUpperCase(Locale.ROOT);
  }

  private static BigDecimal decimal(JsonNode node, String key) {
    return new BigDecimal(node.get(key).asText());
  }

  private static @Nullable BigDecimal optionalDecimal(JsonNode node, String key) {
    return node.has(key) ? decimal(node, key) : null;
  }

  private static @Nullable String plain(@Nullable BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
