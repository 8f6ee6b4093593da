package dev.speedtrade.ledger;

/**
 * The outcome of creating one account. When several apply, the first in declaration order after
 * {@link #OK} wins: {@link #INVALID_ID}, then {@link #EXISTS} or {@link
 * #EXISTS_WITH_DIFFERENT_FIELDS}, then {@link #INVALID_CURRENCY}, then {@link
 * #FLAGS_ARE_MUTUALLY_EXCLUSIVE}.
 */
public enum AccountResult {
  /** Created. */
  OK,
  /** The id is not 1 to 128 characters of {@code [A-Za-z0-9:._-]}. */
  INVALID_ID,
  /** An account with this id and the same currency, type and flags exists; nothing changed. */
  EXISTS,
  /** An account with this id exists with another currency, type or flags; nothing changed. */
  EXISTS_WITH_DIFFERENT_FIELDS,
  /** The currency is not an upper-case ISO 4217 code {@link java.util.Currency} knows. */
  INVALID_CURRENCY,
  /** Both balance-limit flags were given. */
  FLAGS_ARE_MUTUALLY_EXCLUSIVE;

  /** Returns true for {@link #OK} and {@link #EXISTS}: the account is there as asked. */
  public boolean isSuccess() {
    return this == OK || this == EXISTS;
  }
}
