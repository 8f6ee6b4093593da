package dev.speedtrade.examples.cli;

import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the OMS while it is built: enough of the state machine to give {@link
 * OrdersScriptRunner} orders, statuses and snapshots to write, and a log of every call with the
 * clock's instant. Not the spec's arithmetic: no risk checks but an unknown account or symbol, no
 * reserves (buying power is cash), no profit and loss but cost basis. It returns its snapshots
 * newest first, so that a runner that forgot to sort would show it.
 */
class FakeOrdersScriptTarget implements OrdersScriptTarget {

  /** Opens a fake for each script. */
  static final Factory FACTORY = FakeOrdersScriptTarget::new;

  private static final Set<String> OPEN =
      Set.of("PENDING_NEW", "ACCEPTED", "PARTIALLY_FILLED", "PENDING_CANCEL", "PENDING_REPLACE");

  /** Every call, in order: {@code op account/clientOrderId @instant}, or {@code op @instant}. */
  final List<String> calls = new ArrayList<>();

  final SteppingClock clock;
  private final Map<String, BigDecimal> cash = new LinkedHashMap<>();
  private final Map<String, BigDecimal> marks = new HashMap<>();
  private final Map<List<String>, Order> orders = new LinkedHashMap<>();
  private final Map<List<String>, Position> positions = new LinkedHashMap<>();

  private static final class Order {
    final String account;
    final String clientOrderId;
    final String symbol;
    final OrderSide side;
    final OrderType type;
    TimeInForce tif;
    final @Nullable BigDecimal qty;
    final @Nullable BigDecimal notional;
    final @Nullable BigDecimal limitPrice;
    final @Nullable BigDecimal stopPrice;
    String status;
    @Nullable String reason;
    BigDecimal filledQty = BigDecimal.ZERO;
    BigDecimal filledValue = BigDecimal.ZERO;
    BigDecimal amounts = BigDecimal.ZERO;
    final Set<String> execIds = new HashSet<>();
    @Nullable String replaces;
    @Nullable String replacedBy;
    OrdersScript.@Nullable Replace pendingReplace;

    Order(
        String account,
        String clientOrderId,
        String symbol,
        OrderSide side,
        OrderType type,
        TimeInForce tif,
        @Nullable BigDecimal qty,
        @Nullable BigDecimal notional,
        @Nullable BigDecimal limitPrice,
        @Nullable BigDecimal stopPrice,
        String status) {
      this.account = account;
      this.clientOrderId = clientOrderId;
      this.symbol = symbol;
      this.side = side;
      this.type = type;
      this.tif = tif;
      this.qty = qty;
      this.notional = notional;
      this.limitPrice = limitPrice;
      this.stopPrice = stopPrice;
      this.status = status;
    }

    @Nullable BigDecimal remaining() {
      if (status.equals("DENIED")) {
        return null;
      }
      return qty != null
          ? qty.subtract(filledQty)
          : notional == null ? null : notional.subtract(amounts);
    }
  }

  private static final class Position {
    BigDecimal qty = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
  }

  FakeOrdersScriptTarget(OrdersScript script) {
    this.clock = new SteppingClock(script.clock());
    script.accounts().forEach(a -> cash.put(a.id(), a.cash()));
    script.instruments().forEach(i -> marks.put(i.symbol(), i.mark()));
    calls.add("open @" + clock.instant());
  }

  private static List<String> key(String account, String clientOrderId) {
    return List.of(account, clientOrderId);
  }

  private void log(OrdersScript.Step step, @Nullable String order) {
    Instant now = clock.instant();
    calls.add(step.op().spelling() + (order == null ? "" : " " + order) + " @" + now);
  }

  private void log(OrdersScript.OrderStep step) {
    log(step, step.account() + "/" + step.clientOrderId());
  }

  /** The order the step names, or null with the code in {@code code[0]}. */
  private @Nullable Order find(OrdersScript.OrderStep step, String[] code) {
    log(step);
    if (!cash.containsKey(step.account())) {
      code[0] = "ACCOUNT_NOT_FOUND";
      return null;
    }
    Order order = orders.get(key(step.account(), step.clientOrderId()));
    if (order == null) {
      code[0] = "ORDER_NOT_FOUND";
    }
    return order;
  }

  /** Moves the order the step names from one of {@code from} to {@code to}. */
  private String transition(OrdersScript.OrderStep step, Set<String> from, String to) {
    String[] code = {"OK"};
    Order order = find(step, code);
    if (order == null) {
      return code[0];
    }
    if (!from.contains(order.status)) {
      return "INVALID_TRANSITION";
    }
    order.status = to;
    return "OK";
  }

  @Override
  public String submit(OrdersScript.Submit step) {
    log(step);
    if (!cash.containsKey(step.account())) {
      return "ACCOUNT_NOT_FOUND";
    }
    List<String> key = key(step.account(), step.clientOrderId());
    if (orders.containsKey(key)) {
      return "EXISTS";
    }
    String denial = marks.containsKey(step.symbol()) ? null : "UNKNOWN_SYMBOL";
    Order order =
        new Order(
            step.account(),
            step.clientOrderId(),
            step.symbol(),
            step.side(),
            step.type(),
            step.tif(),
            step.qty(),
            step.notional(),
            step.limitPrice(),
            step.stopPrice(),
            denial == null ? "PENDING_NEW" : "DENIED");
    order.reason = denial;
    orders.put(key, order);
    return denial == null ? "OK" : denial;
  }

  @Override
  public String venueAccept(OrdersScript.VenueAccept step) {
    return transition(step, Set.of("PENDING_NEW"), "ACCEPTED");
  }

  @Override
  public String venueReject(OrdersScript.VenueReject step) {
    String code = transition(step, Set.of("PENDING_NEW"), "REJECTED");
    if (code.equals("OK")) {
      orders.get(key(step.account(), step.clientOrderId())).reason = step.reason();
    }
    return code;
  }

  @Override
  public String fill(OrdersScript.Fill step) {
    String[] code = {"OK"};
    Order order = find(step, code);
    if (order == null) {
      return code[0];
    }
    if (order.execIds.contains(step.execId())) {
      return "DUPLICATE_FILL";
    }
    if (!OPEN.contains(order.status) && !order.status.equals("CANCELED")) {
      return "INVALID_TRANSITION";
    }
    if (step.qty().signum() <= 0 || step.price().signum() <= 0) {
      return "INVALID_FILL";
    }
    BigDecimal amount = step.qty().multiply(step.price()).setScale(2, RoundingMode.HALF_EVEN);
    if (order.qty != null && order.filledQty.add(step.qty()).compareTo(order.qty) > 0) {
      return "OVERFILL";
    }
    if (order.notional != null && order.amounts.add(amount).compareTo(order.notional) > 0) {
      return "OVERFILL";
    }
    order.execIds.add(step.execId());
    order.filledQty = order.filledQty.add(step.qty());
    order.filledValue = order.filledValue.add(step.qty().multiply(step.price()));
    order.amounts = order.amounts.add(amount);
    BigDecimal remaining = order.remaining();
    if (remaining != null && remaining.signum() == 0) {
      order.status = "FILLED";
    } else if (Set.of("PENDING_NEW", "ACCEPTED").contains(order.status)) {
      order.status = "PARTIALLY_FILLED";
    }
    boolean buy = order.side == OrderSide.BUY;
    cash.merge(order.account, buy ? amount.negate() : amount, BigDecimal::add);
    Position position =
        positions.computeIfAbsent(List.of(order.account, order.symbol), k -> new Position());
    position.qty = position.qty.add(buy ? step.qty() : step.qty().negate());
    position.cost = position.cost.add(buy ? amount : amount.negate());
    return "OK";
  }

  @Override
  public String cancel(OrdersScript.Cancel step) {
    return transition(
        step, Set.of("PENDING_NEW", "ACCEPTED", "PARTIALLY_FILLED"), "PENDING_CANCEL");
  }

  @Override
  public String cancelAck(OrdersScript.CancelAck step) {
    return transition(step, OPEN, "CANCELED");
  }

  @Override
  public String cancelReject(OrdersScript.CancelReject step) {
    return transition(step, Set.of("PENDING_CANCEL"), "ACCEPTED");
  }

  @Override
  public String replace(OrdersScript.Replace step) {
    String[] code = {"OK"};
    Order order = find(step, code);
    if (order == null) {
      return code[0];
    }
    if (!Set.of("ACCEPTED", "PARTIALLY_FILLED").contains(order.status)) {
      return "INVALID_TRANSITION";
    }
    if (order.notional != null) {
      return "NOT_REPLACEABLE";
    }
    if (orders.containsKey(key(step.account(), step.newClientOrderId()))) {
      return "CLIENT_ORDER_ID_IN_USE";
    }
    order.status = "PENDING_REPLACE";
    order.pendingReplace = step;
    return "OK";
  }

  @Override
  public String replaceAck(OrdersScript.ReplaceAck step) {
    String[] code = {"OK"};
    Order order = find(step, code);
    if (order == null) {
      return code[0];
    }
    OrdersScript.Replace asked = order.pendingReplace;
    if (!order.status.equals("PENDING_REPLACE") || asked == null) {
      return "INVALID_TRANSITION";
    }
    order.status = "REPLACED";
    order.replacedBy = asked.newClientOrderId();
    Order replacement =
        new Order(
            order.account,
            asked.newClientOrderId(),
            order.symbol,
            order.side,
            order.type,
            asked.tif() != null ? asked.tif() : order.tif,
            asked.qty() != null ? asked.qty() : order.remaining(),
            null,
            asked.limitPrice() != null ? asked.limitPrice() : order.limitPrice,
            asked.stopPrice() != null ? asked.stopPrice() : order.stopPrice,
            "ACCEPTED");
    replacement.replaces = order.clientOrderId;
    orders.put(key(order.account, asked.newClientOrderId()), replacement);
    return "OK";
  }

  @Override
  public String replaceReject(OrdersScript.ReplaceReject step) {
    return transition(step, Set.of("PENDING_REPLACE"), "ACCEPTED");
  }

  @Override
  public String expire(OrdersScript.Expire step) {
    return transition(step, OPEN, "EXPIRED");
  }

  @Override
  public String endOfDay(OrdersScript.EndOfDay step) {
    log(step, null);
    for (Order order : orders.values()) {
      if (order.tif == TimeInForce.DAY && OPEN.contains(order.status)) {
        order.status = "EXPIRED";
      }
    }
    return "OK";
  }

  @Override
  public String mark(OrdersScript.Mark step) {
    log(step, step.symbol());
    if (!marks.containsKey(step.symbol())) {
      return "UNKNOWN_SYMBOL";
    }
    marks.put(step.symbol(), step.price());
    return "OK";
  }

  @Override
  public String advance(OrdersScript.Advance step) {
    clock.advance(Duration.ofSeconds(step.seconds()));
    log(step, null);
    return "OK";
  }

  @Override
  public String setMarket(OrdersScript.SetMarket step) {
    log(step, String.valueOf(step.open()));
    return "OK";
  }

  @Override
  public String setTradingState(OrdersScript.SetTradingState step) {
    log(step, step.state() + (step.account() == null ? "" : " " + step.account()));
    return step.account() == null || cash.containsKey(step.account()) ? "OK" : "ACCOUNT_NOT_FOUND";
  }

  @Override
  public @Nullable String status(String account, String clientOrderId) {
    Order order = orders.get(key(account, clientOrderId));
    return order == null ? null : order.status;
  }

  @Override
  public List<OrderSnapshot> orders() {
    List<OrderSnapshot> snapshots = new ArrayList<>();
    for (Order o : orders.values()) {
      BigDecimal average =
          o.filledQty.signum() == 0
              ? null
              : o.filledValue.divide(o.filledQty, 6, RoundingMode.HALF_EVEN);
      snapshots.add(
          0,
          new OrderSnapshot(
              o.account,
              o.clientOrderId,
              o.symbol,
              o.side,
              o.type,
              o.tif,
              o.qty,
              o.notional,
              o.limitPrice,
              o.stopPrice,
              o.status,
              o.reason,
              o.filledQty,
              average,
              o.remaining(),
              o.replaces,
              o.replacedBy));
    }
    return snapshots;
  }

  @Override
  public List<PositionSnapshot> positions() {
    List<PositionSnapshot> snapshots = new ArrayList<>();
    for (Map.Entry<List<String>, Position> entry : positions.entrySet()) {
      List<String> names = entry.getKey();
      Position p = entry.getValue();
      BigDecimal value =
          p.qty.multiply(marks.get(names.get(1))).setScale(2, RoundingMode.HALF_EVEN);
      snapshots.add(
          0,
          new PositionSnapshot(
              names.get(0),
              names.get(1),
              p.qty,
              p.qty.signum() == 0 ? null : p.cost.divide(p.qty, 6, RoundingMode.HALF_EVEN),
              p.cost,
              BigDecimal.ZERO,
              value.subtract(p.cost),
              value));
    }
    return snapshots;
  }

  @Override
  public List<AccountSnapshot> accounts() {
    List<AccountSnapshot> snapshots = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> entry : cash.entrySet()) {
      BigDecimal equity = entry.getValue();
      for (PositionSnapshot position : positions()) {
        if (position.account().equals(entry.getKey())) {
          equity = equity.add(position.marketValue());
        }
      }
      snapshots.add(
          0, new AccountSnapshot(entry.getKey(), entry.getValue(), entry.getValue(), equity));
    }
    return snapshots;
  }
}
