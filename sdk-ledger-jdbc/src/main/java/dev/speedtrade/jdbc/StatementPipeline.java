package dev.speedtrade.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Statements that run one after the other in one transaction and are sent together: on PostgreSQL
 * as one multi-statement prepared statement, which the driver sends as one message sequence with a
 * single sync, so the steps cost one network round trip between them; on H2, in-process, one at a
 * time. A step that fails stops the ones after it, and the transaction is then aborted. Used by one
 * thread, once.
 *
 * <p>A step that changes rows may state how many it must change; a different count fails {@link
 * #run()}. When the pipeline ends with {@code COMMIT} that check comes after the commit, so give a
 * count only where the rows are locked by the same transaction and cannot disappear, as a guard
 * against a statement that matches the wrong rows, not against a race.
 */
final class StatementPipeline {
  /** Reads one step's result rows. */
  @FunctionalInterface
  interface Rows {
    void read(ResultSet row) throws SQLException;
  }

  private record Step(
      String sql, @Nullable Object[] parameters, @Nullable Rows rows, int expectedRows) {}

  private static final int ANY_COUNT = -1;

  /**
   * Joined texts by their statements; bounded, though the ledger's statements are constants and
   * form a few dozen combinations.
   */
  private static final ConcurrentMap<List<String>, String> JOINED = new ConcurrentHashMap<>();

  private static final int MAX_JOINED = 1024;

  private final Connection connection;
  private final boolean together;
  private final List<Step> steps = new ArrayList<>();

  /**
   * A pipeline on {@code connection}; {@code together} sends its steps as one statement (the
   * database must accept several statements in one prepared statement, as PostgreSQL's driver
   * does).
   */
  StatementPipeline(Connection connection, boolean together) {
    this.connection = connection;
    this.together = together;
  }

  /** Adds a query whose every row {@code rows} reads. */
  StatementPipeline query(String sql, Rows rows, Object... parameters) {
    steps.add(new Step(sql, parameters, rows, ANY_COUNT));
    return this;
  }

  /** Adds a statement that changes rows, however many. */
  StatementPipeline update(String sql, Object... parameters) {
    steps.add(new Step(sql, parameters, null, ANY_COUNT));
    return this;
  }

  /**
   * Adds a statement that must change exactly {@code expectedRows} rows. A null parameter goes as
   * SQL {@code NULL} of the type the statement casts it to.
   */
  StatementPipeline updateExactly(String sql, int expectedRows, @Nullable Object... parameters) {
    steps.add(new Step(sql, parameters, null, expectedRows));
    return this;
  }

  boolean isEmpty() {
    return steps.isEmpty();
  }

  /** Runs the steps in order and reads their results; the pipeline is then spent. */
  void run() throws SQLException {
    if (steps.isEmpty()) {
      return;
    }
    if (!together || steps.size() == 1) {
      for (Step step : steps) {
        try (PreparedStatement statement = connection.prepareStatement(step.sql())) {
          bind(statement, step, 1);
          read(statement, step, statement.execute());
        }
      }
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(joinedSql())) {
      int index = 1;
      for (Step step : steps) {
        index = bind(statement, step, index);
      }
      boolean isQuery = statement.execute();
      for (int i = 0; i < steps.size(); i++) {
        if (i > 0) {
          isQuery = statement.getMoreResults();
        }
        read(statement, steps.get(i), isQuery);
      }
    }
  }

  /**
   * The steps' statements as one text, the same instance for the same statements: the driver finds
   * its parsed statement by the text, and a text seen before has its hash already computed (the
   * text of a call's writes runs to kilobytes).
   */
  private String joinedSql() {
    List<String> parts = new ArrayList<>(steps.size());
    for (Step step : steps) {
      parts.add(step.sql());
    }
    String sql = JOINED.get(parts);
    if (sql == null) {
      sql = String.join(";\n", parts);
      if (JOINED.size() < MAX_JOINED) {
        String raced = JOINED.putIfAbsent(parts, sql);
        sql = raced == null ? sql : raced;
      }
    }
    return sql;
  }

  private static int bind(PreparedStatement statement, Step step, int first) throws SQLException {
    int index = first;
    for (Object parameter : step.parameters()) {
      if (parameter == null) {
        statement.setNull(index++, java.sql.Types.NULL);
      } else {
        statement.setObject(index++, parameter);
      }
    }
    return index;
  }

  private static void read(PreparedStatement statement, Step step, boolean isQuery)
      throws SQLException {
    Rows rows = step.rows();
    if (rows != null) {
      if (!isQuery) {
        throw new SQLException("expected rows from: " + step.sql());
      }
      try (ResultSet row = statement.getResultSet()) {
        while (row.next()) {
          rows.read(row);
        }
      }
      return;
    }
    int count = statement.getUpdateCount();
    if (step.expectedRows() != ANY_COUNT && count != step.expectedRows()) {
      throw new SQLException(
          "changed " + count + " rows of " + step.expectedRows() + " in: " + step.sql());
    }
  }
}
