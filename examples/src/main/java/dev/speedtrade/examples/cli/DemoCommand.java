package dev.speedtrade.examples.cli;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.StartingPosition;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.ExecutionOrder;
import dev.speedtrade.rebalance.ExecutionRecord;
import dev.speedtrade.rebalance.ExecutionResult;
import dev.speedtrade.rebalance.PlanWarning;
import dev.speedtrade.rebalance.RebalanceService;
import dev.speedtrade.rebalance.StaticAllocationSource;
import dev.speedtrade.rebalance.TickerPair;
import dev.speedtrade.rebalance.TradingSettings;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code speedtrade demo}: tells one user's money story on an omnibus platform ({@link
 * FundingDemo}); opens a simulated paper account, trades through one session (fills, a partial
 * fill, a refusal, a stop, crypto, an order that expires at the close) and prints the account;
 * rebalances a second account; then trades two clients' books on one omnibus venue account through
 * the order service ({@link OmnibusDemo}).
 */
@Command(
    name = "demo",
    description =
        "Tell one user's money story on an omnibus platform (KYC, a deposit, auto-invest, a"
            + " rebalance, an instant and a reviewed withdrawal with its receipt), then trade one"
            + " session on a simulated paper account and two clients' order books on one omnibus"
            + " venue account, and print the accounts, the books and the ledger.")
final class DemoCommand implements Callable<Integer> {
  private static final LocalDate SESSION = LocalDate.of(2026, 11, 24);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--seed",
      description = "Seed of the simulation's random choices (default: ${DEFAULT-VALUE}).",
      defaultValue = "6")
  long seed;

  @Option(
      names = "--receipt-dir",
      description =
          "Where the reviewed withdrawal's PDF receipt is written (default: the current directory).",
      defaultValue = ".")
  java.nio.file.Path receiptDir;

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    FundingDemo.run(out, SESSION, seed, receiptDir);
    out.println();
    Instant open = at(LocalTime.of(10, 30));
    SteppingClock clock = new SteppingClock(open);
    SimulatedMarket market =
        SimulatedMarket.builder()
            .clock(clock)
            .seed(seed)
            .demoListings()
            .partialFillPercent(40)
            .build();
    SimulatedAccounts accounts = SimulatedAccounts.on(market);
    accounts.open("erin", TradingMode.PAPER, Money.of("25000.00", "USD"));
    List<TradeUpdate> updates = new ArrayList<>();
    try (SpeedTrade platform = SpeedTrade.builder().accounts(accounts).build()) {
      Broker broker = platform.accounts().brokerage("erin", TradingMode.PAPER).broker();
      broker.subscribe(updates::add);
      out.println(
          "SpeedTrade demo: erin's simulated paper account, " + SESSION + " (New York time)");
      out.println();

      out.println(
          TIME.format(at(LocalTime.of(10, 30)).atZone(TradingDay.NEW_YORK))
              + "  market open: "
              + platform.marketClock().isOpen());
      place(out, broker, "buy 20 SPY at market", request("SPY", OrderSide.BUY).qty("20"));
      place(
          out,
          broker,
          "buy $2,500.00 of AAPL (fractional)",
          request("AAPL", OrderSide.BUY).notional(Money.of("2500.00", "USD")));
      place(
          out,
          broker,
          "buy 40 TLT, limit 90.00",
          request("TLT", OrderSide.BUY)
              .qty("40")
              .type(OrderType.LIMIT)
              .limitPrice(Price.of("90.00")));
      place(out, broker, "buy 1 BRK.A at market", request("BRK.A", OrderSide.BUY).qty("1"));
      place(
          out,
          broker,
          "buy $1,000.00 of BTC/USD",
          request("BTC/USD", OrderSide.BUY)
              .notional(Money.of("1000.00", "USD"))
              .timeInForce(TimeInForce.GTC));
      place(
          out,
          broker,
          "sell 10 SPY, stop 585.00",
          request("SPY", OrderSide.SELL)
              .qty("10")
              .type(OrderType.STOP)
              .stopPrice(Price.of("585.00")));
      place(
          out,
          broker,
          "buy 5 QQQ, limit 480.00",
          request("QQQ", OrderSide.BUY)
              .qty("5")
              .type(OrderType.LIMIT)
              .limitPrice(Price.of("480.00")));

      int seen = updates.size();
      clock.set(at(LocalTime.of(11, 45)));
      tick(out, market, "TLT", "89.95");
      seen = printExecutions(out, updates, seen);
      tick(out, market, "TLT", "90.40");
      clock.set(at(LocalTime.of(14, 10)));
      tick(out, market, "SPY", "584.10");
      seen = printExecutions(out, updates, seen);
      tick(out, market, "SPY", "586.00");
      clock.set(at(LocalTime.of(16, 0)));
      market.matchOrders();
      out.println("16:00  the close; market open: " + platform.marketClock().isOpen());
      printExecutions(out, updates, seen);
      out.println();

      printAccount(out, broker.account());
      printPositions(out, broker.positions());
      printOrders(out, updates);
    }
    rebalance(out);
    OmnibusDemo.run(out, SESSION, seed);
    return SpeedTradeCli.OK;
  }

  /**
   * A second paper account, invested in two bots, rebalanced at 15:50 through the facade: the plan,
   * the orders and the positions before and after.
   */
  private void rebalance(PrintWriter out) {
    java.time.Clock clock =
        java.time.Clock.fixed(at(LocalTime.of(15, 50)), java.time.ZoneOffset.UTC);
    SimulatedAccounts accounts =
        SimulatedAccounts.on(
            SimulatedMarket.builder().clock(clock).seed(seed).demoListings().build());
    accounts.open(
        "demo-user",
        TradingMode.PAPER,
        Money.of("5000.00", "USD"),
        List.of(
            new StartingPosition("SPY", dev.speedtrade.money.Quantity.of(30), Price.of("560.00")),
            new StartingPosition("SH", dev.speedtrade.money.Quantity.of(100), Price.of("41.00"))));
    StaticAllocationSource bots =
        new StaticAllocationSource()
            .put(
                "momentum",
                Allocation.of(
                    Map.of(
                        "QQQ",
                        new BigDecimal("0.5"),
                        "MSFT",
                        new BigDecimal("0.3"),
                        "SPY",
                        new BigDecimal("0.2"))))
            .put("hedge", Allocation.failed("signal service down"));
    try (SpeedTrade platform = SpeedTrade.builder().accounts(accounts).allocations(bots).build()) {
      RebalanceService rebalance = platform.rebalance();
      Broker account = platform.accounts().brokerage("demo-user", TradingMode.PAPER).broker();
      rebalance
          .investments()
          .put(
              "demo-user",
              TradingMode.PAPER,
              BotInvestment.percent("momentum", new BigDecimal("70")));
      rebalance
          .investments()
          .put(
              "demo-user", TradingMode.PAPER, BotInvestment.percent("hedge", new BigDecimal("20")));
      rebalance
          .settings()
          .put(
              "demo-user",
              TradingMode.PAPER,
              TradingSettings.builder()
                  .enabled(true)
                  .pairedTickers(List.of(new TickerPair("SPY", "SH")))
                  .build());
      out.println();
      out.println(
          "15:50  daily rebalance of a second paper account: 70% in bot momentum (QQQ 50%, MSFT 30%,"
              + " SPY 20%), 20% in bot hedge (failing today)");
      out.println();
      List<Position> before = account.positions();
      BigDecimal cashBefore = account.account().cash().amount();
      ExecutionResult result = rebalance.executeNow("demo-user", TradingMode.PAPER, false);
      ExecutionRecord record = Objects.requireNonNull(result.record());
      for (PlanWarning warning : Objects.requireNonNull(result.plan()).warnings()) {
        out.println(
            "       warning "
                + warning.code()
                + (warning.detail().isEmpty() ? "" : ": " + warning.detail()));
      }
      TextTable orders =
          new TextTable("side", "symbol", "qty", "type", "price", "status").numeric("qty", "price");
      for (ExecutionOrder order : record.orders()) {
        orders.row(
            order.side(),
            order.symbol(),
            order.qty().toPlainString(),
            order.type(),
            order.price() == null ? "-" : order.price().toPlainString(),
            order.status());
      }
      out.println(
          "Rebalance "
              + record.status()
              + ": sells first, then buys planned on the cash the sells freed");
      out.print(orders.render());
      out.println();
      java.util.Map<String, String> after = new java.util.TreeMap<>();
      account
          .positions()
          .forEach(position -> after.put(position.symbol(), position.qty().toString()));
      java.util.Map<String, String> held = new java.util.TreeMap<>();
      before.forEach(position -> held.put(position.symbol(), position.qty().toString()));
      java.util.Set<String> symbols = new java.util.TreeSet<>(held.keySet());
      symbols.addAll(after.keySet());
      TextTable positions = new TextTable("symbol", "before", "after").numeric("before", "after");
      for (String symbol : symbols) {
        positions.row(symbol, held.getOrDefault(symbol, "0"), after.getOrDefault(symbol, "0"));
      }
      positions.row(
          "cash", cashBefore.toPlainString(), account.account().cash().amount().toPlainString());
      out.println("Positions before and after");
      out.print(positions.render());
    }
  }

  private static OrderRequest.Builder request(String symbol, OrderSide side) {
    return OrderRequest.builder().symbol(symbol).side(side);
  }

  private static void place(
      PrintWriter out, Broker broker, String what, OrderRequest.Builder request) {
    String line = "       " + String.format("%-36s", what) + " -> ";
    try {
      BrokerOrder order = broker.submitOrder(request.build());
      out.println(line + describe(order));
    } catch (SpeedTradeException e) {
      out.println(line + "REFUSED " + e.code() + ": " + e.getMessage());
    }
  }

  private static void tick(PrintWriter out, SimulatedMarket market, String symbol, String price) {
    market.setPrice(symbol, Price.of(price));
    out.println(
        TIME.format(market.marketClock().status().timestamp().atZone(TradingDay.NEW_YORK))
            + "  "
            + symbol
            + " trades at "
            + price);
  }

  /**
   * Prints the fills and expiries among the updates after the first {@code seen}; returns the new
   * count.
   */
  private static int printExecutions(PrintWriter out, List<TradeUpdate> updates, int seen) {
    for (TradeUpdate update : updates.subList(seen, updates.size())) {
      BrokerOrder order = update.order();
      String what =
          update.event().isFill()
              ? update.event()
                  + " "
                  + update.qty()
                  + " @ "
                  + usd(Objects.requireNonNull(update.price()))
              : update.event() + " with " + order.filledQty() + " filled";
      if (update.event().isFill()
          || update.event() == dev.speedtrade.broker.TradeUpdateEvent.EXPIRED) {
        out.println(
            "       "
                + String.format("%-36s", order.side() + " " + order.symbol() + " " + order.type())
                + " -> "
                + what);
      }
    }
    return updates.size();
  }

  /** Shows a dollar price with at least two decimals, as a price is usually read. */
  private static String usd(Price price) {
    java.math.BigDecimal value = price.value();
    return value.scale() < 2 ? value.setScale(2).toPlainString() : value.toPlainString();
  }

  private static String describe(BrokerOrder order) {
    String filled =
        order.filledQty().isZero()
            ? ""
            : " " + order.filledQty() + " @ " + usd(Objects.requireNonNull(order.filledAvgPrice()));
    return order.status() + filled;
  }

  private static void printAccount(PrintWriter out, Account account) {
    out.println("Account " + account.id() + " (" + account.status() + ")");
    out.print(
        new TextTable("cash", "equity", "buying power")
            .numeric("cash", "equity", "buying power")
            .row(account.cash(), account.equity(), account.buyingPower())
            .render());
    out.println();
  }

  private static void printPositions(PrintWriter out, List<Position> positions) {
    TextTable table =
        new TextTable("symbol", "qty", "avg entry", "price", "market value", "cost basis")
            .numeric("qty", "avg entry", "price", "market value", "cost basis");
    for (Position position : positions) {
      Price current = position.currentPrice();
      table.row(
          position.symbol(),
          position.qty(),
          usd(position.avgEntryPrice()),
          current == null ? "-" : usd(current),
          position.marketValue(),
          position.costBasis());
    }
    out.println("Positions");
    out.print(table.render());
    out.println();
  }

  /** The last state of every order placed, from the trade updates the broker pushed. */
  private static void printOrders(PrintWriter out, List<TradeUpdate> updates) {
    java.util.Map<String, BrokerOrder> latest = new java.util.LinkedHashMap<>();
    for (TradeUpdate update : updates) {
      latest.put(update.order().id(), update.order());
    }
    TextTable table =
        new TextTable("symbol", "side", "type", "tif", "qty", "filled", "avg price", "status")
            .numeric("qty", "filled", "avg price");
    for (BrokerOrder order : latest.values()) {
      table.row(
          order.symbol(),
          order.side(),
          order.type(),
          order.timeInForce(),
          order.qty() != null ? order.qty() : order.notional(),
          order.filledQty(),
          order.filledAvgPrice() == null
              ? "-"
              : usd(Objects.requireNonNull(order.filledAvgPrice())),
          order.status());
    }
    out.println("Orders (" + updates.size() + " trade updates received)");
    out.print(table.render());
  }

  private static Instant at(LocalTime time) {
    return SESSION.atTime(time).atZone(TradingDay.NEW_YORK).toInstant();
  }
}
