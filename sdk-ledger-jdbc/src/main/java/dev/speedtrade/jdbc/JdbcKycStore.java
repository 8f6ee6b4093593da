package dev.speedtrade.jdbc;

import static dev.speedtrade.jdbc.Columns.instant;
import static dev.speedtrade.jdbc.Columns.text;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycChangeCause;
import dev.speedtrade.kyc.KycEventType;
import dev.speedtrade.kyc.KycReceivedWebhook;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycReview;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycStatusChange;
import dev.speedtrade.kyc.KycUpdateCode;
import dev.speedtrade.kyc.KycVerification;
import dev.speedtrade.kyc.KycWebhookEvent;
import dev.speedtrade.kyc.spi.KycBook;
import dev.speedtrade.kyc.spi.KycStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KycStore} in the {@code kyc_*} tables of {@code V8__kyc.sql} (see {@link
 * SpeedTradeSchema}), for any number of hosts sharing one database.
 *
 * <p><b>Serialization.</b> Each {@link #inTransaction} call is one transaction on one connection
 * that first locks the one row of {@code kyc_lock} ({@code SELECT ... FOR UPDATE}) and holds the
 * lock until it commits: KYC writes are serialized across every JVM, and each sees what every
 * earlier one committed (READ COMMITTED, the default of H2 and PostgreSQL, suffices: the tables are
 * only written under that lock). KYC writes are few (a start, a handful of webhooks per user), so
 * one lock costs nothing that matters. A lock wait the database gives up (H2's lock timeout, a
 * host's PostgreSQL {@code lock_timeout}) is waited again, up to {@value #MAX_LOCK_ATTEMPTS} times,
 * before anything was done. Unique constraints back the invariants should anything write without
 * the lock: one verification per user, one user per applicant, one webhook per event key. Each
 * {@link #read} call is a transaction that takes no lock and writes nothing.
 *
 * <p><b>Failure.</b> When the work throws, the transaction is rolled back (none of its writes are
 * kept) and the exception propagates as it was. When a statement of the book fails, the book method
 * throws a {@link SpeedTradeException} ({@link ErrorCode#INVALID_ARGUMENT} for what the database
 * refuses, SQLState class 22 or 23: a second webhook with an event key, an applicant of another
 * user, a change of a user without a verification, an id longer than its column; else {@link
 * ErrorCode#STORE_UNAVAILABLE}), and the call rolls back and throws it even if the work caught it.
 *
 * <p>Thread-safe. Each call holds one pooled connection for the whole work; a work must not call
 * the store again.
 */
final class JdbcKycStore implements KycStore {
  /** How many times a lock wait the database gave up is waited again. */
  static final int MAX_LOCK_ATTEMPTS = RowLock.MAX_ATTEMPTS;

  private static final String VERIFICATION_COLUMNS =
      "user_id, applicant_id, status, reject_type, reject_labels, attempt, created_seconds,"
          + " created_nanos, updated_seconds, updated_nanos";
  private static final String HISTORY_COLUMNS =
      "user_id, applicant_id, from_status, to_status, reject_type, reject_labels, attempt, cause,"
          + " event_key, at_seconds, at_nanos";
  private static final String WEBHOOK_COLUMNS =
      "event_key, event_type, provider_type, applicant_id, user_id, review_status, reject_type,"
          + " reject_labels, body, received_seconds, received_nanos, outcome";

  private final DataSource dataSource;

  /**
   * Creates the store on {@code dataSource}, whose database {@link SpeedTradeSchema#migrate} has
   * set up.
   */
  JdbcKycStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public <T> T inTransaction(Function<KycBook, T> work) {
    return run(work, true);
  }

  @Override
  public <T> T read(Function<KycBook, T> work) {
    return run(work, false);
  }

  private <T> T run(@Nullable Function<KycBook, T> work, boolean write) {
    if (work == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "work must not be null");
    }
    try (Connection connection = dataSource.getConnection()) {
      boolean committed = false;
      try {
        connection.setAutoCommit(false);
        if (write) {
          lock(connection);
        }
        Book book = new Book(connection, write);
        T result;
        try {
          result = work.apply(book);
        } finally {
          book.closed = true;
        }
        SpeedTradeException failure = book.calls.failure();
        if (failure != null) {
          throw failure; // the work caught it and went on: its writes are not all there
        }
        connection.commit();
        committed = true;
        return result;
      } finally {
        if (!committed) {
          StoreWork.rollbackQuietly(connection);
        }
      }
    } catch (SQLException e) {
      throw StoreWork.refusedOrUnavailable(
          write ? "working on the KYC records" : "reading the KYC records",
          e,
          ErrorCode.INVALID_ARGUMENT);
    }
  }

  /** Locks the row of {@code kyc_lock}, waiting again when the database gives a wait up. */
  private static void lock(Connection connection) throws SQLException {
    RowLock.lockRow(connection, "kyc_lock", "V8__kyc.sql");
  }

  /** The records on the connection of one call. */
  private static final class Book implements KycBook {
    private final Connection connection;
    private final boolean write;
    private final Thread owner = Thread.currentThread();
    boolean closed;
    final SqlCalls calls;

    Book(Connection connection, boolean write) {
      this.connection = connection;
      this.calls = new SqlCalls("");
      this.write = write;
    }

    @Override
    public Optional<KycVerification> verification(String user) {
      checkOpen();
      notNull(user, "user");
      return oneVerification("user_id", user);
    }

    @Override
    public Optional<KycVerification> verificationOfApplicant(String applicantId) {
      checkOpen();
      notNull(applicantId, "applicantId");
      return oneVerification("applicant_id", applicantId);
    }

    private Optional<KycVerification> oneVerification(String column, String value) {
      return calls.query(
          "reading a KYC verification",
          () -> {
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT "
                        + VERIFICATION_COLUMNS
                        + " FROM kyc_verifications WHERE "
                        + column
                        + " = ?")) {
              select.setString(1, value);
              try (ResultSet row = select.executeQuery()) {
                return row.next()
                    ? Optional.of(verification(row))
                    : Optional.<KycVerification>empty();
              }
            }
          });
    }

    private static KycVerification verification(ResultSet row) throws SQLException {
      return new KycVerification(
          row.getString("user_id"),
          row.getString("applicant_id"),
          review(row, "status"),
          row.getInt("attempt"),
          instant(row, "created"),
          instant(row, "updated"));
    }

    @Override
    public void putVerification(KycVerification verification) {
      checkWritable();
      notNull(verification, "verification");
      calls.update(
          "saving a KYC verification",
          () -> {
            if (writeVerification(
                    "UPDATE kyc_verifications SET applicant_id = ?, status = ?, reject_type = ?,"
                        + " reject_labels = ?, attempt = ?, created_seconds = ?, created_nanos = ?,"
                        + " updated_seconds = ?, updated_nanos = ? WHERE user_id = ?",
                    verification)
                == 0) {
              writeVerification(
                  "INSERT INTO kyc_verifications (applicant_id, status, reject_type,"
                      + " reject_labels, attempt, created_seconds, created_nanos, updated_seconds,"
                      + " updated_nanos, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  verification);
            }
          });
    }

    private int writeVerification(String sql, KycVerification v) throws SQLException {
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        int i = 0;
        s.setString(++i, v.applicantId());
        i = bindReview(s, i, v.review());
        s.setInt(++i, v.attempt());
        s.setLong(++i, v.createdAt().getEpochSecond());
        s.setInt(++i, v.createdAt().getNano());
        s.setLong(++i, v.updatedAt().getEpochSecond());
        s.setInt(++i, v.updatedAt().getNano());
        s.setString(++i, v.user());
        return s.executeUpdate();
      }
    }

    @Override
    public List<KycStatusChange> history(String user) {
      checkOpen();
      notNull(user, "user");
      return calls.query(
          "reading a KYC history",
          () -> {
            List<KycStatusChange> changes = new ArrayList<>();
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT "
                        + HISTORY_COLUMNS
                        + " FROM kyc_history WHERE user_id = ? ORDER BY seq")) {
              select.setString(1, user);
              try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                  String from = row.getString("from_status");
                  changes.add(
                      new KycStatusChange(
                          row.getString("user_id"),
                          row.getString("applicant_id"),
                          from == null ? null : KycStatus.valueOf(from),
                          review(row, "to_status"),
                          row.getInt("attempt"),
                          KycChangeCause.valueOf(row.getString("cause")),
                          row.getString("event_key"),
                          instant(row, "at")));
                }
              }
            }
            return List.copyOf(changes);
          });
    }

    @Override
    public void appendChange(KycStatusChange change) {
      checkWritable();
      notNull(change, "change");
      calls.update(
          "appending to a KYC history",
          () -> {
            long seq;
            try (PreparedStatement next =
                connection.prepareStatement(
                    "SELECT COALESCE(MAX(seq), 0) + 1 FROM kyc_history WHERE user_id = ?")) {
              next.setString(1, change.user());
              try (ResultSet row = next.executeQuery()) {
                row.next();
                seq = row.getLong(1);
              }
            }
            try (PreparedStatement s =
                connection.prepareStatement(
                    "INSERT INTO kyc_history ("
                        + HISTORY_COLUMNS
                        + ", seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
              int i = 0;
              s.setString(++i, change.user());
              s.setString(++i, change.applicantId());
              KycStatus from = change.from();
              text(s, ++i, from == null ? null : from.name());
              i = bindReview(s, i, change.review());
              s.setInt(++i, change.attempt());
              s.setString(++i, change.cause().name());
              text(s, ++i, change.eventKey());
              s.setLong(++i, change.at().getEpochSecond());
              s.setInt(++i, change.at().getNano());
              s.setLong(++i, seq);
              s.executeUpdate();
            }
          });
    }

    @Override
    public Optional<KycReceivedWebhook> webhook(String eventKey) {
      checkOpen();
      notNull(eventKey, "eventKey");
      return calls.query(
          "reading a KYC webhook",
          () -> {
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT " + WEBHOOK_COLUMNS + " FROM kyc_webhooks WHERE event_key = ?")) {
              select.setString(1, eventKey);
              try (ResultSet row = select.executeQuery()) {
                return row.next()
                    ? Optional.of(webhook(row))
                    : Optional.<KycReceivedWebhook>empty();
              }
            }
          });
    }

    @Override
    public List<KycReceivedWebhook> webhooks(String applicantId) {
      checkOpen();
      notNull(applicantId, "applicantId");
      return webhooksWhere("applicant_id", applicantId, "reading KYC webhooks");
    }

    @Override
    public List<KycReceivedWebhook> webhooksWithOutcome(KycUpdateCode outcome) {
      checkOpen();
      notNull(outcome, "outcome");
      // no index on outcome: an operator's listing, over a table of a few rows per user
      return webhooksWhere("outcome", outcome.name(), "reading KYC webhooks by outcome");
    }

    /** The webhooks whose {@code column} (one of this class's, never input) is {@code value}. */
    private List<KycReceivedWebhook> webhooksWhere(String column, String value, String what) {
      return calls.query(
          what,
          () -> {
            List<KycReceivedWebhook> webhooks = new ArrayList<>();
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT "
                        + WEBHOOK_COLUMNS
                        + " FROM kyc_webhooks WHERE "
                        + column
                        + " = ? ORDER BY seq")) {
              select.setString(1, value);
              try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                  webhooks.add(webhook(row));
                }
              }
            }
            return List.copyOf(webhooks);
          });
    }

    private static KycReceivedWebhook webhook(ResultSet row) throws SQLException {
      String status = row.getString("review_status");
      return new KycReceivedWebhook(
          new KycWebhookEvent(
              row.getString("event_key"),
              KycEventType.valueOf(row.getString("event_type")),
              row.getString("provider_type"),
              row.getString("applicant_id"),
              row.getString("user_id"),
              status == null ? null : review(row, "review_status")),
          row.getBytes("body"),
          instant(row, "received"),
          KycUpdateCode.valueOf(row.getString("outcome")));
    }

    @Override
    public void addWebhook(KycReceivedWebhook webhook) {
      checkWritable();
      notNull(webhook, "webhook");
      calls.update(
          "keeping a KYC webhook",
          () -> {
            long seq;
            try (PreparedStatement next =
                    connection.prepareStatement(
                        "SELECT COALESCE(MAX(seq), 0) + 1 FROM kyc_webhooks");
                ResultSet row = next.executeQuery()) {
              row.next();
              seq = row.getLong(1);
            }
            KycWebhookEvent event = webhook.event();
            try (PreparedStatement s =
                connection.prepareStatement(
                    "INSERT INTO kyc_webhooks ("
                        + WEBHOOK_COLUMNS
                        + ", seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
              int i = 0;
              s.setString(++i, event.eventKey());
              s.setString(++i, event.type().name());
              s.setString(++i, event.providerType());
              s.setString(++i, event.applicantId());
              text(s, ++i, event.userId());
              KycReview review = event.review();
              if (review == null) {
                text(s, ++i, null);
                text(s, ++i, null);
                text(s, ++i, null);
              } else {
                i = bindReview(s, i, review);
              }
              s.setBytes(++i, webhook.body());
              s.setLong(++i, webhook.receivedAt().getEpochSecond());
              s.setInt(++i, webhook.receivedAt().getNano());
              s.setString(++i, webhook.outcome().name());
              s.setLong(++i, seq);
              s.executeUpdate();
            }
          });
    }

    /** Binds a review's status, reject type and labels after index {@code i}; returns the last. */
    private static int bindReview(PreparedStatement s, int i, KycReview review)
        throws SQLException {
      s.setString(++i, review.status().name());
      KycRejectType type = review.rejectType();
      text(s, ++i, type == null ? null : type.name());
      s.setString(++i, LabelText.encode(review.rejectLabels()));
      return i;
    }

    /** Reads the review whose status is in {@code statusColumn}. */
    private static KycReview review(ResultSet row, String statusColumn) throws SQLException {
      String type = row.getString("reject_type");
      String labels = row.getString("reject_labels");
      return new KycReview(
          KycStatus.valueOf(row.getString(statusColumn)),
          type == null ? null : KycRejectType.valueOf(type),
          labels == null ? List.of() : LabelText.decode(labels));
    }

    private void checkOpen() {
      if (closed || Thread.currentThread() != owner) {
        throw new IllegalStateException(
            "a KYC book is only valid during its store call, on its thread");
      }
    }

    private void checkWritable() {
      checkOpen();
      if (!write) {
        throw new IllegalStateException("a KycStore.read book does not write: use inTransaction");
      }
    }
  }

  private static void notNull(@Nullable Object value, String what) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
  }
}
