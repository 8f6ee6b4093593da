package dev.speedtrade.examples.serve;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.oms.ClientPosition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * TEST-ONLY STAND-INS, TO BE REMOVED when the issue-14 routes land: {@code /v1/dashboard} and seed
 * 002's {@code /api/admin/trading/*}, answering the shapes of {@code /tmp/i14/contract.md} from a
 * little state in memory, so that the dashboard's browser test can run before the real routes are
 * merged. They sit after the service's own routes, so a real route of the same method and path
 * answers first. Not a trading implementation: the dry run's targets split each investment evenly
 * over its bot's symbols, and its orders are placeholders.
 */
final class ContractStandIns {
  static final List<Map<String, Object>> BOTS =
      List.of(
          bot("core", "Core ETFs", "SPY", "QQQ"),
          bot("dividend", "Dividend", "VTI", "BIL"),
          bot("tech", "Tech leaders", "AAPL", "MSFT", "NVDA"));

  private final SpeedTrade platform;
  private final Clock clock;
  private final Map<String, Map<String, Map<String, Object>>> investments =
      new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> settings = new ConcurrentHashMap<>();
  private final Map<String, List<Map<String, Object>>> executions = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  ContractStandIns(SpeedTrade platform, Clock clock) {
    this.platform = platform;
    this.clock = clock;
  }

  List<Route> routes() {
    String t = "/api/admin/trading";
    return List.of(
        Route.of("GET", "/v1/dashboard", Route.Access.CLIENT, this::dashboard),
        Route.of("GET", t + "/bots", Route.Access.CLIENT, call -> Reply.ok(Map.of("bots", BOTS))),
        Route.of("GET", t + "/investments", Route.Access.CLIENT, this::listInvestments),
        Route.of("POST", t + "/investments", Route.Access.CLIENT, this::saveInvestment),
        Route.of("DELETE", t + "/investments/{botId}", Route.Access.CLIENT, this::removeInvestment),
        Route.of("GET", t + "/settings", Route.Access.CLIENT, call -> Reply.ok(settings(call))),
        Route.of("POST", t + "/settings", Route.Access.CLIENT, this::saveSettings),
        Route.of("POST", t + "/execute", Route.Access.CLIENT, this::execute),
        Route.of("GET", t + "/executions", Route.Access.CLIENT, this::listExecutions));
  }

  private Reply dashboard(Call call) {
    String client = call.client();
    Map<String, Object> balances =
        JsonViews.balances(
            platform
                .funding()
                .funds(client)
                .orElseThrow(() -> ApiError.notFound("USER_NOT_FOUND", "no funds for " + client)));
    Map<String, Object> portfolio = new LinkedHashMap<>();
    portfolio.put("cash", balances.get("cash"));
    portfolio.put("buyingPower", balances.get("withdrawable"));
    portfolio.put("marketValue", balances.get("invested"));
    portfolio.put("equity", balances.get("equity"));
    portfolio.put("unrealizedPnl", "0.00");
    portfolio.put("realizedPnl", "0.00");
    List<Map<String, Object>> positions = new ArrayList<>();
    for (ClientPosition p : platform.orders().positions(client)) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("symbol", p.symbol());
      view.put("netQty", JsonViews.decimal(p.qty()));
      view.put("avgPx", JsonViews.decimal(p.avgEntryPrice()));
      view.put("mark", null);
      view.put("marketValue", null);
      view.put("unrealizedPnl", null);
      view.put("realizedPnl", JsonViews.decimal(p.realizedPnl()));
      positions.add(view);
    }
    List<Map<String, Object>> strategies = new ArrayList<>();
    for (String mode : List.of("paper", "live")) {
      for (Map<String, Object> inv : own(client, mode).values()) {
        Map<String, Object> s = new LinkedHashMap<>(inv);
        s.remove("updatedAt");
        strategies.add(s);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clientId", client);
    body.put("saldo_retirable", balances.get("withdrawable"));
    body.put("balances", balances);
    body.put("portfolio", portfolio);
    body.put("positions", positions);
    body.put("estrategias", strategies);
    return Reply.ok(body);
  }

  private Reply listInvestments(Call call) {
    String mode = mode(call.query("mode").orElse(null));
    return Reply.ok(
        Map.of("mode", mode, "investments", new ArrayList<>(own(call.client(), mode).values())));
  }

  private Reply saveInvestment(Call call) {
    RequestBody body = call.json();
    String botId = body.text("botId");
    if (bot(botId) == null) {
      throw ApiError.badRequest("UNKNOWN_BOT", "no bot '" + botId + "'");
    }
    BigDecimal amount = body.decimal("amount");
    if (amount.signum() <= 0) {
      throw ApiError.badRequest(
          "INVALID_AMOUNT", "amount must be positive, got '" + amount.toPlainString() + "'");
    }
    String weightMode = body.optionalText("weightMode").orElse("dollars");
    if (!weightMode.equals("dollars") && !weightMode.equals("percent")) {
      throw ApiError.badRequest(
          "INVALID_ARGUMENT", "weightMode must be dollars or percent, got '" + weightMode + "'");
    }
    String mode = mode(body.optionalText("mode").orElse(null));
    Map<String, Object> inv = new LinkedHashMap<>();
    inv.put("botId", botId);
    inv.put("mode", mode);
    inv.put("amount", amount.toPlainString());
    inv.put("weightMode", weightMode);
    inv.put("updatedAt", clock.instant().toString());
    own(call.client(), mode).put(botId, inv);
    return Reply.ok(inv);
  }

  private Reply removeInvestment(Call call) {
    String mode = mode(call.query("mode").orElse(null));
    String botId = call.param("botId");
    if (own(call.client(), mode).remove(botId) == null) {
      throw ApiError.notFound(
          "INVESTMENT_NOT_FOUND", "no " + mode + " investment in bot '" + botId + "'");
    }
    return Reply.ok(Map.of("removed", true, "botId", botId, "mode", mode));
  }

  private Map<String, Object> settings(Call call) {
    return settings.computeIfAbsent(
        call.client(),
        c -> {
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("orderType", "limit");
          s.put("limitPercent", "0.50");
          s.put("fallbackTicker", "BIL");
          s.put("cashReserveMode", "percent");
          s.put("cashReserveAmount", "5.00");
          s.put("minutesBeforeClose", 10);
          s.put("pairedTickers", List.of(List.of("SPY", "SH")));
          s.put("enabled", false);
          return s;
        });
  }

  private Reply saveSettings(Call call) {
    Map<String, Object> next = new LinkedHashMap<>(settings(call));
    try {
      Map<String, Object> sent =
          RequestBody.MAPPER.readValue(
              call.body().length == 0 ? "{}".getBytes() : call.body(),
              new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
      for (Map.Entry<String, Object> e : sent.entrySet()) {
        if (!next.containsKey(e.getKey())) {
          throw ApiError.badRequest("INVALID_ARGUMENT", "unknown setting '" + e.getKey() + "'");
        }
        if (e.getKey().equals("minutesBeforeClose") && !(e.getValue() instanceof Integer)) {
          throw ApiError.badRequest(
              "INVALID_ARGUMENT",
              "minutesBeforeClose must be a whole number of minutes, got '" + e.getValue() + "'");
        }
        next.put(e.getKey(), e.getValue());
      }
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("INVALID_JSON", "the body is not a JSON object");
    }
    settings.put(call.client(), next);
    return Reply.ok(next);
  }

  private Reply execute(Call call) {
    String mode = mode(call.query("mode").orElse(null));
    boolean dryRun = !"false".equals(call.query("dryRun").orElse("true"));
    Map<String, Map<String, Object>> own = own(call.client(), mode);
    BigDecimal total = BigDecimal.ZERO;
    for (Map<String, Object> inv : own.values()) {
      total = total.add(new BigDecimal((String) inv.get("amount")));
    }
    List<Map<String, Object>> targets = new ArrayList<>();
    List<Map<String, Object>> orders = new ArrayList<>();
    for (Map<String, Object> inv : own.values()) {
      @SuppressWarnings("unchecked")
      List<String> symbols =
          (List<String>) Objects.requireNonNull(bot((String) inv.get("botId"))).get("symbols");
      BigDecimal share =
          new BigDecimal((String) inv.get("amount"))
              .divide(BigDecimal.valueOf(symbols.size()), 2, RoundingMode.HALF_EVEN);
      for (String symbol : symbols) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("symbol", symbol);
        target.put("currentWeight", "0.0000");
        target.put("targetWeight", share.divide(total, 4, RoundingMode.HALF_EVEN).toPlainString());
        target.put("currentValue", "0.00");
        target.put("targetValue", share.toPlainString());
        targets.add(target);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("symbol", symbol);
        order.put("side", "BUY");
        order.put("qty", "1");
        order.put("orderType", "market");
        order.put("limitPrice", null);
        order.put("status", dryRun ? "PLANNED" : "SUBMITTED");
        orders.add(order);
      }
    }
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("mode", mode);
    plan.put("dryRun", dryRun);
    plan.put("status", dryRun ? "DRY_RUN" : "SUBMITTED");
    plan.put("marketDate", "2026-11-24");
    plan.put("targets", targets);
    plan.put("orders", orders);
    plan.put("warnings", List.of());
    plan.put("errors", List.of());
    Map<String, Object> execution = new LinkedHashMap<>();
    execution.put("id", "exec-" + ids.incrementAndGet());
    execution.put("mode", mode);
    execution.put("marketDate", "2026-11-24");
    execution.put("status", plan.get("status"));
    execution.put("dryRun", dryRun);
    execution.put("orders", orders);
    execution.put("errors", List.of());
    execution.put("startedAt", clock.instant().toString());
    executions.computeIfAbsent(call.client(), c -> new CopyOnWriteArrayList<>()).add(0, execution);
    return Reply.ok(plan);
  }

  private Reply listExecutions(Call call) {
    String mode = mode(call.query("mode").orElse(null));
    List<Map<String, Object>> own = new ArrayList<>();
    for (Map<String, Object> e : executions.getOrDefault(call.client(), List.of())) {
      if (e.get("mode").equals(mode)) {
        own.add(e);
      }
    }
    return Reply.ok(Map.of("executions", own));
  }

  /** The client's investments in {@code mode}, by bot id (sorted). */
  private Map<String, Map<String, Object>> own(String client, String mode) {
    return investments.computeIfAbsent(client + "/" + mode, k -> new ConcurrentSkipListMap<>());
  }

  private static String mode(@Nullable String mode) {
    String m = mode == null ? "paper" : mode.toLowerCase(Locale.ROOT);
    if (!m.equals("paper") && !m.equals("live")) {
      throw ApiError.badRequest("INVALID_MODE", "mode must be paper or live, got '" + mode + "'");
    }
    return m;
  }

  private static @Nullable Map<String, Object> bot(String id) {
    for (Map<String, Object> bot : BOTS) {
      if (bot.get("id").equals(id)) {
        return bot;
      }
    }
    return null;
  }

  private static Map<String, Object> bot(String id, String name, String... symbols) {
    Map<String, Object> bot = new LinkedHashMap<>();
    bot.put("id", id);
    bot.put("name", name);
    bot.put("symbols", List.of(symbols));
    return bot;
  }
}
