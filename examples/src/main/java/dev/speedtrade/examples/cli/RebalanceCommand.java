package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speedtrade.SpeedTrade;
import dev.speedtrade.alpaca.AlpacaAccounts;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.StartingPosition;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.rebalance.AllocationSource;
import dev.speedtrade.rebalance.ExecutionOrder;
import dev.speedtrade.rebalance.ExecutionOutcome;
import dev.speedtrade.rebalance.ExecutionRecord;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.ExecutionStatus;
import dev.speedtrade.rebalance.Holding;
import dev.speedtrade.rebalance.PlanTarget;
import dev.speedtrade.rebalance.PlanWarning;
import dev.speedtrade.rebalance.PlannedOrder;
import dev.speedtrade.rebalance.RebalanceExecutor;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.SkippedSymbol;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.rebalance.TradePlan;
import dev.speedtrade.secret.Secret;
import dev.speedtrade.signals.HttpAllocationSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code speedtrade rebalance --config FILE [--dry-run] [--mode paper|live] [--json] [--broker
 * simulated|alpaca]}: runs one user's daily rebalance on a simulated account set up from the
 * config, or on the Alpaca account of the environment's keys, and prints the plan and, unless it is
 * a dry run, the execution record.
 */
@Command(
    name = "rebalance",
    description =
        "Run one user's daily rebalance on a simulated or Alpaca account and"
            + " print the plan and the execution record.")
final class RebalanceCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The environment variable holding the signal services' bearer token, if they need one. */
  static final String TOKEN_VARIABLE = "SPEEDTRADE_SIGNALS_TOKEN";

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description =
          "The user, simulated account, settings, investments and allocations (docs/cli.md).")
  @Nullable Path config;

  @Option(names = "--dry-run", description = "Plan only: place no order and record nothing.")
  boolean dryRun;

  @Option(
      names = "--mode",
      paramLabel = "paper|live",
      defaultValue = "paper",
      description = "The mode the execution is kept under (default: ${DEFAULT-VALUE}).")
  String mode = "paper";

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  @Option(
      names = "--broker",
      paramLabel = "simulated|alpaca",
      defaultValue = "simulated",
      description =
          "Where to trade: a simulated account set up from the config, or the Alpaca account of"
              + " APCA_API_KEY_ID (paper unless --mode live and SPEEDTRADE_LIVE_TRADING allow live)"
              + " (default: ${DEFAULT-VALUE}).")
  String brokerName = "simulated";

  @CommandLine.ParentCommand @Nullable SpeedTradeCli parent;

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  /** The wall clock that places a run without {@code at}: minutes before the next close. */
  Clock wallClock = Clock.systemUTC();

  @Override
  public Integer call() {
    TradingMode tradingMode =
        switch (mode.toLowerCase(Locale.ROOT)) {
          case "paper" -> TradingMode.PAPER;
          case "live" -> TradingMode.LIVE;
          default ->
              throw new UserInputException("--mode: must be paper or live, got '" + mode + "'");
        };
    Path file = Objects.requireNonNull(config);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserInputException(
          file + ": cannot read the config (" + e.getClass().getSimpleName() + ")");
    }
    boolean onAlpaca =
        switch (brokerName.toLowerCase(Locale.ROOT)) {
          case "simulated" -> false;
          case "alpaca" -> true;
          default ->
              throw new UserInputException(
                  "--broker: must be simulated or alpaca, got '" + brokerName + "'");
        };
    RebalanceConfig parsed = RebalanceConfig.parse(text);
    if (onAlpaca) {
      AlpacaAccounts accounts =
          AlpacaConnection.accountsFor(
              Objects.requireNonNull(parent).environment, parsed.user(), tradingMode);
      return execute(
          parsed,
          tradingMode,
          SpeedTrade.builder().accounts(accounts).clock(wallClock),
          wallClock.instant());
    }
    Instant at =
        parsed.at() != null
            ? parsed.at().toInstant()
            : nextRun(wallClock.instant(), parsed.settings().minutesBeforeClose());
    SimulatedAccounts accounts = accounts(parsed, tradingMode, Clock.fixed(at, ZoneOffset.UTC));
    return execute(parsed, tradingMode, SpeedTrade.builder().accounts(accounts), at);
  }

  /**
   * Runs the config's user's rebalance on a platform from {@code platform}, its stores in memory.
   */
  private int execute(
      RebalanceConfig parsed, TradingMode tradingMode, SpeedTrade.Builder platform, Instant at) {
    StaticAllocationSource fixed = new StaticAllocationSource();
    parsed.allocations().forEach(fixed::put);
    AllocationSource allocations = fixed;
    if (!parsed.allocationUrls().isEmpty()) {
      HttpAllocationSource.Builder http =
          HttpAllocationSource.builder().urls(parsed.allocationUrls());
      String token = System.getenv(TOKEN_VARIABLE);
      if (token != null && !token.isBlank()) {
        http.bearerToken(Secret.of(token.strip()));
      }
      HttpAllocationSource signals = http.build();
      allocations =
          (botId, date) ->
              parsed.allocationUrls().containsKey(botId)
                  ? signals.allocation(botId, date)
                  : fixed.allocation(botId, date);
    }
    try (SpeedTrade built = platform.allocations(allocations).build()) {
      RebalanceService rebalance = built.rebalance();
      rebalance.settings().put(parsed.user(), tradingMode, parsed.settings());
      parsed
          .investments()
          .forEach(
              investment -> rebalance.investments().put(parsed.user(), tradingMode, investment));
      ExecutionResult result = rebalance.executeNow(parsed.user(), tradingMode, dryRun);
      Broker broker = built.accounts().brokerage(parsed.user(), tradingMode).broker();
      PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
      if (json) {
        out.println(json(result, broker));
      } else {
        printTables(out, result, broker, at);
      }
      ExecutionRecord record = result.record();
      boolean failed =
          result.outcome() == ExecutionOutcome.POSTPONED
              || record != null && record.status() == ExecutionStatus.FAILED;
      return failed ? SpeedTradeCli.FAILURE : SpeedTradeCli.OK;
    }
  }

  /** The configured minutes before the next close after {@code now}. */
  static Instant nextRun(Instant now, int minutesBeforeClose) {
    SimulatedMarket calendar = SimulatedMarket.builder().build();
    LocalDate today = LocalDate.ofInstant(now, RebalanceExecutor.MARKET_ZONE);
    for (TradingDay day : calendar.marketClock().calendar(today, today.plusDays(14))) {
      Instant run = day.close().toInstant().minus(Duration.ofMinutes(minutesBeforeClose));
      if (run.isAfter(now)) {
        return run;
      }
    }
    throw new IllegalStateException("no trading day in the next two weeks");
  }

  /** The config's user's simulated account in {@code mode}, on the demo market at {@code clock}. */
  private static SimulatedAccounts accounts(RebalanceConfig config, TradingMode mode, Clock clock) {
    SimulatedMarket market = SimulatedMarket.builder().clock(clock).demoListings().build();
    List<StartingPosition> starting = new java.util.ArrayList<>();
    List<Holding> positions = config.positions();
    for (int i = 0; i < positions.size(); i++) {
      Holding holding = positions.get(i);
      try {
        starting.add(
            new StartingPosition(
                holding.symbol(), Quantity.of(holding.qty()), market.price(holding.symbol())));
      } catch (SpeedTradeException e) {
        throw new UserInputException(
            "account.positions["
                + i
                + "].symbol: "
                + holding.symbol()
                + " is not listed on the simulated broker ("
                + e.getMessage()
                + ")");
      }
    }
    SimulatedAccounts accounts = SimulatedAccounts.on(market);
    accounts.open(
        config.user(),
        mode,
        Money.of(config.cash(), java.util.Currency.getInstance("USD")),
        starting);
    return accounts;
  }

  private static void printTables(
      PrintWriter out, ExecutionResult result, Broker broker, Instant at) {
    out.println(
        "Rebalance of "
            + result.key().userId()
            + " ("
            + lower(result.key().mode().name())
            + ") on "
            + result.key().marketDate()
            + " at "
            + at.atZone(RebalanceExecutor.MARKET_ZONE).toLocalTime()
            + " New York: "
            + lower(result.outcome().name()).replace('_', ' '));
    out.println();
    if (result.plan() != null) {
      printPlan(out, "Plan", result.plan());
    }
    if (result.buyPlan() != null) {
      printPlan(out, "Buy plan (after the sells)", result.buyPlan());
    }
    ExecutionRecord record = result.record();
    if (record != null) {
      out.println(
          "Execution " + record.id() + ": " + record.status() + ", attempt " + record.attempt());
      TextTable orders =
          new TextTable(
                  "phase",
                  "side",
                  "symbol",
                  "qty",
                  "type",
                  "price",
                  "status",
                  "filled",
                  "client order id")
              .numeric("qty", "price", "filled");
      for (ExecutionOrder order : record.orders()) {
        orders.row(
            lower(order.phase().name()),
            lower(order.side().name()),
            order.symbol(),
            plain(order.qty()),
            lower(order.type().name()),
            plain(order.price()),
            order.status() == null ? "-" : order.status(),
            plain(order.filledQty()),
            order.clientOrderId());
      }
      out.print(orders.render());
      for (String error : record.errors()) {
        out.println("error: " + error);
      }
      out.println();
      TextTable positions =
          new TextTable("symbol", "qty", "market value").numeric("qty", "market value");
      for (Position position : broker.positions()) {
        positions.row(position.symbol(), position.qty(), position.marketValue());
      }
      out.println("Positions after, cash " + broker.account().cash());
      out.print(positions.render());
    }
  }

  private static void printPlan(PrintWriter out, String title, TradePlan plan) {
    out.println(
        title
            + ": equity "
            + plain(plan.equity())
            + ", reserve "
            + plain(plan.reserve())
            + ", investable "
            + plain(plan.investable()));
    TextTable targets =
        new TextTable("symbol", "weight", "dollars", "price", "source", "held", "target")
            .numeric("weight", "dollars", "price", "held", "target");
    for (PlanTarget target : plan.targets()) {
      targets.row(
          target.symbol(),
          target.weight().setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString(),
          plain(target.dollars()),
          plain(target.price()),
          target.priceSource() == null ? "-" : lower(target.priceSource().name()),
          plain(target.currentQty()),
          plain(target.targetQty()));
    }
    out.print(targets.render());
    TextTable orders =
        new TextTable("side", "symbol", "qty", "type", "limit").numeric("qty", "limit");
    for (PlannedOrder order : plan.orders()) {
      orders.row(
          lower(order.side().name()),
          order.symbol(),
          plain(order.qty()),
          lower(order.type().name()),
          plain(order.limitPrice()));
    }
    out.print(orders.render());
    for (SkippedSymbol skipped : plan.skipped()) {
      out.println("skipped: " + skipped.symbol() + " " + skipped.reason());
    }
    for (PlanWarning warning : plan.warnings()) {
      out.println(
          "warning: "
              + warning.code()
              + (warning.detail().isEmpty() ? "" : " " + warning.detail()));
    }
    out.println();
  }

  private static String json(ExecutionResult result, Broker broker) {
    ObjectNode root = JSON.createObjectNode();
    root.put("user", result.key().userId());
    root.put("mode", lower(result.key().mode().name()));
    root.put("marketDate", result.key().marketDate().toString());
    root.put("outcome", result.outcome().name());
    root.set("plan", result.plan() == null ? null : PlanJson.tree(result.plan()));
    root.set("buyPlan", result.buyPlan() == null ? null : PlanJson.tree(result.buyPlan()));
    ExecutionRecord record = result.record();
    if (record == null) {
      root.putNull("execution");
    } else {
      ObjectNode execution = root.putObject("execution");
      execution.put("id", record.id());
      execution.put("status", record.status().name());
      execution.put("attempt", record.attempt());
      execution.put("startedAt", record.startedAt().toString());
      execution.put(
          "finishedAt", record.finishedAt() == null ? null : record.finishedAt().toString());
      ArrayNode orders = execution.putArray("orders");
      for (ExecutionOrder order : record.orders()) {
        ObjectNode line = orders.addObject();
        line.put("clientOrderId", order.clientOrderId());
        line.put("phase", lower(order.phase().name()));
        line.put("side", lower(order.side().name()));
        line.put("symbol", order.symbol());
        line.put("qty", PlanJson.decimal(order.qty()));
        line.put("type", lower(order.type().name()));
        line.put("price", PlanJson.decimal(order.price()));
        line.put("status", order.status() == null ? null : order.status().name());
        line.put("filledQty", PlanJson.decimal(order.filledQty()));
        line.put("brokerOrderId", order.brokerOrderId());
        line.put("error", order.error());
      }
      ArrayNode errors = execution.putArray("errors");
      record.errors().forEach(errors::add);
      ObjectNode positions = root.putObject("positionsAfter");
      for (Position position : broker.positions()) {
        positions.put(position.symbol(), PlanJson.decimal(position.qty().value()));
      }
      root.put("cashAfter", PlanJson.decimal(broker.account().cash().amount()));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String plain(java.math.@Nullable BigDecimal value) {
    String text = PlanJson.decimal(value);
    return text == null ? "-" : text;
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
