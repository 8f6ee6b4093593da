package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speedtrade.alpaca.Alpaca;
import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.Position;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code speedtrade account [--live] [--json]}: prints the Alpaca account, its positions and its
 * open orders. Reads only.
 */
@Command(
    name = "account",
    description =
        "Print the Alpaca account, its positions and its open orders"
            + " (paper unless --live). Reads APCA_API_KEY_ID and APCA_API_SECRET_KEY.")
final class AccountCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--live", description = "Read the live account instead of the paper one.")
  boolean live;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  @CommandLine.ParentCommand @Nullable SpeedTradeCli parent;

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  @Override
  public Integer call() {
    Account account;
    List<Position> positions;
    List<BrokerOrder> orders;
    try (Alpaca alpaca =
        AlpacaConnection.forReading(Objects.requireNonNull(parent).environment, live)) {
      account = alpaca.broker().account();
      positions = alpaca.broker().positions();
      orders = alpaca.broker().openOrders();
    }
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    String mode = live ? "live" : "paper";
    if (json) {
      out.println(json(mode, account, positions, orders));
      return SpeedTradeCli.OK;
    }
    out.println(
        "Alpaca "
            + mode
            + " account "
            + account.id()
            + ": "
            + account.status()
            + (account.tradingBlocked() ? ", trading blocked" : ""));
    out.println(
        "cash "
            + account.cash()
            + ", equity "
            + account.equity()
            + ", buying power "
            + account.buyingPower());
    out.println();
    out.println("Positions (" + positions.size() + ")");
    TextTable table =
        new TextTable("symbol", "side", "qty", "avg entry", "current", "market value", "cost basis")
            .numeric("qty", "avg entry", "current", "market value", "cost basis");
    for (Position position : positions) {
      table.row(
          position.symbol(),
          lower(position.side().name()),
          text(position.qty()),
          text(position.avgEntryPrice()),
          text(position.currentPrice()),
          text(position.marketValue()),
          text(position.costBasis()));
    }
    out.print(table.render());
    out.println();
    out.println("Open orders (" + orders.size() + ")");
    TextTable open =
        new TextTable(
                "created",
                "side",
                "symbol",
                "qty",
                "notional",
                "type",
                "limit",
                "stop",
                "tif",
                "status",
                "filled",
                "client order id",
                "id")
            .numeric("qty", "notional", "limit", "stop", "filled");
    for (BrokerOrder order : orders) {
      open.row(
          order.createdAt(),
          lower(order.side().name()),
          order.symbol(),
          text(order.qty()),
          text(order.notional()),
          lower(order.type().name()),
          text(order.limitPrice()),
          text(order.stopPrice()),
          lower(order.timeInForce().name()),
          lower(order.status().name()),
          text(order.filledQty()),
          order.clientOrderId(),
          order.id());
    }
    out.print(open.render());
    return SpeedTradeCli.OK;
  }

  private static String json(
      String mode, Account account, List<Position> positions, List<BrokerOrder> orders) {
    ObjectNode root = JSON.createObjectNode();
    root.put("mode", mode);
    ObjectNode accountNode = root.putObject("account");
    accountNode.put("id", account.id());
    accountNode.put("status", account.status().name());
    accountNode.put("currency", account.cash().currency().getCurrencyCode());
    accountNode.put("cash", PlanJson.decimal(account.cash().amount()));
    accountNode.put("equity", PlanJson.decimal(account.equity().amount()));
    accountNode.put("buyingPower", PlanJson.decimal(account.buyingPower().amount()));
    accountNode.put("tradingBlocked", account.tradingBlocked());
    ArrayNode positionNodes = root.putArray("positions");
    for (Position position : positions) {
      ObjectNode node = positionNodes.addObject();
      node.put("symbol", position.symbol());
      node.put("side", lower(position.side().name()));
      node.put("qty", PlanJson.decimal(position.qty().value()));
      node.put("avgEntryPrice", PlanJson.decimal(position.avgEntryPrice().value()));
      node.put(
          "currentPrice",
          position.currentPrice() == null
              ? null
              : PlanJson.decimal(position.currentPrice().value()));
      node.put("marketValue", PlanJson.decimal(position.marketValue().amount()));
      node.put("costBasis", PlanJson.decimal(position.costBasis().amount()));
    }
    ArrayNode orderNodes = root.putArray("openOrders");
    for (BrokerOrder order : orders) {
      ObjectNode node = orderNodes.addObject();
      node.put("id", order.id());
      node.put("clientOrderId", order.clientOrderId());
      node.put("symbol", order.symbol());
      node.put("side", lower(order.side().name()));
      node.put("type", lower(order.type().name()));
      node.put("timeInForce", lower(order.timeInForce().name()));
      node.put("qty", order.qty() == null ? null : PlanJson.decimal(order.qty().value()));
      node.put(
          "notional",
          order.notional() == null ? null : PlanJson.decimal(order.notional().amount()));
      node.put(
          "limitPrice",
          order.limitPrice() == null ? null : PlanJson.decimal(order.limitPrice().value()));
      node.put(
          "stopPrice",
          order.stopPrice() == null ? null : PlanJson.decimal(order.stopPrice().value()));
      node.put("status", order.status().name());
      node.put("filledQty", PlanJson.decimal(order.filledQty().value()));
      node.put(
          "filledAvgPrice",
          order.filledAvgPrice() == null ? null : PlanJson.decimal(order.filledAvgPrice().value()));
      node.put("createdAt", order.createdAt().toString());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(@Nullable Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof Quantity quantity) {
      return Objects.requireNonNull(PlanJson.decimal(quantity.value()));
    }
    if (value instanceof Price price) {
      return Objects.requireNonNull(PlanJson.decimal(price.value()));
    }
    if (value instanceof Money money) {
      return money.amount().toPlainString();
    }
    return value.toString();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
