package dev.speedtrade.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Emptying of the KYC tables of a PostgreSQL test schema (the lock row stays). */
final class KycTablesPostgres {
  private KycTablesPostgres() {}

  /** Empties the verifications, their history and the webhooks. */
  static void empty(HikariDataSource pool) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("TRUNCATE kyc_history, kyc_webhooks, kyc_verifications");
    } catch (SQLException e) {
      throw new IllegalStateException("emptying the KYC tables failed", e);
    }
  }
}
