package dev.speedtrade.oms.spi;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import org.jspecify.annotations.Nullable;

/**
 * Ledger work a change of a book owes, recorded with the change and done after it. Doing it twice
 * changes nothing: every transfer it makes has an id derived from the account, the order and the
 * hold generation or execution id.
 *
 * @param id unique in its account: the kind, the order and the generation or execution id
 * @param kind what work it is
 * @param clientOrderId the order it is for
 * @param execId the fill's execution id for a fill; else null
 * @param fromHold the generation of the order's hold it resolves; 0 for none
 * @param toHold the generation of the hold it creates; 0 for none (then {@code reserve} is 0)
 * @param amount a fill's amount, cents; else 0
 * @param reserve the new hold's amount, cents
 */
public record OutboxEntry(
    String id,
    OutboxKind kind,
    String clientOrderId,
    @Nullable String execId,
    int fromHold,
    int toHold,
    long amount,
    long reserve) {

  /**
   * Checks the fields.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a missing field, a negative
   *     number, or a reserve without a hold generation
   */
  public OutboxEntry {
    if (id == null || kind == null || clientOrderId == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "an outbox entry needs an id, a kind and an order");
    }
    if (fromHold < 0 || toHold < 0 || amount < 0 || reserve < 0 || (reserve > 0) != (toHold > 0)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "outbox entry '"
              + id
              + "' has holds "
              + fromHold
              + " -> "
              + toHold
              + ", amount "
              + amount
              + ", reserve "
              + reserve);
    }
  }
}
