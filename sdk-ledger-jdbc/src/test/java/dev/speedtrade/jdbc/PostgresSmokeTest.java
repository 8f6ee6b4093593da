package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.testkit.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresSmokeTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  @Test
  void migratesAndAppliesATransferOnARealServer() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(postgres.jdbcUrl());
    JdbcLedger ledger = JdbcLedger.builder(dataSource).build();
    ledger.migrate();
    ledger.migrate();

    assertThat(
            ledger.createAccounts(
                List.of(LedgerAccount.of("a", "USD", "x"), LedgerAccount.of("b", "USD", "x"))))
        .containsOnly(AccountResult.OK);
    assertThat(ledger.createTransfers(List.of(Transfer.single("t1", "a", "b", 5, "c"))))
        .containsExactly(TransferResult.OK);
    assertThat(ledger.balances("b").orElseThrow().creditsPosted()).isEqualTo(5);
    assertThat(ledger.toString()).contains("POSTGRESQL");
  }
}
