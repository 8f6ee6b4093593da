package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An {@link InvestmentStore} in the JVM's memory. Thread-safe. */
public final class InMemoryInvestmentStore implements InvestmentStore {
  private final Map<Owner, Map<String, BotInvestment>> investments = new HashMap<>();

  /** Creates an empty store. */
  public InMemoryInvestmentStore() {}

  @Override
  public synchronized void put(String userId, TradingMode mode, BotInvestment investment) {
    Objects.requireNonNull(investment, "investment");
    investments.computeIfAbsent(new Owner(userId, mode), owner -> new LinkedHashMap<>())
        .put(investment.botId(), investment);
  }

  @Override
  public synchronized boolean remove(String userId, TradingMode mode, String botId) {
    Map<String, BotInvestment> owned = investments.get(new Owner(userId, mode));
    return owned != null && owned.remove(botId) != null;
  }

  @Override
  public synchronized List<BotInvestment> list(String userId, TradingMode mode) {
    Map<String, BotInvestment> owned = investments.get(new Owner(userId, mode));
    return owned == null ? List.of() : List.copyOf(new ArrayList<>(owned.values()));
  }

  private record Owner(String userId, TradingMode mode) {
    Owner {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(mode, "mode");
    }
  }
}
