package dev.speedtrade.ledger;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the ledger answered for one call's transfers, in input order, each with its id: what {@link
 * Ledger#submit(List)} and {@link Ledger#submitLinked(List)} return. Immutable.
 *
 * <pre>{@code
 * TransferOutcomes outcomes = ledger.submitLinked(List.of(hold, fee));
 * if (!outcomes.allAppliedOrExisted()) {
 *   log.warn("withdrawal refused: {}", outcomes.failures());
 * }
 * }</pre>
 *
 * @param outcomes one per transfer, in input order
 */
public record TransferOutcomes(List<TransferOutcome> outcomes) {

  /** Copies the outcomes. */
  public TransferOutcomes {
    outcomes = List.copyOf(outcomes);
  }

  /**
   * Pairs transfers with the results a {@link Ledger} answered for them.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when the lists differ in size
   */
  public static TransferOutcomes of(List<Transfer> transfers, List<TransferResult> results) {
    if (transfers.size() != results.size()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          results.size() + " results for " + transfers.size() + " transfers");
    }
    List<TransferOutcome> paired = new ArrayList<>(transfers.size());
    for (int i = 0; i < transfers.size(); i++) {
      paired.add(new TransferOutcome(transfers.get(i).id(), results.get(i)));
    }
    return new TransferOutcomes(paired);
  }

  /**
   * Returns true when every transfer is there as asked: each answered {@link TransferResult#OK} or
   * {@link TransferResult#EXISTS}. True for no transfers. The one check a caller retrying a batch
   * or a chain needs: once it is true, the call has taken effect, whichever attempt did it.
   */
  public boolean allAppliedOrExisted() {
    return outcomes.stream().allMatch(TransferOutcome::isSuccess);
  }

  /** Returns the outcomes that are not a success, in input order; empty when all are. */
  public List<TransferOutcome> failures() {
    return outcomes.stream().filter(outcome -> !outcome.isSuccess()).toList();
  }

  /** Returns the results alone, in input order: what {@link Ledger#createTransfers} returns. */
  public List<TransferResult> results() {
    return outcomes.stream().map(TransferOutcome::result).toList();
  }
}
