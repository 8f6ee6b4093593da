package dev.speedtrade.rebalance;

import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.MarketClock;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

/** Accounts in which every user's paper account is one broker: for tests of one user's run. */
final class OneAccount {
  private OneAccount() {}

  static TradingAccounts of(Broker broker, MarketData marketData, MarketClock marketClock) {
    Brokerage brokerage = new Brokerage(TradingMode.PAPER, broker, marketData, marketClock);
    return (userId, mode) -> {
      if (mode != TradingMode.PAPER) {
        throw new SpeedTradeException(
            ErrorCode.ACCOUNT_NOT_FOUND, userId + " has no " + mode + " account");
      }
      return brokerage;
    };
  }
}
