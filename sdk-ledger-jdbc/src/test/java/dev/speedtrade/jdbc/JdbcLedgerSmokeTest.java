package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.testkit.ManualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcLedgerSmokeTest {
  @Test
  void appliesTheSpecExampleOnH2() {
    JdbcLedger ledger =
        JdbcLedger.h2InMemory(Clock.fixed(Instant.parse("2026-01-05T14:30:00Z"), ZoneOffset.UTC));
    assertThat(
            ledger.createAccounts(
                List.of(
                    LedgerAccount.of("bank", "USD", "platform_bank"),
                    LedgerAccount.of(
                        "user:1:cash",
                        "USD",
                        "user_cash",
                        AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS),
                    LedgerAccount.of("payouts", "USD", "payouts_clearing"))))
        .containsOnly(AccountResult.OK);
    assertThat(
            ledger.createTransfers(
                List.of(Transfer.single("t1", "bank", "user:1:cash", 10000, "deposit"))))
        .containsExactly(TransferResult.OK);
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.pending("t2", "user:1:cash", "payouts", 2500, "withdrawal", 60),
                    Transfer.single("t3", "user:1:cash", "bank", 100, "fee"))))
        .containsExactly(TransferResult.OK, TransferResult.OK);
    assertThat(ledger.createTransfers(List.of(Transfer.post("t4", "t2", 2000))))
        .containsExactly(TransferResult.OK);
    assertThat(
            ledger.createTransfers(
                List.of(Transfer.single("t3", "user:1:cash", "bank", 100, "fee"))))
        .containsExactly(TransferResult.EXISTS);

    var cash = ledger.balances("user:1:cash").orElseThrow();
    assertThat(cash.debitsPosted()).isEqualTo(2100);
    assertThat(cash.creditsPosted()).isEqualTo(10000);
    assertThat(cash.debitsPending()).isZero();
    assertThat(ledger.balances("payouts").orElseThrow().creditsPosted()).isEqualTo(2000);
    long afterPending = ledger.transfer("t2").orElseThrow().timestamp();
    var then = ledger.balancesAt("user:1:cash", afterPending).orElseThrow();
    assertThat(then.debitsPending()).isEqualTo(2500);
    assertThat(ledger.transfers("user:1:cash", 0, 10))
        .extracting(r -> r.id())
        .containsExactly("t1", "t2", "t3", "t4");
  }

  @Test
  void aPendingTransferWithATimeoutIsListedForExpiryUntilItIsResolved() throws SQLException {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-05T14:30:00Z"));
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:expiries-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    JdbcLedger ledger = JdbcLedger.builder(h2).clock(clock).build();
    ledger.migrate();
    ledger.createAccounts(
        List.of(
            LedgerAccount.of("bank", "USD", "platform_bank"),
            LedgerAccount.of("user", "USD", "user_cash")));
    ledger.createTransfers(
        List.of(
            Transfer.pending("posted-later", "bank", "user", 100, "deposit", 60),
            Transfer.pending("left-to-expire", "bank", "user", 200, "deposit", 60),
            Transfer.pending("no-timeout", "bank", "user", 300, "deposit")));
    assertThat(listedForExpiry(h2)).containsExactly("left-to-expire", "posted-later");

    ledger.createTransfers(List.of(Transfer.post("post", "posted-later")));
    assertThat(listedForExpiry(h2)).containsExactly("left-to-expire");

    clock.advance(Duration.ofSeconds(60));
    assertThat(ledger.pendingStatus("left-to-expire")).contains(PendingStatus.EXPIRED);
    assertThat(listedForExpiry(h2)).isEmpty();
  }

  private static List<String> listedForExpiry(JdbcDataSource h2) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = h2.getConnection();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT transfer_id FROM ledger_pending_expiries ORDER BY transfer_id")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }
}
