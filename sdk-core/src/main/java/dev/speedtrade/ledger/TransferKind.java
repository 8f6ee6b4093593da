package dev.speedtrade.ledger;

/** What a transfer does to balances. */
public enum TransferKind {
  /** Posts at once: debits posted and credits posted grow by the amount. */
  SINGLE,
  /**
   * Reserves: debits pending and credits pending grow by the amount until posted, voided or
   * expired.
   */
  PENDING,
  /** Resolves a pending transfer: releases its reservation and posts all or part of it. */
  POST,
  /** Resolves a pending transfer: releases its reservation and posts nothing. */
  VOID
}
