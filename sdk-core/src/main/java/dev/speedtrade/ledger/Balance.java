package dev.speedtrade.ledger;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import java.util.Currency;

/**
 * An account's balance in {@link Money}, read from its normal side: what a host shows a user or
 * puts on a statement. Made from the four {@link AccountBalances} by {@link Ledger#balance(String,
 * NormalSide)} or {@link #of}; immutable.
 *
 * <p>For a {@link NormalSide#CREDIT credit-normal} account (a user's cash): {@code posted = credits
 * posted - debits posted}, {@code reserved} = debits pending, {@code incoming} = credits pending.
 * For a {@link NormalSide#DEBIT debit-normal} one (the platform's bank) the sides swap. In both,
 * {@code available = posted - reserved}: what can still leave the account once the holds on it
 * post.
 *
 * @param accountId the account
 * @param normalSide the side the balance is read from
 * @param posted the posted balance on the normal side; negative when the other side is larger
 * @param reserved what pending transfers hold against the balance (they would lower it if posted)
 * @param incoming what pending transfers would add to the balance if posted
 * @param available {@code posted - reserved}
 * @param timestamp the ledger timestamp of the change that produced these balances
 */
public record Balance(
    String accountId,
    NormalSide normalSide,
    Money posted,
    Money reserved,
    Money incoming,
    Money available,
    long timestamp) {

  /**
   * Reads {@code balances} of {@code account} from {@code side}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when the balances are another
   *     account's or an argument is null; {@link ErrorCode#INVALID_CURRENCY} when the account's
   *     currency has no minor units (such as {@code XAU}), so no {@code Money} can hold it; {@link
   *     ErrorCode#AMOUNT_OVERFLOW} when {@code available} leaves the range of a {@code long}
   */
  public static Balance of(LedgerAccount account, AccountBalances balances, NormalSide side) {
    if (account == null || balances == null || side == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "account, balances and side must not be null");
    }
    if (!account.id().equals(balances.accountId())) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "balances of '"
              + balances.accountId()
              + "' are not those of account '"
              + account.id()
              + "'");
    }
    Currency currency = Money.currency(account.currency());
    boolean credit = side == NormalSide.CREDIT;
    // Both posted sides are >= 0, so their difference always fits a long.
    long posted =
        credit
            ? balances.creditsPosted() - balances.debitsPosted()
            : balances.debitsPosted() - balances.creditsPosted();
    long reserved = credit ? balances.debitsPending() : balances.creditsPending();
    long incoming = credit ? balances.creditsPending() : balances.debitsPending();
    long available;
    try {
      available = Math.subtractExact(posted, reserved);
    } catch (ArithmeticException e) {
      throw new SpeedTradeException(
          ErrorCode.AMOUNT_OVERFLOW,
          "available balance of '"
              + account.id()
              + "' ("
              + posted
              + " - "
              + reserved
              + " minor units) leaves the range of a long",
          e);
    }
    return new Balance(
        account.id(),
        side,
        Money.ofMinor(posted, currency),
        Money.ofMinor(reserved, currency),
        Money.ofMinor(incoming, currency),
        Money.ofMinor(available, currency),
        balances.timestamp());
  }

  /** Returns the currency of every amount of this balance. */
  public Currency currency() {
    return posted.currency();
  }
}
