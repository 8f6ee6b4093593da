package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RateLimit;
import dev.speedtrade.risk.RiskCode;
import dev.speedtrade.risk.RiskLimits;
import dev.speedtrade.risk.TradingState;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The judging order of submits, replaces and fills, and the keys they take. */
class OrderCommandsTest {
  private static final String A = "alice";
  private final Desk desk =
      Desk.monday()
          .instrument(new Instrument("AAPL", AssetClass.US_EQUITY, true, true, false, d("100.00")))
          .open(A, "10000.00")
          .open("bob", "10000.00");

  private OrderResult buy(String coid, String qty, String limit) {
    return desk.orders.submit(
        Desk.order(A, coid, "AAPL", OrderSide.BUY, qty).limitPrice(limit).build());
  }

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  @Test
  void anOrderIdIsTheNameBasedUuidOfItsAccountAndClientOrderId() {
    String[][] names = {{"alice", "c1"}, {"a", "lice:c1"}, {"bob", "ünïcode-€"}, {"x", ""}};
    for (String[] n : names) {
      byte[] name =
          (n[0].length() + ":" + n[0] + n[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(OrderEngine.orderId(n[0], n[1]))
          .isEqualTo(java.util.UUID.nameUUIDFromBytes(name).toString());
    }
    assertThat(OrderEngine.orderId("alice", "c1"))
        .isNotEqualTo(OrderEngine.orderId("a", "lice:c1"));
    assertThat(buy("c1", "1", "100.00").order().orderId()).isEqualTo(OrderEngine.orderId(A, "c1"));
  }

  @Test
  void aRepeatedSubmitWithNumericallyEqualFieldsAnswersExistsAndChangesNothing() {
    OrderResult first = buy("c1", "10", "99.5");
    OrderResult again = buy("c1", "10.000", "99.50");
    assertThat(again.outcome()).isEqualTo(OrderCode.EXISTS);
    assertThat(again.order()).isEqualTo(first.order());
    assertThat(buy("c1", "11", "99.50").outcome()).isEqualTo(OrderCode.CLIENT_ORDER_ID_IN_USE);
    assertThat(desk.orders.orders(A)).hasSize(1);
    desk.checkBooks();
  }

  @Test
  void aDeniedSubmitTakesItsKeyAndAnswersExistsWithItsStatusWhenRepeated() {
    OrderResult denied = buy("c1", "1000", "100.00");
    assertThat(denied.code()).isEqualTo("INSUFFICIENT_BUYING_POWER");
    assertThat(denied.status()).isEqualTo(ClientOrderStatus.DENIED);
    assertThat(denied.order().reason()).isEqualTo("INSUFFICIENT_BUYING_POWER");
    assertThat(denied.order().remaining()).isNull();
    desk.deposit(A, "100000.00");
    OrderResult again = buy("c1", "1000", "100.00");
    assertThat(again.outcome()).isEqualTo(OrderCode.EXISTS);
    assertThat(again.status()).isEqualTo(ClientOrderStatus.DENIED);
  }

  @Test
  void aKeyTakenByAReplaceNamesNoOrderUntilTheAckAndRefusesASubmit() {
    buy("c1", "10", "99.00");
    desk.venue().venueAccept(A, "c1");
    assertThat(desk.orders.replace(ReplaceOrder.builder(A, "c1", "c2").build()).isOk()).isTrue();
    assertThat(desk.orders.order(A, "c2")).isEmpty();
    assertThat(desk.venue().venueAccept(A, "c2").outcome()).isEqualTo(OrderCode.ORDER_NOT_FOUND);
    OrderResult submit = buy("c2", "10", "99.00");
    assertThat(submit.outcome()).isEqualTo(OrderCode.CLIENT_ORDER_ID_IN_USE);
    assertThat(submit.order()).isNull();
    desk.venue().replaceReject(A, "c1");
    // Never freed: the key stays taken after the replace is refused.
    assertThat(buy("c2", "10", "99.00").outcome()).isEqualTo(OrderCode.CLIENT_ORDER_ID_IN_USE);
    assertThat(desk.orders.replace(ReplaceOrder.builder(A, "c1", "c2").build()).outcome())
        .isEqualTo(OrderCode.CLIENT_ORDER_ID_IN_USE);
  }

  @Test
  void anOrderCreatedByAReplaceAnswersInUseToASubmitOfItsKeyEvenWithItsFields() {
    buy("c1", "10", "99.00");
    desk.venue().venueAccept(A, "c1");
    desk.orders.replace(ReplaceOrder.builder(A, "c1", "c2").build());
    desk.venue().replaceAck(A, "c1");
    assertThat(buy("c2", "10", "99.00").outcome()).isEqualTo(OrderCode.CLIENT_ORDER_ID_IN_USE);
  }

  @Test
  void accountsAreIsolated() {
    buy("c1", "10", "99.00");
    assertThat(desk.orders.cancel("bob", "c1").outcome()).isEqualTo(OrderCode.ORDER_NOT_FOUND);
    assertThat(desk.venue().fill("bob", "c1", "e", d("1"), d("1")).outcome())
        .isEqualTo(OrderCode.ORDER_NOT_FOUND);
    assertThat(desk.orders.cancel("carol", "c1").outcome()).isEqualTo(OrderCode.ACCOUNT_NOT_FOUND);
    assertThat(
            desk.orders
                .submit(
                    Desk.order("carol", "c1", "AAPL", OrderSide.BUY, "1").limitPrice("1").build())
                .outcome())
        .isEqualTo(OrderCode.ACCOUNT_NOT_FOUND);
    assertThat(
            desk.orders
                .submit(Desk.order("bob", "c1", "AAPL", OrderSide.BUY, "1").limitPrice("1").build())
                .outcome())
        .isEqualTo(OrderCode.OK);
  }

  @Test
  void misuseThrowsBeforeAnythingIsRecorded() {
    assertThatThrownBy(() -> desk.orders.cancel(A, " "))
        .isInstanceOf(SpeedTradeException.class)
        .extracting(e -> ((SpeedTradeException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThatThrownBy(() -> SubmitOrder.builder().account(A).clientOrderId("x").build())
        .isInstanceOf(SpeedTradeException.class)
        .hasMessageContaining("symbol");
    assertThatThrownBy(() -> desk.orders.openAccount("bad id"))
        .isInstanceOf(SpeedTradeException.class);
    assertThat(desk.orders.openAccount(A)).isEqualTo(OrderCode.EXISTS);
  }

  @Test
  void aFillIsJudgedDuplicateThenTransitionThenFieldsThenOverfillThenFillOrKill() {
    buy("c1", "10", "100.00");
    assertThat(desk.venue().fill(A, "c1", "e1", d("10"), d("99")).isOk()).isTrue();
    // A duplicate exec id wins over the FILLED order's INVALID_TRANSITION, whatever the fields.
    assertThat(desk.venue().fill(A, "c1", "e1", d("-1"), d("0")).outcome())
        .isEqualTo(OrderCode.DUPLICATE_FILL);
    assertThat(desk.venue().fill(A, "c1", "e2", d("-1"), d("0")).outcome())
        .isEqualTo(OrderCode.INVALID_TRANSITION);

    buy("c2", "10", "100.00");
    assertThat(desk.venue().fill(A, "c2", "e1", d("0"), d("99")).outcome())
        .isEqualTo(OrderCode.INVALID_FILL);
    assertThat(desk.venue().fill(A, "c2", "e1", d("1"), d("-99")).outcome())
        .isEqualTo(OrderCode.INVALID_FILL);
    assertThat(desk.venue().fill(A, "c2", "e1", d("10.000000001"), d("99")).outcome())
        .isEqualTo(OrderCode.OVERFILL);
    // A refused fill records nothing: its exec id stays free.
    assertThat(desk.venue().fill(A, "c2", "e1", d("10"), d("99")).isOk()).isTrue();

    desk.orders.submit(
        Desk.order(A, "fok", "AAPL", OrderSide.BUY, "10")
            .limitPrice("100.00")
            .timeInForce(TimeInForce.FOK)
            .build());
    assertThat(desk.venue().fill(A, "fok", "e1", d("9.99"), d("99")).outcome())
        .isEqualTo(OrderCode.FOK_PARTIAL_FILL);
    assertThat(desk.venue().fill(A, "fok", "e1", d("10"), d("99")).status())
        .isEqualTo(ClientOrderStatus.FILLED);
    desk.checkBooks();
  }

  @Test
  void aNotionalOrderOverfillsOnItsAmountsNotItsQty() {
    OrderResult r =
        desk.orders.submit(
            SubmitOrder.builder()
                .account(A)
                .clientOrderId("n")
                .symbol("AAPL")
                .side(OrderSide.BUY)
                .type(OrderType.MARKET)
                .timeInForce(TimeInForce.DAY)
                .notional("100.00")
                .build());
    assertThat(r.isOk()).isTrue();
    // 0.5 x 100.01 = 50.005 -> 50.00 (HALF_EVEN), twice is 100.00: complete.
    assertThat(desk.venue().fill(A, "n", "e1", d("0.5"), d("100.01")).status())
        .isEqualTo(ClientOrderStatus.PARTIALLY_FILLED);
    assertThat(desk.venue().fill(A, "n", "e2", d("0.5"), d("100.03")).outcome())
        .isEqualTo(OrderCode.OVERFILL);
    assertThat(desk.venue().fill(A, "n", "e2", d("0.5"), d("100.01")).status())
        .isEqualTo(ClientOrderStatus.FILLED);
    assertThat(desk.orders.order(A, "n").orElseThrow().remaining()).isEqualByComparingTo("0");
    desk.checkBooks();
  }

  @Test
  void aReplaceIsJudgedTransitionThenNotionalThenKeyThenRiskAndARefusalChangesNothing() {
    buy("c1", "10", "100.00");
    assertThat(desk.orders.replace(ReplaceOrder.builder(A, "c1", "r").build()).outcome())
        .isEqualTo(OrderCode.INVALID_TRANSITION);
    desk.venue().venueAccept(A, "c1");
    desk.orders.submit(
        SubmitOrder.builder()
            .account(A)
            .clientOrderId("n")
            .symbol("AAPL")
            .side(OrderSide.BUY)
            .type(OrderType.MARKET)
            .timeInForce(TimeInForce.DAY)
            .notional("100.00")
            .build());
    desk.venue().venueAccept(A, "n");
    assertThat(desk.orders.replace(ReplaceOrder.builder(A, "n", "r").build()).outcome())
        .isEqualTo(OrderCode.NOT_REPLACEABLE);
    assertThat(desk.orders.replace(ReplaceOrder.builder(A, "c1", "n").build()).outcome())
        .isEqualTo(OrderCode.CLIENT_ORDER_ID_IN_USE);
    ClientOrder before = desk.orders.order(A, "c1").orElseThrow();
    // Cash 10000.00, the other order reserves 100.00: the new order may reserve 9900.00 (the old
    // order's own 1000.00 is left out of the sums).
    OrderResult tooBig =
        desk.orders.replace(ReplaceOrder.builder(A, "c1", "r").qty(d("99.01")).build());
    assertThat(tooBig.code()).isEqualTo("INSUFFICIENT_BUYING_POWER");
    assertThat(tooBig.order()).isEqualTo(before);
    assertThat(desk.orders.replace(ReplaceOrder.builder(A, "c1", "r").qty(d("99")).build()).isOk())
        .isTrue();
    desk.checkBooks();
  }

  @Test
  void aReplaceAckCreatesTheNewOrderWithTheOldRemainingWhenNoQtyWasAsked() {
    buy("c1", "10", "100.00");
    desk.venue().venueAccept(A, "c1");
    desk.venue().fill(A, "c1", "e1", d("3"), d("99"));
    desk.orders.replace(
        ReplaceOrder.builder(A, "c1", "c2")
            .limitPrice(d("101.00"))
            .timeInForce(TimeInForce.GTC)
            .build());
    desk.venue().fill(A, "c1", "e2", d("2"), d("99"));
    OrderResult ack = desk.venue().replaceAck(A, "c1");
    assertThat(ack.order().status()).isEqualTo(ClientOrderStatus.REPLACED);
    assertThat(ack.order().replacedBy()).isEqualTo("c2");
    ClientOrder created = desk.orders.order(A, "c2").orElseThrow();
    assertThat(created.status()).isEqualTo(ClientOrderStatus.ACCEPTED);
    assertThat(created.qty()).isEqualByComparingTo("5");
    assertThat(created.limitPrice()).isEqualByComparingTo("101.00");
    assertThat(created.timeInForce()).isEqualTo(TimeInForce.GTC);
    assertThat(created.replaces()).isEqualTo("c1");
    assertThat(created.reserve()).isEqualByComparingTo("505.00");
    desk.checkBooks();
  }

  @Test
  void aSubmitSentExactlyTheWindowAgoNoLongerCountsAndDenialsNeverCount() {
    desk.controls.setLimits(A, RiskLimits.builder().rateLimit(new RateLimit(2, 10)).build());
    assertThat(buy("a", "1", "1.00").isOk()).isTrue();
    assertThat(buy("denied", "1", "1.001").code()).isEqualTo("INVALID_TICK");
    desk.clock.advance(Duration.ofSeconds(5));
    assertThat(buy("b", "1", "1.00").isOk()).isTrue();
    assertThat(buy("c", "1", "1.00").code()).isEqualTo("RATE_LIMITED");
    desk.clock.advance(Duration.ofSeconds(5));
    // "a" was sent exactly 10 s ago: no longer counted; "b" still is.
    assertThat(buy("d", "1", "1.00").isOk()).isTrue();
    assertThat(buy("e", "1", "1.00").code()).isEqualTo("RATE_LIMITED");
  }

  @Test
  void aHaltedAccountCanStillCancelButNotSubmitOrReplace() {
    buy("c1", "10", "100.00");
    desk.venue().venueAccept(A, "c1");
    desk.controls.setTradingState(TradingState.HALTED, "ops", "kill switch");
    assertThat(buy("c2", "1", "1.00").denial()).isEqualTo(RiskCode.TRADING_HALTED);
    assertThat(desk.orders.replace(ReplaceOrder.builder(A, "c1", "r").build()).denial())
        .isEqualTo(RiskCode.TRADING_HALTED);
    assertThat(desk.orders.cancel(A, "c1").status()).isEqualTo(ClientOrderStatus.PENDING_CANCEL);
    desk.venue().cancelAck(A, "c1");
    desk.checkBooks();
  }

  @Test
  void openOrdersCountInTheSidesSumsIncludingTheLargerQtyOfAPendingReplace() {
    desk.controls.setLimits(A, RiskLimits.builder().maxPositionQty(d("20")).build());
    buy("c1", "10", "10.00");
    desk.venue().venueAccept(A, "c1");
    desk.orders.replace(ReplaceOrder.builder(A, "c1", "c1r").qty(d("15")).build());
    // openBuy = max(10, 15) = 15: 15 + 5 = 20 passes, 15 + 6 = 21 does not.
    assertThat(buy("c2", "6", "10.00").denial()).isEqualTo(RiskCode.MAX_POSITION_EXCEEDED);
    assertThat(buy("c3", "5", "10.00").isOk()).isTrue();
  }
}
