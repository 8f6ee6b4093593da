package dev.speedtrade.ledger;

/**
 * An account's four balances at one moment, in minor units of its currency. All four start at zero
 * and never go below it. An expired pending transfer counts in none of them.
 *
 * @param accountId the account
 * @param debitsPending amounts reserved by pending transfers that debit the account
 * @param debitsPosted amounts posted to the account's debit side
 * @param creditsPending amounts reserved by pending transfers that credit the account
 * @param creditsPosted amounts posted to the account's credit side
 * @param timestamp the ledger timestamp of the change that produced these balances (of the
 *     account's creation when nothing has changed them yet)
 */
public record AccountBalances(
    String accountId,
    long debitsPending,
    long debitsPosted,
    long creditsPending,
    long creditsPosted,
    long timestamp) {

  /** Returns zero balances for a new account. */
  public static AccountBalances zero(String accountId, long timestamp) {
    return new AccountBalances(accountId, 0, 0, 0, 0, timestamp);
  }

  /**
   * Returns the posted balance of a credit-normal account (a user's cash): credits posted minus
   * debits posted. May be negative for an account without a limit.
   */
  public long creditBalance() {
    return creditsPosted - debitsPosted;
  }

  /**
   * Returns the posted balance of a debit-normal account (the platform's bank): debits minus
   * credits.
   */
  public long debitBalance() {
    return debitsPosted - creditsPosted;
  }

  /**
   * Returns what a credit-normal account can still spend: credits posted minus debits posted minus
   * debits pending.
   *
   * @throws ArithmeticException in the corner where the difference leaves the range of a {@code
   *     long}
   */
  public long availableCredit() {
    return Math.subtractExact(creditsPosted - debitsPosted, debitsPending);
  }
}
