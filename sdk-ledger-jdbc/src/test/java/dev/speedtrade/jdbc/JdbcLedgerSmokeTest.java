package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcLedgerSmokeTest {
  @Test
  void appliesTheSpecExampleOnH2() {
    JdbcLedger ledger = JdbcLedger.h2InMemory(Clock.fixed(Instant.parse("2026-01-05T14:30:00Z"), ZoneOffset.UTC));
    assertThat(ledger.createAccounts(List.of(
        LedgerAccount.of("bank", "USD", "platform_bank"),
        LedgerAccount.of("user:1:cash", "USD", "user_cash", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS),
        LedgerAccount.of("payouts", "USD", "payouts_clearing"))))
        .containsOnly(AccountResult.OK);
    assertThat(ledger.createTransfers(List.of(Transfer.single("t1", "bank", "user:1:cash", 10000, "deposit"))))
        .containsExactly(TransferResult.OK);
    assertThat(ledger.createLinkedTransfers(List.of(
        Transfer.pending("t2", "user:1:cash", "payouts", 2500, "withdrawal", 60),
        Transfer.single("t3", "user:1:cash", "bank", 100, "fee"))))
        .containsExactly(TransferResult.OK, TransferResult.OK);
    assertThat(ledger.createTransfers(List.of(Transfer.post("t4", "t2", 2000))))
        .containsExactly(TransferResult.OK);
    assertThat(ledger.createTransfers(List.of(Transfer.single("t3", "user:1:cash", "bank", 100, "fee"))))
        .containsExactly(TransferResult.EXISTS);

    var cash = ledger.balances("user:1:cash").orElseThrow();
    assertThat(cash.debitsPosted()).isEqualTo(2100);
    assertThat(cash.creditsPosted()).isEqualTo(10000);
    assertThat(cash.debitsPending()).isZero();
    assertThat(ledger.balances("payouts").orElseThrow().creditsPosted()).isEqualTo(2000);
    long afterPending = ledger.transfer("t2").orElseThrow().timestamp();
    var then = ledger.balancesAt("user:1:cash", afterPending).orElseThrow();
    assertThat(then.debitsPending()).isEqualTo(2500);
    assertThat(ledger.transfers("user:1:cash", 0, 10)).extracting(r -> r.id())
        .containsExactly("t1", "t2", "t3", "t4");
  }
}
