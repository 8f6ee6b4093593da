package dev.speedtrade.ledger;

/** Where a {@link TransferKind#PENDING} transfer is in its life. */
public enum PendingStatus {
  /** Reserved, not yet resolved, and its timeout (if any) has not passed. */
  PENDING,
  /** Resolved by a post. */
  POSTED,
  /** Resolved by a void. */
  VOIDED,
  /** Its timeout passed before it was resolved; it counts as voided. */
  EXPIRED
}
