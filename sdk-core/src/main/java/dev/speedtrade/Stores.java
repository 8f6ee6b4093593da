package dev.speedtrade;

import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.rebalance.ExecutionStore;
import dev.speedtrade.rebalance.InvestmentStore;
import dev.speedtrade.rebalance.SettingsStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a platform persists, opened by a {@link Storage} on the platform's clock: the ledger
 * and each service's stores. Services still to come add their stores here.
 *
 * @param ledger the money ledger
 * @param investments the bot investments of the daily rebalance
 * @param settings the trading settings of the daily rebalance
 * @param executions the daily rebalance's executions: the audit log and the once-a-day guard
 * @param resource closed with the platform (a connection pool the storage opened), or null
 */
public record Stores(
    Ledger ledger,
    InvestmentStore investments,
    SettingsStore settings,
    ExecutionStore executions,
    @Nullable AutoCloseable resource) {

  /** Checks that every store is present. */
  public Stores {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(investments, "investments");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(executions, "executions");
  }
}
