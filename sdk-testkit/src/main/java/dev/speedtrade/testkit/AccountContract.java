package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.LedgerAccount;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract for accounts: creation, the id and currency rules, {@code EXISTS} and {@code
 * EXISTS_WITH_DIFFERENT_FIELDS}, the flags, and the precedence of the account results.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class AccountContract extends LedgerContractBase {
  /** Creates the contract; the ledger is made before each test. */
  protected AccountContract() {}

  @Test
  void aNewAccountIsReadableWithZeroBalances() {
    LedgerAccount cash =
        LedgerAccount.of(
            "user:1:cash", "USD", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    assertThat(
            ledger.createAccounts(List.of(cash, LedgerAccount.of("bank", "MXN", "platform_bank"))))
        .containsExactly(AccountResult.OK, AccountResult.OK);
    assertThat(ledger.account("user:1:cash")).contains(cash);
    assertBalances("user:1:cash", 0, 0, 0, 0);
    assertBalances("bank", 0, 0, 0, 0);
    assertThat(ledger.account("nobody")).isEmpty();
    assertThat(ledger.balances("nobody")).isEmpty();
  }

  @Test
  void eachAccountOfABatchIsJudgedOnItsOwn() {
    assertThat(
            ledger.createAccounts(List.of(usd("a"), LedgerAccount.of("b", "usd", "x"), usd("c"))))
        .containsExactly(AccountResult.OK, AccountResult.INVALID_CURRENCY, AccountResult.OK);
    assertThat(ledger.account("a")).isPresent();
    assertThat(ledger.account("b")).isEmpty();
    assertThat(ledger.account("c")).isPresent();
  }

  @Test
  void recreatingAnAccountWithTheSameFieldsAnswersExists() {
    LedgerAccount cash =
        LedgerAccount.of("cash", "USD", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    createAccounts(cash, usd("bank"));
    fund("cash", 500);
    assertThat(
            ledger.createAccounts(
                List.of(
                    new LedgerAccount(
                        "cash",
                        "USD",
                        "user_cash",
                        EnumSet.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)))))
        .containsExactly(AccountResult.EXISTS);
    assertBalances("cash", 0, 0, 0, 500);
  }

  @Test
  void recreatingAnAccountWithOtherCurrencyTypeOrFlagsAnswersExistsWithDifferentFields() {
    LedgerAccount cash =
        LedgerAccount.of("cash", "USD", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    createAccounts(cash);
    assertThat(
            ledger.createAccounts(
                List.of(
                    LedgerAccount.of(
                        "cash", "MXN", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS),
                    LedgerAccount.of(
                        "cash",
                        "USD",
                        "user_unsettled",
                        AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS),
                    LedgerAccount.of("cash", "USD", "user_cash"),
                    LedgerAccount.of(
                        "cash", "USD", "user_cash", AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS))))
        .containsOnly(AccountResult.EXISTS_WITH_DIFFERENT_FIELDS)
        .hasSize(4);
    assertThat(ledger.account("cash")).contains(cash);
  }

  @Test
  void anAccountIdMustBeOneTo128AllowedCharacters() {
    String longest = "aZ09:._-".repeat(16);
    assertThat(longest).hasSize(128);
    List<String> invalid = List.of("", "x".repeat(129), "user 1", "user/1", "caf\u00e9", "\u0430");
    for (String id : invalid) {
      assertThat(ledger.createAccounts(List.of(LedgerAccount.of(id, "USD", "x"))))
          .as("id '%s'", id)
          .containsExactly(AccountResult.INVALID_ID);
      assertThat(ledger.account(id)).isEmpty();
    }
    assertThat(ledger.createAccounts(List.of(LedgerAccount.of(longest, "USD", "x"))))
        .containsExactly(AccountResult.OK);
    assertThat(ledger.account(longest)).isPresent();
  }

  @Test
  void anAccountCurrencyMustBeAnUpperCaseIsoCode() {
    assertThat(
            ledger.createAccounts(
                List.of(
                    LedgerAccount.of("a", "usd", "x"), LedgerAccount.of("b", "ABC", "x"),
                    LedgerAccount.of("c", "US", "x"), LedgerAccount.of("d", "MXN", "x"))))
        .containsExactly(
            AccountResult.INVALID_CURRENCY,
            AccountResult.INVALID_CURRENCY,
            AccountResult.INVALID_CURRENCY,
            AccountResult.OK);
    assertThat(ledger.account("a")).isEmpty();
    assertThat(ledger.account("b")).isEmpty();
  }

  @Test
  void anAccountCannotCarryBothLimits() {
    assertThat(
            ledger.createAccounts(
                List.of(
                    new LedgerAccount(
                        "a",
                        "USD",
                        "x",
                        Set.of(
                            AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS,
                            AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)))))
        .containsExactly(AccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE);
    assertThat(ledger.account("a")).isEmpty();
  }

  @Test
  void accountResultsFollowTheirPrecedence() {
    Set<AccountFlag> both =
        Set.of(
            AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS);
    createAccounts(usd("taken"));
    assertThat(
            ledger.createAccounts(
                List.of(
                    new LedgerAccount("bad id", "usd", "x", both),
                    new LedgerAccount("taken", "usd", "x", Set.of()),
                    new LedgerAccount("taken", "USD", "x", both),
                    new LedgerAccount("taken", "usd", "x", both),
                    new LedgerAccount("fresh", "usd", "x", both))))
        .containsExactly(
            AccountResult.INVALID_ID,
            AccountResult.EXISTS_WITH_DIFFERENT_FIELDS,
            AccountResult.EXISTS_WITH_DIFFERENT_FIELDS,
            AccountResult.EXISTS_WITH_DIFFERENT_FIELDS,
            AccountResult.INVALID_CURRENCY);
    assertThat(ledger.account("taken")).contains(usd("taken"));
    assertThat(ledger.account("fresh")).isEmpty();
  }

  @Test
  void theIdOfAFailedAccountStaysFree() {
    assertThat(
            ledger.createAccounts(
                List.of(
                    LedgerAccount.of("a", "ABC", "x"),
                    new LedgerAccount(
                        "b",
                        "USD",
                        "x",
                        Set.of(
                            AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS,
                            AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)))))
        .containsExactly(
            AccountResult.INVALID_CURRENCY, AccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE);
    assertThat(ledger.createAccounts(List.of(LedgerAccount.of("a", "MXN", "y"), usd("b"))))
        .containsExactly(AccountResult.OK, AccountResult.OK);
    assertThat(ledger.account("a")).contains(LedgerAccount.of("a", "MXN", "y"));
  }

  @Test
  void aNullAccountListOrElementThrowsInvalidAccountAndWritesNothing() {
    assertThrowsCode(ErrorCode.INVALID_ACCOUNT, () -> ledger.createAccounts(nullList()));
    assertThrowsCode(
        ErrorCode.INVALID_ACCOUNT,
        () -> ledger.createAccounts(Arrays.asList(usd("before"), null, usd("after"))));
    assertThat(ledger.account("before")).isEmpty();
    assertThat(ledger.account("after")).isEmpty();
    assertThat(ledger.createAccounts(List.of(usd("before")))).containsExactly(AccountResult.OK);
  }
}
