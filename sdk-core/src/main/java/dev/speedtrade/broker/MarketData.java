package dev.speedtrade.broker;

import dev.speedtrade.error.SpeedTradeException;
import java.util.Collection;
import java.util.Map;

/**
 * Market data SPI: prices for many symbols in one call.
 *
 * <p>Implementations are thread-safe. An adapter makes as few provider calls as the provider allows
 * for one {@link #snapshots} call (chunking long symbol lists), never one call per symbol.
 */
public interface MarketData {

  /**
   * Returns a snapshot for each requested symbol the provider knows, keyed by the upper-case
   * symbol. Symbols the provider does not know are absent from the map rather than an error, so
   * that one delisted ticker does not hide the prices of the others.
   *
   * @param symbols tickers or crypto pairs, any case; duplicates are read once
   * @return an unmodifiable map from symbol to snapshot
   * @throws SpeedTradeException {@link dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null
   *     collection and {@link dev.speedtrade.error.ErrorCode#INVALID_SYMBOL} for a null, blank or
   *     malformed symbol, both before any call to the provider; or a provider error such as {@link
   *     dev.speedtrade.error.ErrorCode#PROVIDER_UNAVAILABLE}
   */
  Map<String, Snapshot> snapshots(Collection<String> symbols);
}
