package dev.speedtrade.examples.cli;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.OrderEvent;
import dev.speedtrade.oms.OrderFill;
import dev.speedtrade.oms.OrderResult;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.Portfolio;
import dev.speedtrade.oms.Reconciliation;
import dev.speedtrade.oms.ReplaceOrder;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.risk.Reserve;
import dev.speedtrade.risk.RiskCode;
import dev.speedtrade.risk.RiskControls;
import dev.speedtrade.risk.RiskLimits;
import dev.speedtrade.risk.TradingState;
import dev.speedtrade.risk.TradingStateChange;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The second part of {@code speedtrade demo}: two clients' books on one omnibus account at a
 * simulated venue, traded through the platform's order service, its pre-trade risk and its kill
 * switch, with their cash in the ledger. Each step prints what the service answered; the part ends
 * with the clients' books, their positions and orders, the order events a subscriber heard, and the
 * ledger's trial balance.
 *
 * <p>The venue fills market orders at the listing's price and limit orders when a trade reaches
 * them, in full (no simulated partial fills): the one partial fill is scripted, so the story does
 * not depend on the seed.
 */
final class OmnibusDemo implements AutoCloseable {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final String OLIVIA = "olivia";
  private static final String OMAR = "omar";
  private static final List<String> CLIENTS = List.of(OLIVIA, OMAR);
  private static final String OPERATOR = "ops";

  /** The width of a step's description. */
  private static final int WHAT = 40;

  private final PrintWriter out;
  private final LocalDate session;
  private final SteppingClock clock;
  private final SimulatedBroker venue;
  private final SpeedTrade platform;
  private final OrderService orders;
  private final RiskControls risk;
  private final Ledger ledger;
  private final List<OrderEvent> events = new ArrayList<>();

  private OmnibusDemo(PrintWriter out, LocalDate session, long seed) {
    this.out = out;
    this.session = session;
    this.clock = new SteppingClock(at(LocalTime.of(10, 30)));
    this.venue =
        SimulatedBroker.builder()
            .clock(clock)
            .seed(seed)
            .demoListings()
            .cash(Money.of("1000000.00", "USD"))
            .build();
    this.platform =
        SpeedTrade.builder()
            .omnibus(
                new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
            .clock(clock)
            .orderExecutor(Runnable::run)
            .build();
    this.orders = platform.orders();
    this.risk = platform.risk();
    this.ledger = platform.ledger();
  }

  /** Tells the story of {@code session} on a venue seeded with {@code seed}, on {@code out}. */
  static void run(PrintWriter out, LocalDate session, long seed) {
    try (OmnibusDemo demo = new OmnibusDemo(out, session, seed)) {
      demo.tell();
    }
  }

  @Override
  public void close() {
    platform.close();
  }

  private void tell() {
    out.println();
    out.println(
        "Omnibus order books: two clients, olivia and omar, on one simulated venue account, "
            + session
            + " (New York time)");
    out.println(
        "(held: what a client's open buys hold of its cash in the ledger, as pending debits)");
    out.println();
    Subscription subscription = orders.subscribe(events::add);
    try {
      deposit(OLIVIA, 10_000_00);
      deposit(OMAR, 2_000_00);
      risk.setLimits(OMAR, RiskLimits.builder().maxOrderQty(new BigDecimal("50")).build());
      say(
          "10:30",
          "ledger deposits: olivia "
              + cash(OLIVIA)
              + ", omar "
              + cash(OMAR)
              + "; omar's max order qty is "
              + Objects.requireNonNull(risk.limits(OMAR).maxOrderQty()).toPlainString());
      orderLife();
      denials();
      replace();
      killSwitch();
      profit();
    } finally {
      subscription.close();
    }
    out.println();
    printBooks();
    printPositions();
    printOrders();
    printEvents();
    printLedger();
  }

  // ---------------------------------------------------------------- the story

  /** olivia's limit buy: accepted, partly filled at the venue, then canceled. */
  private void orderLife() {
    OrderResult buy = orders.submit(limit(OLIVIA, "ol-1", "AAPL", "20", "225.00"));
    step("10:30", "olivia: buy 20 AAPL, limit 225.00", answer(buy), money(OLIVIA));

    clock.set(at(LocalTime.of(10, 45)));
    venue.fill(venueOrderId(OLIVIA, "ol-1"), Quantity.of("8"), Price.of("225.00"));
    ClientOrder partial = order(OLIVIA, "ol-1");
    step(
        "10:45",
        "the venue fills 8 of ol-1 @ 225.00",
        "ol-1 " + partial.status() + " " + filled(partial),
        money(OLIVIA));

    clock.set(at(LocalTime.of(11, 0)));
    BigDecimal heldBefore = held(OLIVIA);
    OrderResult cancel = orders.cancel(OLIVIA, "ol-1");
    step(
        "11:00",
        "olivia: cancel the rest of ol-1",
        answer(cancel) + ", its hold of " + heldBefore.toPlainString() + " released",
        money(OLIVIA));
  }

  /** omar's orders that pre-trade risk refuses, each with its check's code. */
  private void denials() {
    clock.set(at(LocalTime.of(11, 15)));
    OrderResult tooMany = orders.submit(market(OMAR, "om-1", OrderSide.BUY, "SH", "60"));
    step(
        "11:15",
        "omar: buy 60 SH at market",
        answer(tooMany),
        "60 is above omar's max order qty of "
            + Objects.requireNonNull(risk.limits(OMAR).maxOrderQty()).toPlainString());
    // What the buy would hold: 10 x the mark x the collar a market buy reserves, rounded up.
    BigDecimal reserve =
        Reserve.reserve(
            BigDecimal.TEN,
            Reserve.basis(OrderType.MARKET, null, null, venue.price("SPY").value()));
    OrderResult tooDear = orders.submit(market(OMAR, "om-2", OrderSide.BUY, "SPY", "10"));
    step(
        "11:15",
        "omar: buy 10 SPY at market",
        answer(tooDear),
        "its reserve of "
            + reserve.toPlainString()
            + " is above omar's buying power of "
            + orders.portfolio(OMAR).buyingPower().toPlainString());
  }

  /** omar's resting limit buy, replaced at a higher limit, then filled at the venue. */
  private void replace() {
    clock.set(at(LocalTime.of(11, 30)));
    OrderResult buy = orders.submit(limit(OMAR, "om-3", "TLT", "20", "89.00"));
    step("11:30", "omar: buy 20 TLT, limit 89.00", answer(buy), money(OMAR));

    OrderResult replace =
        orders.replace(
            ReplaceOrder.builder(OMAR, "om-3", "om-3r")
                .limitPrice(new BigDecimal("90.00"))
                .build());
    ClientOrder replacement = order(OMAR, "om-3r");
    step(
        "11:30",
        "omar: replace om-3 by om-3r, limit 90.00",
        answer(replace)
            + ", om-3r "
            + replacement.status()
            + " at "
            + Objects.requireNonNull(replacement.limitPrice()).toPlainString(),
        money(OMAR));

    clock.set(at(LocalTime.of(12, 0)));
    venue.setPrice("TLT", Price.of("89.95"));
    ClientOrder filled = order(OMAR, "om-3r");
    step(
        "12:00",
        "TLT trades at 89.95",
        "om-3r " + filled.status() + " " + filled(filled),
        money(OMAR));
  }

  /** The platform's kill switch: trading halted, an order denied, trading again. */
  private void killSwitch() {
    clock.set(at(LocalTime.of(13, 0)));
    TradingStateChange halt =
        risk.setTradingState(TradingState.HALTED, OPERATOR, "venue incident drill");
    step(
        "13:00",
        "kill switch: " + halt.operator() + " halts all trading",
        "platform " + risk.platformState() + ": \"" + halt.reason() + "\"");
    step(
        "13:00",
        "olivia: buy 1 SPY at market",
        answer(orders.submit(market(OLIVIA, "ol-2", OrderSide.BUY, "SPY", "1"))));

    clock.set(at(LocalTime.of(13, 5)));
    TradingStateChange resume = risk.setTradingState(TradingState.ACTIVE, OPERATOR, "drill over");
    step(
        "13:05",
        "kill switch: " + resume.operator() + " resumes trading",
        "platform " + risk.platformState() + ": \"" + resume.reason() + "\"",
        "the kill switch's history: "
            + risk.history().size()
            + " changes, with operator and reason");
  }

  /** olivia sells part of her AAPL above what it cost her; then the marks move on. */
  private void profit() {
    clock.set(at(LocalTime.of(14, 0)));
    venue.setPrice("AAPL", Price.of("236.40"));
    say("14:00", "AAPL trades at 236.40");
    OrderResult sell = orders.submit(market(OLIVIA, "ol-3", OrderSide.SELL, "AAPL", "5"));
    ClientOrder sold = order(OLIVIA, "ol-3");
    step(
        "14:00",
        "olivia: sell 5 AAPL at market",
        answer(sell) + " " + filled(sold),
        "realized P&L " + orders.portfolio(OLIVIA).realizedPnl().toPlainString());

    clock.set(at(LocalTime.of(15, 0)));
    venue.setPrice("AAPL", Price.of("238.00"));
    venue.setPrice("TLT", Price.of("90.40"));
    say("15:00", "AAPL trades at 238.00, TLT at 90.40");
  }

  // ---------------------------------------------------------------- the summary

  private void printBooks() {
    TextTable table =
        new TextTable("client", "cash", "buying power", "equity", "realized P&L", "unrealized P&L")
            .numeric("cash", "buying power", "equity", "realized P&L", "unrealized P&L");
    for (String client : CLIENTS) {
      Portfolio p = orders.portfolio(client);
      table.row(
          client,
          p.cash().toPlainString(),
          p.buyingPower().toPlainString(),
          p.equity().toPlainString(),
          p.realizedPnl().toPlainString(),
          p.unrealizedPnl().toPlainString());
    }
    out.println("Client books (USD)");
    out.print(table.render());
    out.println();
  }

  private void printPositions() {
    TextTable table =
        new TextTable(
                "client",
                "symbol",
                "qty",
                "avg entry",
                "mark",
                "cost basis",
                "realized",
                "unrealized")
            .numeric("qty", "avg entry", "mark", "cost basis", "realized", "unrealized");
    for (String client : CLIENTS) {
      for (ClientPosition p : orders.positions(client)) {
        // The venue's last trade, which the order service marks positions at.
        BigDecimal mark = venue.price(p.symbol()).value();
        BigDecimal avg = p.avgEntryPrice();
        table.row(
            client,
            p.symbol(),
            p.qty().toPlainString(),
            avg == null ? "-" : usd(avg),
            usd(mark),
            p.costBasis().toPlainString(),
            p.realizedPnl().toPlainString(),
            p.unrealizedPnl(mark).toPlainString());
      }
    }
    out.println("Client positions");
    out.print(table.render());
    out.println();
  }

  private void printOrders() {
    TextTable table =
        new TextTable(
                "client", "order", "symbol", "side", "type", "qty", "limit", "filled", "status",
                "reason")
            .numeric("qty", "limit", "filled");
    for (String client : CLIENTS) {
      for (ClientOrder o : orders.orders(client)) {
        BigDecimal limit = o.limitPrice();
        table.row(
            client,
            o.clientOrderId(),
            o.symbol(),
            o.side(),
            o.type(),
            Objects.requireNonNull(o.qty()).toPlainString(),
            limit == null ? "-" : limit.toPlainString(),
            o.filledQty().toPlainString(),
            o.status(),
            why(o));
      }
    }
    out.println("Client orders");
    out.print(table.render());
    out.println();
  }

  private void printEvents() {
    TextTable table = new TextTable("time", "client", "order", "event", "detail");
    for (OrderEvent event : events) {
      OrderFill fill = event.fill();
      String detail =
          fill != null
              ? fill.qty().toPlainString() + " @ " + usd(fill.price())
              : switch (event.type()) {
                case DENIED, REPLACED -> why(event.order());
                default -> "";
              };
      table.row(
          TIME.format(event.at().atZone(TradingDay.NEW_YORK)),
          event.account(),
          event.clientOrderId(),
          event.type(),
          detail);
    }
    out.println(
        "Order events (" + events.size() + ", as a subscriber to platform.orders() heard them)");
    out.print(table.render());
    out.println();
  }

  /** The ledger accounts of the platform and of both clients, and their trial balance. */
  private void printLedger() {
    List<String> ids = new ArrayList<>();
    ClientLedgerAccounts.platform().stream().map(LedgerAccount::id).forEach(ids::add);
    for (String client : CLIENTS) {
      ClientLedgerAccounts.client(client).stream().map(LedgerAccount::id).forEach(ids::add);
    }
    TextTable table =
        new TextTable("ledger account", "debits posted", "credits posted", "held")
            .numeric("debits posted", "credits posted", "held");
    long debits = 0;
    long credits = 0;
    for (String id : ids) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      debits += b.debitsPosted();
      credits += b.creditsPosted();
      table.row(id, cents(b.debitsPosted()), cents(b.creditsPosted()), cents(b.debitsPending()));
    }
    table.row("total", cents(debits), cents(credits), "");
    Reconciliation reconciliation = orders.reconcileInternal();
    out.println("Ledger (USD)");
    out.print(table.render());
    out.println("Trial balance (debits - credits posted): " + cents(debits - credits));
    out.println(
        "Books against fills and ledger (reconcileInternal): "
            + (reconciliation.isClean()
                ? "no discrepancies"
                : reconciliation.discrepancies().size() + " discrepancies"));
  }

  // ---------------------------------------------------------------- helpers

  private void deposit(String client, long cents) {
    orders.openAccount(client);
    TransferResult result =
        ledger
            .submit(
                Transfer.single(
                    "deposit:" + client,
                    ClientLedgerAccounts.PSP,
                    ClientLedgerAccounts.cash(client),
                    cents,
                    "deposit"))
            .result();
    if (!result.isSuccess()) {
      throw new IllegalStateException("the deposit of " + client + " was refused: " + result);
    }
  }

  /** The client's cash as the order service reads it from the ledger, USD. */
  private String cash(String client) {
    return orders.portfolio(client).cash().toPlainString();
  }

  private ClientOrder order(String client, String clientOrderId) {
    return orders.order(client, clientOrderId).orElseThrow();
  }

  private String venueOrderId(String client, String clientOrderId) {
    return Objects.requireNonNull(order(client, clientOrderId).venueOrderId(), "venue order id");
  }

  /** What the client's open buys hold of its cash: the ledger's pending debits of that cash. */
  private BigDecimal held(String client) {
    long pending = ledger.balances(ClientLedgerAccounts.cash(client)).orElseThrow().debitsPending();
    return BigDecimal.valueOf(pending, 2);
  }

  /** The client's cash, what the ledger holds of it, and its buying power, USD. */
  private String money(String client) {
    Portfolio p = orders.portfolio(client);
    return "cash "
        + p.cash().toPlainString()
        + ", held "
        + held(client).toPlainString()
        + ", buying power "
        + p.buyingPower().toPlainString();
  }

  private void say(String time, String what) {
    out.println(time + "  " + what);
  }

  /** Prints a step and its result, then each further line of it under the result. */
  private void step(String time, String what, String result, String... more) {
    String lead = time + "  " + String.format("%-" + WHAT + "s", what) + " -> ";
    out.println(lead + result);
    for (String line : more) {
      out.println(" ".repeat(lead.length()) + line);
    }
  }

  /**
   * The service's answer: a denial's code and check number, else the outcome and the status of the
   * order the call names once the venue has answered (the venue answers at once here).
   */
  private String answer(OrderResult result) {
    RiskCode denial = result.denial();
    if (denial != null) {
      return "DENIED " + denial + " (risk check " + denial.number() + ", not sent)";
    }
    ClientOrder named = result.order();
    if (named == null) {
      return result.code();
    }
    ClientOrder now = order(named.account(), named.clientOrderId());
    return result.code() + ", " + now.clientOrderId() + " " + now.status();
  }

  /** An order's filled qty of its qty, at its average price. */
  private static String filled(ClientOrder order) {
    BigDecimal avg = order.avgFillPrice();
    return order.filledQty().toPlainString()
        + "/"
        + Objects.requireNonNull(order.qty()).toPlainString()
        + (avg == null ? "" : " @ " + usd(avg));
  }

  /** Why an order ended as it did: its denial's code, or the order that replaced it. */
  private static String why(ClientOrder order) {
    String reason = order.reason();
    String replacedBy = order.replacedBy();
    return reason != null ? reason : replacedBy != null ? "by " + replacedBy : "";
  }

  /** A price with at least two decimals and no trailing zeros beyond them. */
  private static String usd(BigDecimal price) {
    BigDecimal stripped = price.stripTrailingZeros();
    return stripped.scale() < 2
        ? stripped.setScale(2, RoundingMode.UNNECESSARY).toPlainString()
        : stripped.toPlainString();
  }

  private static String cents(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  private static SubmitOrder limit(
      String client, String clientOrderId, String symbol, String qty, String limit) {
    return SubmitOrder.builder()
        .account(client)
        .clientOrderId(clientOrderId)
        .symbol(symbol)
        .side(OrderSide.BUY)
        .type(OrderType.LIMIT)
        .timeInForce(TimeInForce.DAY)
        .qty(qty)
        .limitPrice(limit)
        .build();
  }

  private static SubmitOrder market(
      String client, String clientOrderId, OrderSide side, String symbol, String qty) {
    return SubmitOrder.builder()
        .account(client)
        .clientOrderId(clientOrderId)
        .symbol(symbol)
        .side(side)
        .type(OrderType.MARKET)
        .timeInForce(TimeInForce.DAY)
        .qty(qty)
        .build();
  }

  private Instant at(LocalTime time) {
    return session.atTime(time).atZone(TradingDay.NEW_YORK).toInstant();
  }
}
