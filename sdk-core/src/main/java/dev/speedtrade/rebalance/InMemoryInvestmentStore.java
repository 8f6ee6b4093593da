package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link InvestmentStore} in the JVM's memory. Refuses bad arguments as {@link InvestmentStore}
 * says. Thread-safe.
 */
public final class InMemoryInvestmentStore implements InvestmentStore {
  private final Map<Owner, Map<String, BotInvestment>> investments = new HashMap<>();

  /** Creates an empty store. */
  public InMemoryInvestmentStore() {}

  @Override
  public synchronized void put(String userId, TradingMode mode, BotInvestment investment) {
    Owner owner = Owner.of(userId, mode);
    RebalanceArguments.investment(investment);
    investments
        .computeIfAbsent(owner, key -> new LinkedHashMap<>())
        .put(investment.botId(), investment);
  }

  @Override
  public synchronized boolean remove(String userId, TradingMode mode, String botId) {
    Owner owner = Owner.of(userId, mode);
    RebalanceArguments.botId(botId);
    Map<String, BotInvestment> owned = investments.get(owner);
    return owned != null && owned.remove(botId) != null;
  }

  @Override
  public synchronized List<BotInvestment> list(String userId, TradingMode mode) {
    Map<String, BotInvestment> owned = investments.get(Owner.of(userId, mode));
    return owned == null ? List.of() : List.copyOf(new ArrayList<>(owned.values()));
  }

  private record Owner(String userId, TradingMode mode) {
    Owner {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(mode, "mode");
    }

    /** Checks the arguments as every store does, before anything is read or written. */
    static Owner of(String userId, TradingMode mode) {
      return new Owner(RebalanceArguments.userId(userId), RebalanceArguments.mode(mode));
    }
  }
}
