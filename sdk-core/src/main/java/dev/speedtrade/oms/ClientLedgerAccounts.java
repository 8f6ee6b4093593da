package dev.speedtrade.oms;

import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.LedgerAccount;
import java.util.List;

/**
 * The ledger accounts the order service posts to, as the funding spec's chart of accounts names
 * them, all in USD. Per client: {@code user:<id>:cash} and {@code user:<id>:unsettled}
 * (credit-normal, {@link AccountFlag#DEBITS_MUST_NOT_EXCEED_CREDITS}), and {@code user:<id>:debit}
 * (debit-normal, no flag: what the client owes after a fill above its reserve). Platform: {@code
 * platform:broker} (debit-normal: the omnibus account at the venue), {@code platform:psp}, {@code
 * platform:payouts} and {@code platform:fees}.
 */
public final class ClientLedgerAccounts {
  /** The currency of every account. */
  public static final String CURRENCY = "USD";

  /** The omnibus account at the venue: debit-normal. */
  public static final String BROKER = "platform:broker";

  /** Money the payment provider collected: debit-normal. */
  public static final String PSP = "platform:psp";

  /** Paid or being paid out: credit-normal. */
  public static final String PAYOUTS = "platform:payouts";

  /** Fees earned: credit-normal. */
  public static final String FEES = "platform:fees";

  private ClientLedgerAccounts() {}

  /** Returns the id of {@code account}'s settled cash: {@code user:<account>:cash}. */
  public static String cash(String account) {
    return "user:" + account + ":cash";
  }

  /**
   * Returns the id of {@code account}'s unsettled sale proceeds: {@code user:<account>:unsettled}.
   */
  public static String unsettled(String account) {
    return "user:" + account + ":unsettled";
  }

  /** Returns the id of what {@code account} owes the platform: {@code user:<account>:debit}. */
  public static String debit(String account) {
    return "user:" + account + ":debit";
  }

  /** Returns the platform's accounts, to create once. */
  public static List<LedgerAccount> platform() {
    return List.of(
        LedgerAccount.of(BROKER, CURRENCY, "platform_broker"),
        LedgerAccount.of(PSP, CURRENCY, "platform_psp"),
        LedgerAccount.of(PAYOUTS, CURRENCY, "platform_payouts"),
        LedgerAccount.of(FEES, CURRENCY, "platform_fees"));
  }

  /** Returns {@code account}'s three accounts, to create when the account is opened. */
  public static List<LedgerAccount> client(String account) {
    return List.of(
        LedgerAccount.of(
            cash(account), CURRENCY, "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS),
        LedgerAccount.of(
            unsettled(account),
            CURRENCY,
            "user_unsettled",
            AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS),
        LedgerAccount.of(debit(account), CURRENCY, "user_debit"));
  }
}
