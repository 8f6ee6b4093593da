package dev.speedtrade;

import dev.speedtrade.funding.spi.InMemoryFundingStore;
import dev.speedtrade.kyc.spi.InMemoryKycStore;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.oms.spi.InMemoryOrderStore;
import dev.speedtrade.rebalance.InMemoryExecutionStore;
import dev.speedtrade.rebalance.InMemoryInvestmentStore;
import dev.speedtrade.rebalance.InMemorySettingsStore;
import dev.speedtrade.risk.InMemoryRiskStore;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a {@link SpeedTrade} platform keeps what it persists: one bundle for the ledger and every
 * service's stores, opened once on the platform's clock when the platform is built.
 *
 * <ul>
 *   <li>{@link #inMemory()}: everything in the JVM's memory, gone when it stops; the default.
 *   <li>{@code JdbcStorage.on(dataSource)} in {@code sdk-ledger-jdbc}: everything on one database
 *       (H2 or PostgreSQL), migrated on open; {@code JdbcStorage.h2File(path)} for the embedded
 *       file default.
 *   <li>{@link #of}: any other combination, for a host or an adapter module.
 * </ul>
 *
 * <p>Immutable and thread-safe; each platform built on it opens its own stores.
 */
public final class Storage {
  private final String description;
  private final Function<Clock, Stores> opener;

  private Storage(String description, Function<Clock, Stores> opener) {
    this.description = description;
    this.opener = opener;
  }

  /** Returns storage in the JVM's memory: an {@link InMemoryLedger} and in-memory stores. */
  public static Storage inMemory() {
    return new Storage(
        "in memory",
        clock ->
            new Stores(
                new InMemoryLedger(clock),
                new InMemoryInvestmentStore(),
                new InMemorySettingsStore(),
                new InMemoryExecutionStore(),
                new InMemoryOrderStore(),
                new InMemoryRiskStore(),
                new InMemoryFundingStore(),
                new InMemoryKycStore(),
                null));
  }

  /**
   * Returns storage whose stores {@code opener} opens on the platform's clock.
   *
   * @param description what it is, for {@link #toString()} (never a password or URL with secrets)
   * @param opener called once per platform built on this storage
   */
  public static Storage of(String description, Function<Clock, Stores> opener) {
    return new Storage(
        Objects.requireNonNull(description, "description"),
        Objects.requireNonNull(opener, "opener"));
  }

  /** Opens the stores on {@code clock}. */
  Stores open(Clock clock) {
    return Objects.requireNonNull(opener.apply(clock), "the storage opened no stores");
  }

  @Override
  public String toString() {
    return "Storage{" + description + "}";
  }
}
