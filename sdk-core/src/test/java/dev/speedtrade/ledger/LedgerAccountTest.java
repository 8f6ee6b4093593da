package dev.speedtrade.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.error.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerAccountTest {

  @Test
  void eachMisfitFieldIsNamedWithTheAccount() {
    assertRefused(() -> LedgerAccount.of("a", "USD", " "), "type of account 'a' must be 1-64");
    assertRefused(
        () -> LedgerAccount.of("a", "USD", "x".repeat(65)), "type of account 'a' must be 1-64");
    assertRefused(
        () -> LedgerAccount.of("a", "USD", "t\u0007"), "type of account 'a' must hold no control");
    assertRefused(
        () -> new LedgerAccount("a", "USD", "t", nullFlags()), "flags of account 'a' must not be");
    Set<AccountFlag> withNull = new HashSet<>();
    withNull.add(null);
    assertRefused(
        () -> new LedgerAccount("a", "USD", "t", withNull), "flags of account 'a' must not be");
  }

  @Test
  void flagsAreCopiedAndCompareByValue() {
    Set<AccountFlag> flags = new HashSet<>(Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
    LedgerAccount account = new LedgerAccount("a", "USD", "t", flags);
    flags.clear();

    assertThat(account.has(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)).isTrue();
    assertThat(account)
        .isEqualTo(LedgerAccount.of("a", "USD", "t", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
    assertThat(LedgerAccount.of("a", "USD", "t").flags()).isEmpty();
  }

  private static void assertRefused(Runnable make, String message) {
    Refusals.assertRefused(ErrorCode.INVALID_ACCOUNT, make, message);
  }

  @SuppressWarnings("NullAway")
  private static Set<AccountFlag> nullFlags() {
    return null;
  }
}
