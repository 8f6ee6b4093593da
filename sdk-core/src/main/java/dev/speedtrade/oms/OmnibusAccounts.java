package dev.speedtrade.oms;

import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The omnibus client books as {@link TradingAccounts}: each client account of an {@link
 * OrderService} is a {@link Brokerage} whose broker is that client's view of the books (its cash,
 * positions and orders; every order risk-checked and held in the ledger, then sent to the one
 * venue), with the venue's market data and clock. Code written for per-user brokerage accounts,
 * such as the daily rebalance, runs unchanged on omnibus clients.
 *
 * <p>A client has an account in the venue's mode only: asking for the other mode answers {@link
 * ErrorCode#ACCOUNT_NOT_FOUND}, as asking for a client the books do not have does. Thread-safe.
 */
public final class OmnibusAccounts implements TradingAccounts {
  private final OrderService orders;
  private final Brokerage venue;
  private final ConcurrentMap<String, Brokerage> clients = new ConcurrentHashMap<>();

  private OmnibusAccounts(OrderService orders, Brokerage venue) {
    this.orders = orders;
    this.venue = venue;
  }

  /**
   * Returns the client accounts of {@code orders}, trading on {@code venue} (the venue the order
   * service sends to).
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null argument
   */
  public static OmnibusAccounts of(OrderService orders, Brokerage venue) {
    return new OmnibusAccounts(Args.notNull(orders, "orders"), Args.notNull(venue, "venue"));
  }

  @Override
  public Brokerage brokerage(String userId, TradingMode mode) {
    String id = Args.id(userId, "user id");
    Args.notNull(mode, "mode");
    if (mode != venue.mode()) {
      throw new SpeedTradeException(
          ErrorCode.ACCOUNT_NOT_FOUND,
          "client '" + id + "' has no " + mode + " account: the omnibus venue is " + venue.mode());
    }
    if (!orders.hasAccount(id)) {
      throw new SpeedTradeException(
          ErrorCode.ACCOUNT_NOT_FOUND, "no client account '" + id + "' in the order books");
    }
    return clients.computeIfAbsent(
        id,
        client ->
            new Brokerage(
                venue.mode(),
                new ClientBroker(orders, venue.broker(), client),
                venue.marketData(),
                venue.marketClock()));
  }

  @Override
  public String toString() {
    return "OmnibusAccounts[" + venue.mode() + "]";
  }
}
