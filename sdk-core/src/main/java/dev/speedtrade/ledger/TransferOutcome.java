package dev.speedtrade.ledger;

/**
 * What the ledger answered for one transfer, with the transfer's id, so that a result can be logged
 * or matched without the request at hand.
 *
 * @param transferId the transfer's id, as given
 * @param result what the ledger answered
 */
public record TransferOutcome(String transferId, TransferResult result) {

  /**
   * Returns true when the transfer is there as asked: {@link TransferResult#OK} or {@link
   * TransferResult#EXISTS}.
   */
  public boolean isSuccess() {
    return result.isSuccess();
  }
}
