package dev.speedtrade.rebalance;

import java.time.LocalDate;

/**
 * Where a bot's weights for the day come from: a static table, a file, a signal service. The SDK
 * does not re-implement a bot's logic; it asks its source.
 *
 * <p>The executor calls sources from its own threads, several bots at once, each call bounded by a
 * timeout; an implementation must be thread-safe. Any exception, a timeout, or a null answer fails
 * the bot for the day ({@code BOT_FAILED}), never the execution.
 */
@FunctionalInterface
public interface AllocationSource {

  /**
   * Returns {@code botId}'s allocation for {@code marketDate}: its weights, or {@link
   * Allocation#failed} with a reason.
   */
  Allocation allocation(String botId, LocalDate marketDate);
}
