package dev.speedtrade.ledger;

/**
 * The outcome of one transfer. Business outcomes are values, never exceptions. When several apply,
 * the first in declaration order after {@link #OK} wins; {@link #LINKED_EVENT_FAILED} marks the
 * other members of a failed linked chain.
 */
public enum TransferResult {
  /** Applied. */
  OK,
  /** The transfer's own id is not 1 to 128 characters of {@code [A-Za-z0-9:._-]}. */
  INVALID_ID,
  /** The amount is zero or negative. */
  AMOUNT_NOT_POSITIVE,
  /** The debit and credit accounts are the same. */
  SAME_ACCOUNT,
  /** A transfer with this id and the same fields was applied before; nothing changed. */
  EXISTS,
  /** A transfer with this id was applied before with other fields; nothing changed. */
  EXISTS_WITH_DIFFERENT_FIELDS,
  /** The debit or credit account does not exist. */
  ACCOUNT_NOT_FOUND,
  /** The debit and credit accounts hold different currencies. */
  CURRENCY_MISMATCH,
  /** A post or void names an id that is not a pending transfer. */
  PENDING_NOT_FOUND,
  /** The pending transfer was already posted. */
  PENDING_ALREADY_POSTED,
  /** The pending transfer was already voided. */
  PENDING_ALREADY_VOIDED,
  /** The pending transfer's timeout has passed; it counts as voided. */
  PENDING_EXPIRED,
  /** A post asks for more than the pending amount. */
  EXCEEDS_PENDING_AMOUNT,
  /** One of an account's four balances would pass {@link Long#MAX_VALUE}. */
  OVERFLOW,
  /**
   * The debit account is flagged {@link AccountFlag#DEBITS_MUST_NOT_EXCEED_CREDITS} and would break
   * it.
   */
  EXCEEDS_CREDITS,
  /**
   * The credit account is flagged {@link AccountFlag#CREDITS_MUST_NOT_EXCEED_DEBITS} and would
   * break it.
   */
  EXCEEDS_DEBITS,
  /** Another member of the transfer's linked chain failed, so nothing of the chain was applied. */
  LINKED_EVENT_FAILED;

  /** Returns true for {@link #OK} and {@link #EXISTS}: the transfer is there as asked. */
  public boolean isSuccess() {
    return this == OK || this == EXISTS;
  }
}
