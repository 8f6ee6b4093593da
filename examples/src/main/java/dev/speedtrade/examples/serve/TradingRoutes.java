package dev.speedtrade.examples.serve;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionOrder;
import dev.speedtrade.rebalance.ExecutionOutcome;
import dev.speedtrade.rebalance.ExecutionRecord;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.TradePlan;
import dev.speedtrade.rebalance.TradingSettings;
import dev.speedtrade.rebalance.WeightMode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Seed 002's trading routes ({@code /api/admin/trading/...}) on the platform's {@link
 * RebalanceService}: the demo bots, the caller's bot investments and trading settings per mode, a
 * manual (or dry) run of the daily rebalance, and the execution history. Every route acts on the
 * caller's own data: paper and live are kept apart, and another client's investments and executions
 * are never seen. A live run is refused ({@code 422 LIVE_TRADING_UNAVAILABLE}) unless the platform
 * has a live account for the caller; storing live investments and settings is allowed.
 */
final class TradingRoutes {
  /** A percent-mode investment is at most this share of the investable value. */
  private static final BigDecimal HUNDRED = new BigDecimal("100");

  /** The first market date the execution history lists. */
  private static final LocalDate HISTORY_START = LocalDate.of(2000, 1, 1);

  private final SpeedTrade platform;
  private final List<Bot> bots;

  /**
   * When each investment was last written through this service; the SDK's {@code InvestmentStore}
   * keeps no time, so an investment written before the service started has none.
   */
  private final Map<InvestmentKey, Instant> updated = new ConcurrentHashMap<>();

  private record InvestmentKey(String client, TradingMode mode, String botId) {}

  TradingRoutes(SpeedTrade platform, List<Bot> bots) {
    this.platform = platform;
    this.bots = List.copyOf(bots);
  }

  List<Route> routes() {
    String base = "/api/admin/trading";
    return List.of(
        Route.of("GET", base + "/bots", Route.Access.CLIENT, this::listBots),
        Route.of("GET", base + "/investments", Route.Access.CLIENT, this::listInvestments),
        Route.of("POST", base + "/investments", Route.Access.CLIENT, this::putInvestment),
        Route.of(
            "DELETE", base + "/investments/{botId}", Route.Access.CLIENT, this::removeInvestment),
        Route.of("GET", base + "/settings", Route.Access.CLIENT, this::getSettings),
        Route.of("POST", base + "/settings", Route.Access.CLIENT, this::putSettings),
        Route.of("POST", base + "/execute", Route.Access.CLIENT, this::execute),
        Route.of("GET", base + "/executions", Route.Access.CLIENT, this::listExecutions));
  }

  private Reply listBots(Call call) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Bot bot : bots) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", bot.id());
      row.put("name", bot.name());
      row.put("symbols", bot.symbols());
      Map<String, String> weights = new LinkedHashMap<>();
      bot.weights().forEach(w -> weights.put(w.symbol(), w.weight().toPlainString()));
      row.put("weights", weights);
      rows.add(row);
    }
    return Reply.ok(Map.of("bots", rows));
  }

  private Reply listInvestments(Call call) {
    String client = call.client();
    TradingMode mode = mode(call.query("mode").orElse(null));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (BotInvestment investment : rebalance().investments().list(client, mode)) {
      rows.add(
          TradingViews.investment(
              investment, mode, updated.get(new InvestmentKey(client, mode, investment.botId()))));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", TradingViews.mode(mode));
    body.put("investments", rows);
    return Reply.ok(body);
  }

  private Reply putInvestment(Call call) {
    String client = call.client();
    RequestBody body = call.json();
    TradingMode mode = mode(body, call);
    String botId =
        body.optionalText("botId")
            .orElseThrow(() -> ApiError.badRequest("INVALID_ARGUMENT", "botId is required"));
    if (bots.stream().noneMatch(bot -> bot.id().equals(botId))) {
      throw ApiError.badRequest(
          "UNKNOWN_BOT",
          "botId '"
              + TradingSettingsJson.abbreviate(botId)
              + "' is not a bot of this service; GET /api/admin/trading/bots lists them");
    }
    WeightMode weightMode =
        body.optionalText("weightMode").map(TradingRoutes::weightMode).orElse(WeightMode.DOLLARS);
    BigDecimal amount = body.optionalDecimal("amount");
    if (amount == null) {
      throw ApiError.badRequest("INVALID_AMOUNT", "amount is required");
    }
    if (amount.signum() <= 0) {
      throw ApiError.badRequest(
          "INVALID_AMOUNT", "amount must be positive, got " + amount.toPlainString());
    }
    if (weightMode == WeightMode.PERCENT && amount.compareTo(HUNDRED) > 0) {
      throw ApiError.badRequest(
          "INVALID_AMOUNT",
          "amount is a percentage of the investable value in percent mode, at most 100, got "
              + amount.toPlainString());
    }
    BotInvestment investment = new BotInvestment(botId, amount, weightMode);
    rebalance().investments().put(client, mode, investment);
    Instant now = platform.clock().instant();
    updated.put(new InvestmentKey(client, mode, botId), now);
    return Reply.ok(TradingViews.investment(investment, mode, now));
  }

  private Reply removeInvestment(Call call) {
    String client = call.client();
    String botId = call.param("botId");
    TradingMode mode = mode(call.query("mode").orElse(null));
    if (!rebalance().investments().remove(client, mode, botId)) {
      throw ApiError.notFound(
          "INVESTMENT_NOT_FOUND",
          "no "
              + TradingViews.mode(mode)
              + " investment in bot '"
              + TradingSettingsJson.abbreviate(botId)
              + "'");
    }
    updated.remove(new InvestmentKey(client, mode, botId));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("removed", true);
    body.put("botId", botId);
    body.put("mode", TradingViews.mode(mode));
    return Reply.ok(body);
  }

  /** The caller's settings in the mode: as stored, else the defaults (and nothing is stored). */
  private Reply getSettings(Call call) {
    TradingMode mode = mode(call.query("mode").orElse(null));
    return Reply.ok(TradingSettingsJson.view(settings(call.client(), mode), mode));
  }

  private Reply putSettings(Call call) {
    String client = call.client();
    TradingMode mode = mode(call.json(), call);
    TradingSettings changed = TradingSettingsJson.apply(settings(client, mode), call.body());
    rebalance().settings().put(client, mode, changed);
    return Reply.ok(TradingSettingsJson.view(changed, mode));
  }

  private Reply execute(Call call) {
    String client = call.client();
    TradingMode mode = mode(call.query("mode").orElse(null));
    boolean dryRun = dryRun(call.query("dryRun").orElse(null));
    if (mode == TradingMode.LIVE) {
      requireLiveAccount(client);
    }
    ExecutionResult result = rebalance().executeNow(client, mode, dryRun);
    if (result.outcome() == ExecutionOutcome.ALREADY_FINISHED
        || result.outcome() == ExecutionOutcome.CLAIMED_ELSEWHERE) {
      ExecutionRecord existing = result.record();
      throw new ApiError(
          409,
          result.outcome().name(),
          result.outcome() == ExecutionOutcome.ALREADY_FINISHED
              ? "the "
                  + TradingViews.mode(mode)
                  + " rebalance of "
                  + result.key().marketDate()
                  + " already finished"
                  + (existing == null ? "" : " (" + existing.status() + ")")
                  + "; GET /api/admin/trading/executions shows it"
              : "another run of the "
                  + TradingViews.mode(mode)
                  + " rebalance of "
                  + result.key().marketDate()
                  + " is in progress");
    }
    return Reply.ok(executionAnswer(client, result, mode, dryRun));
  }

  private Map<String, Object> executionAnswer(
      String client, ExecutionResult result, TradingMode mode, boolean dryRun) {
    TradePlan plan = result.plan();
    ExecutionRecord record = result.record();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", TradingViews.mode(mode));
    body.put("dryRun", dryRun);
    body.put("outcome", result.outcome().name());
    body.put("status", record == null ? "DRY_RUN" : record.status().name());
    body.put("executionId", record == null ? null : record.id());
    body.put("marketDate", result.key().marketDate().toString());
    body.put("equity", plan == null ? null : JsonViews.decimal(plan.equity()));
    body.put("reserve", plan == null ? null : JsonViews.decimal(plan.reserve()));
    body.put("investable", plan == null ? null : JsonViews.decimal(plan.investable()));
    body.put("targets", plan == null ? List.of() : TradingViews.targets(plan));
    if (record != null) {
      body.put("orders", orders(client, record));
      body.put("warnings", record.warnings().stream().map(TradingViews::warning).toList());
      body.put("errors", record.errors());
    } else {
      body.put(
          "orders",
          plan == null ? List.of() : plan.orders().stream().map(TradingViews::planned).toList());
      body.put(
          "warnings",
          plan == null ? List.of() : plan.warnings().stream().map(TradingViews::warning).toList());
      body.put("errors", List.of());
    }
    body.put(
        "skipped",
        plan == null ? List.of() : plan.skipped().stream().map(TradingViews::skipped).toList());
    return body;
  }

  private Reply listExecutions(Call call) {
    String client = call.client();
    TradingMode mode = mode(call.query("mode").orElse(null));
    RebalanceService rebalance = rebalance();
    List<ExecutionRecord> records =
        new ArrayList<>(
            rebalance.executions().list(client, mode, HISTORY_START, rebalance.marketDate()));
    Collections.reverse(records);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", TradingViews.mode(mode));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ExecutionRecord record : records) {
      rows.add(TradingViews.execution(record, orders(client, record)));
    }
    body.put("executions", rows);
    return Reply.ok(body);
  }

  /**
   * The execution's orders; those the record leaves open (acknowledged but not final, as a buy is
   * when the run ends) with the broker's status now, so that a filled buy does not read as pending.
   * A broker that cannot be asked leaves the record's status.
   */
  private List<Map<String, Object>> orders(String client, ExecutionRecord record) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Broker broker = null;
    boolean brokerKnown = false;
    for (ExecutionOrder order : record.orders()) {
      BrokerOrder now = null;
      if (order.isOpen()) {
        if (!brokerKnown) {
          brokerKnown = true;
          broker = broker(client, record.key().mode());
        }
        now = broker == null ? null : lookUp(broker, order.clientOrderId());
      }
      rows.add(TradingViews.executed(order, now));
    }
    return rows;
  }

  private @Nullable Broker broker(String client, TradingMode mode) {
    try {
      return platform.accounts().brokerage(client, mode).broker();
    } catch (SpeedTradeException e) {
      return null;
    }
  }

  private static @Nullable BrokerOrder lookUp(Broker broker, String clientOrderId) {
    try {
      return broker.orderByClientOrderId(clientOrderId).orElse(null);
    } catch (SpeedTradeException e) {
      return null;
    }
  }

  /**
   * Refuses a live run, dry or not, unless the platform has a live account for the caller: an
   * omnibus platform on a paper venue has none (its books answer {@code ACCOUNT_NOT_FOUND} in the
   * other mode), and live trading is never reached by accident.
   */
  private void requireLiveAccount(String client) {
    try {
      platform.accounts().brokerage(client, TradingMode.LIVE).requireMode(TradingMode.LIVE);
    } catch (SpeedTradeException e) {
      if (e.code() == ErrorCode.ACCOUNT_NOT_FOUND || e.code() == ErrorCode.MODE_MISMATCH) {
        throw new ApiError(
            422,
            "LIVE_TRADING_UNAVAILABLE",
            "mode live: this platform has no live brokerage account for the caller (it trades"
                + " paper); live investments and settings may be stored, but nothing is run live");
      }
      throw e;
    }
  }

  private TradingSettings settings(String client, TradingMode mode) {
    return rebalance().settings().get(client, mode).orElseGet(TradingSettings::defaults);
  }

  private RebalanceService rebalance() {
    return platform.rebalance();
  }

  /** The mode of a body's {@code mode}, else the query's, else paper. */
  private static TradingMode mode(RequestBody body, Call call) {
    Optional<String> sent;
    try {
      sent = body.optionalText("mode");
    } catch (ApiError e) {
      throw ApiError.badRequest("INVALID_MODE", "mode must be paper or live (a string)");
    }
    return mode(sent.or(() -> call.query("mode")).orElse(null));
  }

  /** {@code paper} (also when absent) or {@code live}, in any case; else 400 INVALID_MODE. */
  static TradingMode mode(@Nullable String text) {
    if (text == null) {
      return TradingMode.PAPER;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "paper" -> TradingMode.PAPER;
      case "live" -> TradingMode.LIVE;
      default ->
          throw ApiError.badRequest(
              "INVALID_MODE",
              "mode must be paper or live, got '" + TradingSettingsJson.abbreviate(text) + "'");
    };
  }

  /** {@code true} (also when absent: a run trades only when asked to) or {@code false}. */
  private static boolean dryRun(@Nullable String text) {
    if (text == null) {
      return true;
    }
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiError.badRequest(
              "INVALID_ARGUMENT",
              "dryRun must be true or false, got '" + TradingSettingsJson.abbreviate(text) + "'");
    };
  }

  private static WeightMode weightMode(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "dollars" -> WeightMode.DOLLARS;
      case "percent" -> WeightMode.PERCENT;
      default ->
          throw ApiError.badRequest(
              "INVALID_ARGUMENT",
              "weightMode must be dollars or percent, got '"
                  + TradingSettingsJson.abbreviate(text)
                  + "'");
    };
  }
}
