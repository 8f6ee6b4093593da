package dev.speedtrade.examples;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.SimulatedAccounts;
import dev.speedtrade.broker.SimulatedMarket;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Quantity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The README's embedding example: open a user's simulated account, buy ten shares and read the
 * account.
 */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the example; prints the order and the account. */
  public static void main(String[] args) {
    // 10:30 in New York on a trading day, so that the simulated NYSE is open.
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T15:30:00Z"), ZoneOffset.UTC);
    SimulatedAccounts accounts =
        SimulatedAccounts.on(SimulatedMarket.builder().clock(clock).demoListings().build());
    accounts.open("alice", TradingMode.PAPER, Money.of("100000.00", "USD"));
    try (SpeedTrade platform = SpeedTrade.builder().accounts(accounts).build()) {
      Broker broker = platform.accounts().brokerage("alice", TradingMode.PAPER).broker();
      BrokerOrder order =
          broker.submitOrder(
              OrderRequest.builder()
                  .symbol("AAPL")
                  .side(OrderSide.BUY)
                  .qty(Quantity.of(10))
                  .clientOrderId("quickstart-aapl-1")
                  .build());
      System.out.println(
          order.status() + " " + order.filledQty() + " AAPL at " + order.filledAvgPrice());
      Account account = broker.account();
      System.out.println("cash " + account.cash() + ", equity " + account.equity());
    }
  }
}
