package dev.speedtrade.examples.serve;

import dev.speedtrade.funding.Deposit;
import dev.speedtrade.funding.InvestOrder;
import dev.speedtrade.funding.InvestResult;
import dev.speedtrade.funding.UserFunds;
import dev.speedtrade.funding.Withdrawal;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.Portfolio;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of the SDK's values, with the seeds' field names. Every decimal is written as a
 * string of its plain digits ({@code "1000.00"}), so that no client reads it into a double by
 * accident; every time as ISO-8601 UTC.
 */
final class JsonViews {
  /** The scale of an average price, as the order service's. */
  static final int AVG_PRICE_SCALE = ClientOrder.AVG_PRICE_SCALE;

  private JsonViews() {}

  static @Nullable String decimal(@Nullable BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  static @Nullable String time(@Nullable Instant value) {
    return value == null ? null : value.toString();
  }

  static Map<String, Object> error(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    return body;
  }

  static Map<String, Object> balances(UserFunds funds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cash", decimal(funds.cash()));
    body.put("held", decimal(funds.held()));
    body.put("withdrawable", decimal(funds.withdrawable()));
    body.put("unsettled", decimal(funds.unsettled()));
    body.put("invested", decimal(funds.invested()));
    body.put("equity", decimal(funds.equity()));
    body.put("kyc", funds.kyc().name());
    return body;
  }

  static Map<String, Object> deposit(Deposit deposit) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", deposit.id());
    body.put("status", deposit.status().name());
    body.put("amount", decimal(deposit.amount()));
    body.put("confirmedAmount", decimal(deposit.confirmedAmount()));
    body.put("ref", deposit.session() == null ? null : deposit.session().providerReference());
    body.put(
        "payUrl", deposit.session() == null ? null : deposit.session().paymentUrl().toString());
    body.put("createdAt", time(deposit.createdAt()));
    body.put("updatedAt", time(deposit.updatedAt()));
    return body;
  }

  static Map<String, Object> withdrawal(Withdrawal w) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", w.id());
    body.put("kind", w.kind().name());
    body.put("status", w.status().name());
    body.put("amount", decimal(w.amount()));
    body.put("fee", decimal(w.fee()));
    body.put("net", decimal(w.net()));
    body.put("destination", w.destination().masked());
    body.put("ref", w.payoutReference());
    body.put("reviewedBy", w.reviewedBy());
    body.put("createdAt", time(w.createdAt()));
    body.put("updatedAt", time(w.updatedAt()));
    return body;
  }

  static Map<String, Object> investment(String investId, InvestResult result) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", investId);
    body.put("code", result.code().name());
    body.put("investable", decimal(result.investable()));
    body.put("buffer", decimal(result.buffer()));
    BigDecimal invested = BigDecimal.ZERO;
    Map<String, Object> policy = new LinkedHashMap<>();
    List<Object> orders = new ArrayList<>();
    for (InvestOrder order : result.orders()) {
      invested = invested.add(order.notional());
      policy.put(order.symbol(), decimal(order.notional()));
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", order.id());
      o.put("symbol", order.symbol());
      o.put("notional", decimal(order.notional()));
      o.put("status", order.status().name());
      o.put("filledAmount", decimal(order.filledAmount()));
      orders.add(o);
    }
    body.put("invested", decimal(invested));
    body.put("policy", policy);
    body.put("orders", orders);
    return body;
  }

  /** The seed's {@code Order}: {@code id} is the client's order id, unique per client. */
  static Map<String, Object> order(ClientOrder order) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", order.clientOrderId());
    body.put("orderId", order.orderId());
    body.put("clientId", order.account());
    body.put("symbol", order.symbol());
    body.put("side", order.side().name());
    body.put("type", order.type().name());
    body.put("timeInForce", order.timeInForce().name());
    body.put("qty", decimal(order.qty()));
    body.put("notional", decimal(order.notional()));
    body.put("price", decimal(order.limitPrice()));
    body.put("stopPrice", decimal(order.stopPrice()));
    body.put("status", order.status().name());
    body.put("cumQty", decimal(order.filledQty()));
    body.put("filledQty", decimal(order.filledQty()));
    body.put(
        "avgPx",
        order.filledQty().signum() == 0
            ? null
            : decimal(
                order
                    .filledValue()
                    .divide(order.filledQty(), AVG_PRICE_SCALE, RoundingMode.HALF_EVEN)));
    body.put("rejectReason", order.reason());
    body.put("replaces", order.replaces());
    body.put("replacedBy", order.replacedBy());
    body.put("createdAt", time(order.createdAt()));
    body.put("updatedAt", time(order.updatedAt()));
    return body;
  }

  /**
   * The seed's {@code Position}, valued at {@code mark} by the SDK's own rules ({@link
   * ClientPosition#marketValue}: qty x mark HALF_EVEN to cents; unrealized P&amp;L that minus the
   * cost basis); {@code mark}, {@code marketValue} and {@code unrealizedPnl} null without a mark.
   */
  static Map<String, Object> position(ClientPosition position, @Nullable BigDecimal mark) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clientId", position.account());
    body.put("symbol", position.symbol());
    body.put("netQty", decimal(position.qty()));
    body.put("avgPx", decimal(position.avgEntryPrice()));
    body.put("costBasis", decimal(position.costBasis()));
    body.put("mark", decimal(mark));
    body.put("marketValue", mark == null ? null : decimal(position.marketValue(mark)));
    body.put("unrealizedPnl", mark == null ? null : decimal(position.unrealizedPnl(mark)));
    body.put("realizedPnl", decimal(position.realizedPnl()));
    return body;
  }

  /** A portfolio's positions, each at the mark the portfolio was valued with. */
  static List<Object> positions(Portfolio portfolio) {
    List<Object> positions = new ArrayList<>();
    for (ClientPosition position : portfolio.positions()) {
      positions.add(position(position, portfolio.mark(position.symbol()).orElse(null)));
    }
    return positions;
  }

  /**
   * A portfolio's totals; a position without a mark counts at its cost basis there (the SDK's
   * rule), so its unrealized P&amp;L counts as zero.
   */
  static Map<String, Object> portfolio(Portfolio portfolio) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cash", decimal(portfolio.cash()));
    body.put("buyingPower", decimal(portfolio.buyingPower()));
    body.put("marketValue", decimal(portfolio.marketValue()));
    body.put("equity", decimal(portfolio.equity()));
    body.put("unrealizedPnl", decimal(portfolio.unrealizedPnl()));
    body.put("realizedPnl", decimal(portfolio.realizedPnl()));
    body.put("dayPnl", decimal(portfolio.dayPnl()));
    return body;
  }
}
