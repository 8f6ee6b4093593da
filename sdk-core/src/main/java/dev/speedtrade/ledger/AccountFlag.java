package dev.speedtrade.ledger;

/** A balance limit an account keeps under every transfer. At most one per account. */
public enum AccountFlag {
  /**
   * Debits (pending and posted) may never exceed posted credits: a user's cash never goes below
   * zero, holds included. A transfer that would break it answers {@link
   * TransferResult#EXCEEDS_CREDITS}.
   */
  DEBITS_MUST_NOT_EXCEED_CREDITS,
  /**
   * Credits (pending and posted) may never exceed posted debits. A transfer that would break it
   * answers {@link TransferResult#EXCEEDS_DEBITS}.
   */
  CREDITS_MUST_NOT_EXCEED_DEBITS
}
