package dev.speedtrade.rebalance;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot's symbols ranked for auto-invest, which weights a ranked list harmonically ({@code
 * FundingService.autoInvest(user, investId, amount, ranked)}: the first 1, the second 1/2, ...):
 * what {@code botId}'s {@link AllocationSource} answers for the market date, each symbol's weights
 * added, the symbols with a positive weight, largest first, equal weights by symbol.
 *
 * <pre>{@code
 * List<String> ranked = RankedSymbols.of(signals, "momentum", today);
 * funding.autoInvest("dan", "inv-7", amount, ranked); // empty: the default SPY/BIL policy
 * }</pre>
 */
public final class RankedSymbols {
  private static final Logger log = LoggerFactory.getLogger(RankedSymbols.class);

  private RankedSymbols() {}

  /**
   * Returns {@code botId}'s symbols ranked by its weights for {@code marketDate}; empty when the
   * bot failed (its source threw, or answered {@link Allocation.Failed}) or holds nothing, so that
   * auto-invest falls back to its default policy. A failure is logged.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null argument or a blank
   *     bot id
   */
  public static List<String> of(AllocationSource source, String botId, LocalDate marketDate) {
    if (source == null || botId == null || botId.isBlank() || marketDate == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "a source, a bot id and a market date are required");
    }
    Allocation allocation;
    try {
      allocation = source.allocation(botId, marketDate);
    } catch (RuntimeException e) {
      log.warn("bot {} gave no allocation for {}: {}", botId, marketDate, e.toString());
      return List.of();
    }
    if (allocation instanceof Allocation.Failed failed) {
      log.warn("bot {} gave no allocation for {}: {}", botId, marketDate, failed.reason());
      return List.of();
    }
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (SymbolWeight w : ((Allocation.Weights) allocation).weights()) {
      sums.merge(w.symbol(), w.weight(), BigDecimal::add);
    }
    List<Map.Entry<String, BigDecimal>> positive = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> e : sums.entrySet()) {
      if (e.getValue().signum() > 0) {
        positive.add(e);
      }
    }
    positive.sort(
        Comparator.comparing(Map.Entry<String, BigDecimal>::getValue)
            .reversed()
            .thenComparing(Map.Entry::getKey));
    return positive.stream().map(Map.Entry::getKey).toList();
  }
}
