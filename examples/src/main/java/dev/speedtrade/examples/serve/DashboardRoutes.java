package dev.speedtrade.examples.serve;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.UserFunds;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.Portfolio;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.RebalanceService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Seed 003's {@code GET /v1/dashboard}: the caller's withdrawable balance ({@code saldo_retirable})
 * and bot investments ({@code estrategias}), with its balances, portfolio and positions valued at
 * their marks.
 */
final class DashboardRoutes {
  private final Supplier<FundingService> funding;
  private final Supplier<OrderService> orders;
  private final Supplier<RebalanceService> rebalance;

  DashboardRoutes(
      Supplier<FundingService> funding,
      Supplier<OrderService> orders,
      Supplier<RebalanceService> rebalance) {
    this.funding = funding;
    this.orders = orders;
    this.rebalance = rebalance;
  }

  List<Route> routes() {
    return List.of(Route.of("GET", "/v1/dashboard", Route.Access.CLIENT, this::dashboard));
  }

  private Reply dashboard(Call call) {
    String client = call.client();
    UserFunds funds = FundingRoutes.funds(funding.get(), client);
    Portfolio portfolio = OrderRoutes.portfolio(orders.get(), client);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("clientId", client);
    body.put("saldo_retirable", JsonViews.decimal(funds.withdrawable()));
    body.put("balances", JsonViews.balances(funds));
    body.put("portfolio", portfolio == null ? null : JsonViews.portfolio(portfolio));
    body.put("positions", portfolio == null ? List.of() : JsonViews.positions(portfolio));
    body.put("estrategias", strategies(client));
    return Reply.ok(body);
  }

  /** The caller's bot investments, paper then live, each mode in the order they were added. */
  private List<Object> strategies(String client) {
    List<Object> strategies = new ArrayList<>();
    for (TradingMode mode : List.of(TradingMode.PAPER, TradingMode.LIVE)) {
      for (BotInvestment investment : rebalance.get().investments().list(client, mode)) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("botId", investment.botId());
        item.put("mode", mode.name().toLowerCase(Locale.ROOT));
        item.put("amount", JsonViews.decimal(investment.amount()));
        item.put("weightMode", investment.weightMode().name().toLowerCase(Locale.ROOT));
        strategies.add(item);
      }
    }
    return strategies;
  }
}
