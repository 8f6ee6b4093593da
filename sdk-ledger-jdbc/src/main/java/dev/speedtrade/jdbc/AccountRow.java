package dev.speedtrade.jdbc;

import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.LedgerAccount;

/**
 * An account row of the JDBC ledger: its definition and its balances, whose timestamp is the row's
 * {@code updated_ts}. Since timestamps come from one database sequence and every change to a row
 * sets a new one, an id and that timestamp name one version of the row.
 */
record AccountRow(LedgerAccount account, AccountBalances balances) {
  String id() {
    return account.id();
  }

  void addTo(LedgerBatch batch) {
    batch.accounts.put(account.id(), account);
    batch.balances.put(account.id(), balances);
  }
}
