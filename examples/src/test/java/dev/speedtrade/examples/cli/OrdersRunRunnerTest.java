package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.examples.cli.OrdersScriptTarget.AccountSnapshot;
import dev.speedtrade.examples.cli.OrdersScriptTarget.OrderSnapshot;
import dev.speedtrade.examples.cli.OrdersScriptTarget.PositionSnapshot;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link OrdersScriptRunner}'s output shape, on {@link FakeOrdersScriptTarget}. */
class OrdersRunRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String j(String text) {
    return text.replace('\'', '"');
  }

  private static OrdersScript script(String steps) {
    return OrdersScript.parse(
        j(
            "{'clock': '2026-01-05T15:00:00.75Z', 'accounts': [{'id': 'alice', 'cash': '1000.00'}],"
                + " 'instruments': [{'symbol': 'AAPL', 'assetClass': 'us_equity', 'mark': '190.00'}],"
                + " 'steps': ["
                + steps
                + "]}"));
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(j(text));
  }

  @Test
  void aStepNamingAnOrderReportsTheOrderAndItsStatusAfterTheStep() throws IOException {
    JsonNode output =
        OrdersScriptRunner.run(
            script(
                "{'op': 'submit', 'account': 'alice', 'clientOrderId': 'c1', 'symbol': 'AAPL',"
                    + " 'side': 'buy', 'type': 'limit', 'tif': 'day', 'qty': '2', 'limitPrice': '190.00'},"
                    + " {'op': 'venueAccept', 'account': 'alice', 'clientOrderId': 'c1'},"
                    + " {'op': 'fill', 'account': 'alice', 'clientOrderId': 'c1', 'execId': 'e1',"
                    + " 'qty': '1', 'price': '189.50'}"),
            FakeOrdersScriptTarget.FACTORY);

    assertThat(output.get("results"))
        .isEqualTo(
            json(
                "[{'step': 0, 'op': 'submit', 'result': 'OK', 'account': 'alice',"
                    + " 'clientOrderId': 'c1', 'status': 'PENDING_NEW'},"
                    + " {'step': 1, 'op': 'venueAccept', 'result': 'OK', 'account': 'alice',"
                    + " 'clientOrderId': 'c1', 'status': 'ACCEPTED'},"
                    + " {'step': 2, 'op': 'fill', 'result': 'OK', 'account': 'alice',"
                    + " 'clientOrderId': 'c1', 'status': 'PARTIALLY_FILLED'}]"));
  }

  @Test
  void anOrderThatDoesNotExistHasANullStatusAndAnUnknownAccountToo() throws IOException {
    JsonNode output =
        OrdersScriptRunner.run(
            script(
                "{'op': 'cancel', 'account': 'alice', 'clientOrderId': 'nope'},"
                    + " {'op': 'expire', 'account': 'bob', 'clientOrderId': 'c1'}"),
            FakeOrdersScriptTarget.FACTORY);

    assertThat(output.get("results"))
        .isEqualTo(
            json(
                "[{'step': 0, 'op': 'cancel', 'result': 'ORDER_NOT_FOUND', 'account': 'alice',"
                    + " 'clientOrderId': 'nope', 'status': null},"
                    + " {'step': 1, 'op': 'expire', 'result': 'ACCOUNT_NOT_FOUND', 'account': 'bob',"
                    + " 'clientOrderId': 'c1', 'status': null}]"));
    assertThat(output.get("results").get(0).has("status")).isTrue();
  }

  @Test
  void aStepNamingNoOrderReportsOnlyItsIndexOpAndResult() throws IOException {
    JsonNode output =
        OrdersScriptRunner.run(
            script(
                "{'op': 'mark', 'symbol': 'AAPL', 'price': '191'},"
                    + " {'op': 'mark', 'symbol': 'MSFT', 'price': '1'},"
                    + " {'op': 'advance', 'seconds': 0}, {'op': 'setMarket', 'open': false},"
                    + " {'op': 'setTradingState', 'state': 'HALTED', 'account': 'zed'},"
                    + " {'op': 'setTradingState', 'state': 'REDUCING'}, {'op': 'endOfDay'}"),
            FakeOrdersScriptTarget.FACTORY);

    assertThat(output.get("results"))
        .isEqualTo(
            json(
                "[{'step': 0, 'op': 'mark', 'result': 'OK'},"
                    + " {'step': 1, 'op': 'mark', 'result': 'UNKNOWN_SYMBOL'},"
                    + " {'step': 2, 'op': 'advance', 'result': 'OK'},"
                    + " {'step': 3, 'op': 'setMarket', 'result': 'OK'},"
                    + " {'step': 4, 'op': 'setTradingState', 'result': 'ACCOUNT_NOT_FOUND'},"
                    + " {'step': 5, 'op': 'setTradingState', 'result': 'OK'},"
                    + " {'step': 6, 'op': 'endOfDay', 'result': 'OK'}]"));
  }

  @Test
  void aReplaceNamesTheOldOrder() throws IOException {
    JsonNode output =
        OrdersScriptRunner.run(
            script(
                "{'op': 'submit', 'account': 'alice', 'clientOrderId': 'old', 'symbol': 'AAPL',"
                    + " 'side': 'buy', 'type': 'limit', 'tif': 'day', 'qty': '2', 'limitPrice': '190.00'},"
                    + " {'op': 'venueAccept', 'account': 'alice', 'clientOrderId': 'old'},"
                    + " {'op': 'replace', 'account': 'alice', 'clientOrderId': 'old',"
                    + " 'newClientOrderId': 'new', 'limitPrice': '191.00'},"
                    + " {'op': 'replaceAck', 'account': 'alice', 'clientOrderId': 'old'}"),
            FakeOrdersScriptTarget.FACTORY);

    assertThat(output.get("results").get(2))
        .isEqualTo(
            json(
                "{'step': 2, 'op': 'replace', 'result': 'OK', 'account': 'alice',"
                    + " 'clientOrderId': 'old', 'status': 'PENDING_REPLACE'}"));
    assertThat(output.get("results").get(3).get("status").asText()).isEqualTo("REPLACED");
    assertThat(output.get("orders").get(0).get("clientOrderId").asText()).isEqualTo("new");
    assertThat(output.get("orders").get(0).get("replaces").asText()).isEqualTo("old");
    assertThat(output.get("orders").get(1).get("replacedBy").asText()).isEqualTo("new");
  }

  @Test
  void theStepsRunInOrderAtTheClockTheAdvancesMove() {
    OrdersScript script =
        script(
            "{'op': 'submit', 'account': 'alice', 'clientOrderId': 'c1', 'symbol': 'AAPL',"
                + " 'side': 'buy', 'type': 'market', 'tif': 'day', 'qty': '1'},"
                + " {'op': 'advance', 'seconds': 90},"
                + " {'op': 'cancel', 'account': 'alice', 'clientOrderId': 'c1'}");
    List<FakeOrdersScriptTarget> opened = new ArrayList<>();

    OrdersScriptRunner.run(
        script,
        s -> {
          FakeOrdersScriptTarget target = new FakeOrdersScriptTarget(s);
          opened.add(target);
          return target;
        });

    assertThat(opened).singleElement();
    assertThat(opened.get(0).calls)
        .containsExactly(
            "open @2026-01-05T15:00:00Z",
            "submit alice/c1 @2026-01-05T15:00:00Z",
            "advance @2026-01-05T15:01:30Z",
            "cancel alice/c1 @2026-01-05T15:01:30Z");
  }

  @Test
  void theOrdersHaveEveryFieldOfTheSpecInItsOrderWithNullsWhereAbsent() throws IOException {
    JsonNode output =
        OrdersScriptRunner.run(
            script(
                "{'op': 'submit', 'account': 'alice', 'clientOrderId': 'n1', 'symbol': 'AAPL',"
                    + " 'side': 'buy', 'type': 'market', 'tif': 'day', 'notional': '100.50'},"
                    + " {'op': 'submit', 'account': 'alice', 'clientOrderId': 'x1', 'symbol': 'XYZ',"
                    + " 'side': 'sell', 'type': 'stop_limit', 'tif': 'gtc', 'qty': '1.000',"
                    + " 'limitPrice': '10', 'stopPrice': '11.50'}"),
            FakeOrdersScriptTarget.FACTORY);

    assertThat(output.get("orders"))
        .isEqualTo(
            json(
                "[{'account': 'alice', 'clientOrderId': 'n1', 'symbol': 'AAPL', 'side': 'buy',"
                    + " 'type': 'market', 'tif': 'day', 'qty': null, 'notional': '100.50',"
                    + " 'limitPrice': null, 'stopPrice': null, 'status': 'PENDING_NEW', 'reason': null,"
                    + " 'filledQty': '0', 'avgFillPrice': null, 'remaining': '100.50',"
                    + " 'replaces': null, 'replacedBy': null},"
                    + " {'account': 'alice', 'clientOrderId': 'x1', 'symbol': 'XYZ', 'side': 'sell',"
                    + " 'type': 'stop_limit', 'tif': 'gtc', 'qty': '1.000', 'notional': null,"
                    + " 'limitPrice': '10', 'stopPrice': '11.50', 'status': 'DENIED',"
                    + " 'reason': 'UNKNOWN_SYMBOL', 'filledQty': '0', 'avgFillPrice': null,"
                    + " 'remaining': null, 'replaces': null, 'replacedBy': null}]"));
    List<String> keys = new ArrayList<>();
    output.get("orders").get(0).fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "account",
            "clientOrderId",
            "symbol",
            "side",
            "type",
            "tif",
            "qty",
            "notional",
            "limitPrice",
            "stopPrice",
            "status",
            "reason",
            "filledQty",
            "avgFillPrice",
            "remaining",
            "replaces",
            "replacedBy");
    assertThat(output.get("positions")).isEmpty();
    assertThat(output.get("accounts"))
        .isEqualTo(
            json(
                "[{'id': 'alice', 'cash': '1000.00', 'buyingPower': '1000.00', 'equity': '1000.00'}]"));
  }

  @Test
  void aPositionHasEveryFieldOfTheSpecAndANullAverageWhenFlat() throws IOException {
    JsonNode output =
        OrdersScriptRunner.run(
            script(
                "{'op': 'submit', 'account': 'alice', 'clientOrderId': 'b', 'symbol': 'AAPL',"
                    + " 'side': 'buy', 'type': 'market', 'tif': 'day', 'qty': '2'},"
                    + " {'op': 'fill', 'account': 'alice', 'clientOrderId': 'b', 'execId': 'e',"
                    + " 'qty': '2', 'price': '190'},"
                    + " {'op': 'submit', 'account': 'alice', 'clientOrderId': 's', 'symbol': 'AAPL',"
                    + " 'side': 'sell', 'type': 'market', 'tif': 'day', 'qty': '2'},"
                    + " {'op': 'fill', 'account': 'alice', 'clientOrderId': 's', 'execId': 'e',"
                    + " 'qty': '2', 'price': '191'}"),
            FakeOrdersScriptTarget.FACTORY);

    assertThat(output.get("positions"))
        .isEqualTo(
            json(
                "[{'account': 'alice', 'symbol': 'AAPL', 'qty': '0', 'avgEntryPrice': null,"
                    + " 'costBasis': '-2.00', 'realizedPnl': '0', 'unrealizedPnl': '2.00',"
                    + " 'marketValue': '0.00'}]"));
  }

  /** A fake whose snapshots are given. */
  private static final class Snapshots extends FakeOrdersScriptTarget {
    private final List<OrderSnapshot> orders;
    private final List<PositionSnapshot> positions;
    private final List<AccountSnapshot> accounts;

    Snapshots(
        OrdersScript script,
        List<OrderSnapshot> orders,
        List<PositionSnapshot> positions,
        List<AccountSnapshot> accounts) {
      super(script);
      this.orders = orders;
      this.positions = positions;
      this.accounts = accounts;
    }

    @Override
    public List<OrderSnapshot> orders() {
      return orders;
    }

    @Override
    public List<PositionSnapshot> positions() {
      return positions;
    }

    @Override
    public List<AccountSnapshot> accounts() {
      return accounts;
    }
  }

  private static OrderSnapshot order(String account, String clientOrderId, String status) {
    return new OrderSnapshot(
        account,
        clientOrderId,
        "AAPL",
        OrderSide.BUY,
        OrderType.MARKET,
        TimeInForce.DAY,
        BigDecimal.ONE,
        null,
        null,
        null,
        status,
        null,
        BigDecimal.ZERO,
        null,
        BigDecimal.ONE,
        null,
        null);
  }

  private static PositionSnapshot position(String account, String symbol, BigDecimal qty) {
    return new PositionSnapshot(
        account, symbol, qty, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, qty);
  }

  private static AccountSnapshot account(String id, BigDecimal cash) {
    return new AccountSnapshot(id, cash, cash, cash);
  }

  private static List<String> column(JsonNode list, String... fields) {
    List<String> values = new ArrayList<>();
    for (JsonNode item : list) {
      StringBuilder value = new StringBuilder();
      for (String field : fields) {
        value.append(value.length() == 0 ? "" : "/").append(item.get(field).asText());
      }
      values.add(value.toString());
    }
    return values;
  }

  @Test
  void everyListIsSortedByCodePointNotByUtf16Unit() {
    // U+FF5E sorts before U+1F600 by code point, after it by UTF-16 unit (0xFF5E > 0xD83D).
    String fullwidthTilde = "\uFF5E";
    String grinning = "\uD83D\uDE00";
    OrdersScript script = script("");

    JsonNode output =
        OrdersScriptRunner.run(
            script,
            s ->
                new Snapshots(
                    s,
                    List.of(
                        order("b", "c1", "ACCEPTED"),
                        order("a", grinning, "ACCEPTED"),
                        order("a", fullwidthTilde, "ACCEPTED"),
                        order("a", "c10", "ACCEPTED"),
                        order("a", "c2", "ACCEPTED"),
                        order("a", "C9", "ACCEPTED"),
                        order("B", "z", "ACCEPTED")),
                    List.of(
                        position("b", "AAPL", BigDecimal.ONE),
                        position("a", grinning, BigDecimal.ONE),
                        position("a", fullwidthTilde, BigDecimal.ONE),
                        position("a", "aapl", BigDecimal.ONE),
                        position("a", "AAPL", BigDecimal.ONE)),
                    List.of(
                        account(grinning, BigDecimal.ONE),
                        account("alice", BigDecimal.ONE),
                        account(fullwidthTilde, BigDecimal.ONE),
                        account("Zed", BigDecimal.ONE))));

    assertThat(column(output.get("orders"), "account", "clientOrderId"))
        .containsExactly(
            "B/z", "a/C9", "a/c10", "a/c2", "a/" + fullwidthTilde, "a/" + grinning, "b/c1");
    assertThat(column(output.get("positions"), "account", "symbol"))
        .containsExactly("a/AAPL", "a/aapl", "a/" + fullwidthTilde, "a/" + grinning, "b/AAPL");
    assertThat(column(output.get("accounts"), "id"))
        .containsExactly("Zed", "alice", fullwidthTilde, grinning);
  }

  @Test
  void numbersArePlainDecimalStringsKeepingTheirScale() {
    OrdersScript script = script("");
    OrderSnapshot order =
        new OrderSnapshot(
            "a",
            "c",
            "AAPL",
            OrderSide.SELL,
            OrderType.STOP,
            TimeInForce.FOK,
            new BigDecimal("1E+3"),
            null,
            null,
            new BigDecimal("0.00000001"),
            "FILLED",
            null,
            new BigDecimal("1000.000000000"),
            new BigDecimal("-1.5E-7"),
            BigDecimal.ZERO,
            null,
            null);

    JsonNode output =
        OrdersScriptRunner.run(
            script,
            s ->
                new Snapshots(
                    s,
                    List.of(order),
                    List.of(position("a", "AAPL", new BigDecimal("-2.50E+2"))),
                    List.of(account("a", new BigDecimal("12345678901234567890.10")))));

    JsonNode written = output.get("orders").get(0);
    assertThat(written.get("qty").isTextual()).isTrue();
    assertThat(written.get("qty").asText()).isEqualTo("1000");
    assertThat(written.get("stopPrice").asText()).isEqualTo("0.00000001");
    assertThat(written.get("filledQty").asText()).isEqualTo("1000.000000000");
    assertThat(written.get("avgFillPrice").asText()).isEqualTo("-0.00000015");
    assertThat(written.get("side").asText()).isEqualTo("sell");
    assertThat(written.get("type").asText()).isEqualTo("stop");
    assertThat(written.get("tif").asText()).isEqualTo("fok");
    assertThat(output.get("positions").get(0).get("qty").asText()).isEqualTo("-250");
    assertThat(output.get("accounts").get(0).get("cash").asText())
        .isEqualTo("12345678901234567890.10");
  }

  @Test
  void aTargetAnsweringACodeOrStatusTheSpecDoesNotKnowIsABug() {
    OrdersScript submit =
        script(
            "{'op': 'submit', 'account': 'alice', 'clientOrderId': 'c1', 'symbol': 'AAPL',"
                + " 'side': 'buy', 'type': 'market', 'tif': 'day', 'qty': '1'}");

    assertThatThrownBy(
            () ->
                OrdersScriptRunner.run(
                    submit,
                    s ->
                        new FakeOrdersScriptTarget(s) {
                          @Override
                          public String submit(OrdersScript.Submit step) {
                            return "DENIED";
                          }
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("step 0 (submit)")
        .hasMessageContaining("DENIED");
    assertThatThrownBy(
            () ->
                OrdersScriptRunner.run(
                    submit,
                    s ->
                        new FakeOrdersScriptTarget(s) {
                          @Override
                          public String status(String account, String clientOrderId) {
                            return "NEW";
                          }
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NEW");
  }

  @Test
  void everyResultCodeOfTheSpecIsKnown() {
    assertThat(OrdersScriptRunner.RESULT_CODES).hasSize(11 + 21);
    assertThat(OrdersScriptRunner.STATUSES).hasSize(11);
  }
}
