package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TradingAccounts} on one {@link SimulatedMarket}: one simulated account per (user, mode),
 * opened for the users the host {@link #open registers}, all on the market's clock, prices and
 * calendar. Every brokerage shares the market's {@link SimulatedMarket#marketData()} and {@link
 * SimulatedMarket#marketClock()}.
 *
 * <pre>{@code
 * SimulatedMarket market = SimulatedMarket.builder().clock(clock).demoListings().build();
 * SimulatedAccounts accounts = SimulatedAccounts.on(market);
 * accounts.open("alice", TradingMode.PAPER, Money.of("10000.00", "USD"));
 * }</pre>
 *
 * <p>An account's id is {@code SIM-<MODE>-<userId>}. A user who was not registered in a mode is
 * {@link ErrorCode#ACCOUNT_NOT_FOUND}. Thread-safe.
 */
public final class SimulatedAccounts implements TradingAccounts {
  private final SimulatedMarket market;
  private final Object opening = new Object();
  private final Map<Key, Brokerage> brokerages = new ConcurrentHashMap<>();

  private SimulatedAccounts(SimulatedMarket market) {
    this.market = Objects.requireNonNull(market, "market");
  }

  /** Returns accounts on {@code market}, none open yet. */
  public static SimulatedAccounts on(SimulatedMarket market) {
    return new SimulatedAccounts(market);
  }

  /** Returns the market every account trades on. */
  public SimulatedMarket market() {
    return market;
  }

  /**
   * Opens {@code userId}'s account in {@code mode} with {@code cash} and no positions.
   *
   * @throws SpeedTradeException as {@link #open(String, TradingMode, Money, List)}
   */
  public SimulatedBroker open(String userId, TradingMode mode, Money cash) {
    return open(userId, mode, cash, List.of());
  }

  /**
   * Opens {@code userId}'s account in {@code mode} with {@code cash} and {@code positions}.
   *
   * @return the account, for the host's own tests and demos
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank user id, a
   *     null mode, or a user already registered in {@code mode}; otherwise as {@link
   *     SimulatedMarket#openAccount(String, Money, List)}
   */
  public SimulatedBroker open(
      String userId, TradingMode mode, Money cash, List<StartingPosition> positions) {
    Key key = Key.of(userId, mode);
    synchronized (opening) {
      if (brokerages.containsKey(key)) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "user '" + userId + "' already has a " + mode + " account");
      }
      SimulatedBroker account = market.openAccount("SIM-" + mode + "-" + userId, cash, positions);
      brokerages.put(key, new Brokerage(mode, account, market.marketData(), market.marketClock()));
      return account;
    }
  }

  /** Returns {@code userId}'s account in {@code mode}, if it was opened. */
  public Optional<SimulatedBroker> account(String userId, TradingMode mode) {
    return Optional.ofNullable(brokerages.get(Key.of(userId, mode)))
        .map(b -> (SimulatedBroker) b.broker());
  }

  @Override
  public Brokerage brokerage(String userId, TradingMode mode) {
    Brokerage brokerage = brokerages.get(Key.of(userId, mode));
    if (brokerage == null) {
      throw new SpeedTradeException(
          ErrorCode.ACCOUNT_NOT_FOUND, "user '" + userId + "' has no " + mode + " account");
    }
    return brokerage;
  }

  @Override
  public String toString() {
    return "SimulatedAccounts{accounts=" + brokerages.size() + "}";
  }

  private record Key(String userId, TradingMode mode) {
    static Key of(String userId, TradingMode mode) {
      if (userId == null || userId.isBlank()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "user id must not be " + (userId == null ? "null" : "blank"));
      }
      if (mode == null) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "mode must not be null");
      }
      return new Key(userId, mode);
    }
  }
}
