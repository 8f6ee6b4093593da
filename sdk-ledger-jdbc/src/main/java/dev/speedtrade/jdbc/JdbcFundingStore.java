package dev.speedtrade.jdbc;

import static dev.speedtrade.jdbc.Columns.instant;
import static dev.speedtrade.jdbc.Columns.text;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.Deposit;
import dev.speedtrade.funding.DepositSession;
import dev.speedtrade.funding.DepositStatus;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.FundingUser;
import dev.speedtrade.funding.InvestOrder;
import dev.speedtrade.funding.InvestOrderStatus;
import dev.speedtrade.funding.Investment;
import dev.speedtrade.funding.Refund;
import dev.speedtrade.funding.RefundReceipt;
import dev.speedtrade.funding.Sale;
import dev.speedtrade.funding.UnmatchedEvent;
import dev.speedtrade.funding.Withdrawal;
import dev.speedtrade.funding.WithdrawalKind;
import dev.speedtrade.funding.WithdrawalStatus;
import dev.speedtrade.funding.spi.FundingBook;
import dev.speedtrade.funding.spi.FundingStore;
import dev.speedtrade.kyc.KycStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FundingStore} in the {@code funding_*} tables of {@code V7__funding.sql} (refunds in
 * {@code V10__funding_refunds.sql}; see {@link SpeedTradeSchema}), for any number of hosts sharing
 * one database.
 *
 * <pre>{@code
 * SpeedTradeSchema.migrate(pool);                 // once per start, safe from several hosts
 * FundingService funding = FundingService.builder()
 *     .ledger(JdbcLedger.builder(pool).clock(clock).build())
 *     .store(new JdbcFundingStore(pool))
 *     ...
 *     .build();
 * }</pre>
 *
 * <p><b>Serialization.</b> Each {@link #inTransaction} call is one transaction on one connection
 * that first locks the one row of {@code funding_lock} ({@code SELECT ... FOR UPDATE}) and holds
 * the lock until it commits: calls are serialized across every JVM sharing the database, and each
 * sees what every earlier one committed (READ COMMITTED, the default of H2 and PostgreSQL,
 * suffices: every funding row is only written under that lock). Within one store instance, calls
 * first queue on a fair in-JVM lock, so at most one of them holds a pooled connection at a time:
 * waiting calls hold none, and the call that runs can always get a second one for the ledger. A
 * lock wait the database gives up (H2's lock timeout, a host's PostgreSQL {@code lock_timeout}) is
 * waited again, up to {@value #MAX_LOCK_ATTEMPTS} times, before anything was done. Primary keys
 * back the ids should anything write without the lock: one row per user, deposit, refund,
 * withdrawal, auto-invest, order, provider event id, fill exec id, sale, and (user, symbol)
 * position. A nested call on the same thread joins the outer call's transaction (as a reentrant
 * lock would).
 *
 * <p><b>What is kept.</b> Every field, exactly: decimals as their exact text (scale included),
 * instants as seconds and nanoseconds, a sale's date as a {@code DATE}, a deposit's session as its
 * provider reference and payment URL, an auto-invest's ranked symbols as rows of {@code
 * funding_investment_symbols} by their place. A withdrawal's destination is kept as its type,
 * masked form, fingerprint and token ({@link Destination.Saved}); any other destination (a whole
 * CLABE) is refused with {@link ErrorCode#INVALID_ARGUMENT} before any statement. Lists are sorted
 * in Java by {@link String#compareTo}, as {@link FundingBook} promises, never by the database's
 * collation.
 *
 * <p><b>Failure.</b> When the work throws, the transaction is rolled back (none of its writes are
 * kept) and the exception propagates as it was. When a statement of the book fails, the book method
 * throws a {@link SpeedTradeException} ({@link ErrorCode#INVALID_ARGUMENT} for a value the database
 * refuses, SQLState class 22 or 23: an id longer than 128 characters, say; else {@link
 * ErrorCode#STORE_UNAVAILABLE}), and the call rolls back and throws it even if the work caught it.
 *
 * <p>Thread-safe. The book a call hands out is valid only during that call, on its thread. A call
 * holds one pooled connection for its whole work; the funding service's ledger, on the same pool,
 * takes another meanwhile: size the pool to at least two connections per store instance sharing it.
 */
public final class JdbcFundingStore implements FundingStore {
  /** How many times a lock wait the database gave up is waited again. */
  static final int MAX_LOCK_ATTEMPTS = RowLock.MAX_ATTEMPTS;

  private static final Table USERS =
      new Table("funding_users", "id", List.of("kyc", "instant_daily_limit"));
  private static final Table DEPOSITS =
      new Table(
          "funding_deposits",
          "id",
          List.of(
              "user_id",
              "amount",
              "confirmed_amount",
              "status",
              "created_seconds",
              "created_nanos",
              "updated_seconds",
              "updated_nanos",
              "provider_reference",
              "payment_url"));
  private static final Table WITHDRAWALS =
      new Table(
          "funding_withdrawals",
          "id",
          List.of(
              "user_id",
              "kind",
              "amount",
              "fee",
              "net",
              "status",
              "destination_type",
              "destination_masked",
              "destination_fingerprint",
              "destination_token",
              "reviewed_by",
              "reviewed_seconds",
              "reviewed_nanos",
              "created_seconds",
              "created_nanos",
              "updated_seconds",
              "updated_nanos",
              "payout_reference"));
  private static final Table REFUNDS =
      new Table(
          "funding_refunds",
          "id",
          List.of(
              "deposit_id",
              "user_id",
              "amount",
              "provider_reference",
              "provider_status",
              "created_seconds",
              "created_nanos",
              "updated_seconds",
              "updated_nanos"));
  private static final Table INVESTMENTS =
      new Table("funding_investments", "id", List.of("user_id", "amount"));
  private static final Table INVEST_ORDERS =
      new Table(
          "funding_invest_orders",
          "id",
          List.of("investment_id", "user_id", "symbol", "notional", "status", "filled_amount"));
  private static final Table UNMATCHED =
      new Table(
          "funding_unmatched_events",
          "event_id",
          List.of(
              "subject",
              "subject_id",
              "event_type",
              "amount",
              "received_seconds",
              "received_nanos"));
  private static final Table SALES =
      new Table("funding_sales", "exec_id", List.of("user_id", "amount", "settles_on", "settled"));

  private final DataSource dataSource;

  /** Queues this instance's calls before they take a connection; fair, so none starves. */
  private final ReentrantLock local = new ReentrantLock(true);

  /** The book of the call this thread is in, if any: a nested call joins it. */
  private final ThreadLocal<@Nullable Book> open = new ThreadLocal<>();

  /**
   * Creates the store on {@code dataSource} (a connection pool, ideally), whose database {@link
   * SpeedTradeSchema#migrate} has set up. Connects to nothing until the first call.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null data source
   */
  public JdbcFundingStore(DataSource dataSource) {
    this.dataSource = notNull(dataSource, "dataSource");
  }

  /**
   * {@inheritDoc}
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null work; {@link
   *     ErrorCode#STORE_UNAVAILABLE} when the database fails (or the thread is interrupted while it
   *     waits for its turn), or a book method's failure the work caught; nothing is kept then
   */
  @Override
  public <T> T inTransaction(Function<FundingBook, T> work) {
    notNull(work, "work");
    Book outer = open.get();
    if (outer != null) {
      return work.apply(outer);
    }
    try {
      local.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SpeedTradeException(
          ErrorCode.STORE_UNAVAILABLE, "interrupted while waiting for the funding records");
    }
    try {
      return inDatabaseTransaction(work);
    } finally {
      local.unlock();
    }
  }

  private <T> T inDatabaseTransaction(Function<FundingBook, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean committed = false;
      try {
        connection.setAutoCommit(false);
        lock(connection);
        Book book = new Book(connection);
        open.set(book);
        T result;
        try {
          result = work.apply(book);
        } finally {
          open.remove();
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
          "working on the funding records", e, ErrorCode.INVALID_ARGUMENT);
    }
  }

  /** Locks the one row of {@code funding_lock}, waiting again when the database gives up. */
  private static void lock(Connection connection) throws SQLException {
    RowLock.lockRow(connection, "funding_lock", "V7__funding.sql");
  }

  @Override
  public String toString() {
    return "JdbcFundingStore on " + dataSource.getClass().getSimpleName();
  }

  /**
   * A table whose rows are saved whole by one key column: an UPDATE of every other column, and an
   * INSERT when no row was there (the lock keeps any other call from inserting it meanwhile).
   */
  private record Table(String name, String key, List<String> columns) {
    String update() {
      return "UPDATE "
          + name
          + " SET "
          + String.join(" = ?, ", columns)
          + " = ? WHERE "
          + key
          + " = ?";
    }

    String insert() {
      return "INSERT INTO "
          + name
          + " ("
          + String.join(", ", columns)
          + ", "
          + key
          + ") VALUES ("
          + "?, ".repeat(columns.size())
          + "?)";
    }

    String select() {
      return "SELECT " + key + ", " + String.join(", ", columns) + " FROM " + name;
    }
  }

  /** Binds a row's columns, in the order of its {@link Table#columns}, from parameter 1. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads one record from the current row. */
  @FunctionalInterface
  private interface Reader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** The records on the connection of one {@link #inTransaction} call. */
  private static final class Book implements FundingBook {
    private final Connection connection;
    private final Thread owner = Thread.currentThread();
    boolean closed;
    final SqlCalls calls;

    Book(Connection connection) {
      this.connection = connection;
      this.calls = new SqlCalls("");
    }

    // ---------------------------------------------------------------- users

    @Override
    public Optional<FundingUser> user(String id) {
      checkOpen();
      notNull(id, "id");
      return calls.query(
          "reading a user", () -> one(USERS.select() + " WHERE id = ?", Book::user, id));
    }

    @Override
    public void putUser(FundingUser user) {
      checkOpen();
      notNull(user, "user");
      calls.update(
          "saving user '" + user.id() + "'",
          () ->
              save(
                  USERS,
                  user.id(),
                  s -> {
                    s.setString(1, user.kyc().name());
                    ExactDecimal.bind(s, 2, user.instantDailyLimit());
                  }));
    }

    @Override
    public List<FundingUser> users() {
      checkOpen();
      return calls.query(
          "reading the users", () -> sorted(all(USERS.select(), Book::user), FundingUser::id));
    }

    private static FundingUser user(ResultSet row) throws SQLException {
      return new FundingUser(
          row.getString("id"),
          KycStatus.valueOf(row.getString("kyc")),
          ExactDecimal.read(row, "instant_daily_limit"));
    }

    // ---------------------------------------------------------------- deposits

    @Override
    public Optional<Deposit> deposit(String id) {
      checkOpen();
      notNull(id, "id");
      return calls.query(
          "reading a deposit", () -> one(DEPOSITS.select() + " WHERE id = ?", Book::deposit, id));
    }

    @Override
    public void putDeposit(Deposit deposit) {
      checkOpen();
      notNull(deposit, "deposit");
      DepositSession session = deposit.session();
      calls.update(
          "saving deposit '" + deposit.id() + "'",
          () ->
              save(
                  DEPOSITS,
                  deposit.id(),
                  s -> {
                    s.setString(1, deposit.user());
                    ExactDecimal.bind(s, 2, deposit.amount());
                    ExactDecimal.bind(s, 3, deposit.confirmedAmount());
                    s.setString(4, deposit.status().name());
                    instant(s, 5, deposit.createdAt());
                    instant(s, 7, deposit.updatedAt());
                    text(s, 9, session == null ? null : session.providerReference());
                    text(s, 10, session == null ? null : session.paymentUrl().toString());
                  }));
    }

    @Override
    public List<Deposit> deposits() {
      checkOpen();
      return calls.query(
          "reading the deposits", () -> sorted(all(DEPOSITS.select(), Book::deposit), Deposit::id));
    }

    private static Deposit deposit(ResultSet row) throws SQLException {
      String reference = row.getString("provider_reference");
      String url = row.getString("payment_url");
      return new Deposit(
          row.getString("id"),
          row.getString("user_id"),
          ExactDecimal.require(row, "amount"),
          ExactDecimal.read(row, "confirmed_amount"),
          DepositStatus.valueOf(row.getString("status")),
          instant(row, "created"),
          instant(row, "updated"),
          reference == null || url == null ? null : new DepositSession(reference, URI.create(url)));
    }

    // ---------------------------------------------------------------- refunds

    @Override
    public Optional<Refund> refund(String id) {
      checkOpen();
      notNull(id, "id");
      return calls.query(
          "reading a refund", () -> one(REFUNDS.select() + " WHERE id = ?", Book::refund, id));
    }

    @Override
    public void putRefund(Refund refund) {
      checkOpen();
      notNull(refund, "refund");
      RefundReceipt.Status status = refund.providerStatus();
      calls.update(
          "saving refund '" + refund.id() + "'",
          () ->
              save(
                  REFUNDS,
                  refund.id(),
                  s -> {
                    s.setString(1, refund.depositId());
                    s.setString(2, refund.user());
                    ExactDecimal.bind(s, 3, refund.amount());
                    text(s, 4, refund.providerReference());
                    text(s, 5, status == null ? null : status.name());
                    instant(s, 6, refund.createdAt());
                    instant(s, 8, refund.updatedAt());
                  }));
    }

    @Override
    public List<Refund> refundsOf(String depositId) {
      checkOpen();
      notNull(depositId, "depositId");
      return calls.query(
          "reading the refunds of deposit '" + depositId + "'",
          () ->
              sorted(
                  all(REFUNDS.select() + " WHERE deposit_id = ?", Book::refund, depositId),
                  Refund::id));
    }

    private static Refund refund(ResultSet row) throws SQLException {
      String status = row.getString("provider_status");
      return new Refund(
          row.getString("id"),
          row.getString("deposit_id"),
          row.getString("user_id"),
          ExactDecimal.require(row, "amount"),
          row.getString("provider_reference"),
          status == null ? null : RefundReceipt.Status.valueOf(status),
          instant(row, "created"),
          instant(row, "updated"));
    }

    // ---------------------------------------------------------------- withdrawals

    @Override
    public Optional<Withdrawal> withdrawal(String id) {
      checkOpen();
      notNull(id, "id");
      return calls.query(
          "reading a withdrawal",
          () -> one(WITHDRAWALS.select() + " WHERE id = ?", Book::withdrawal, id));
    }

    @Override
    public void putWithdrawal(Withdrawal withdrawal) {
      checkOpen();
      notNull(withdrawal, "withdrawal");
      if (!(withdrawal.destination() instanceof Destination.Saved saved)) {
        // Refused before any statement, so the transaction stays sound; the type, never the number.
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "withdrawal "
                + withdrawal.id()
                + "'s destination must be saved (masked, with a fingerprint), not "
                + withdrawal.destination().type());
      }
      Instant reviewedAt = withdrawal.reviewedAt();
      calls.update(
          "saving withdrawal '" + withdrawal.id() + "'",
          () ->
              save(
                  WITHDRAWALS,
                  withdrawal.id(),
                  s -> {
                    s.setString(1, withdrawal.user());
                    s.setString(2, withdrawal.kind().name());
                    ExactDecimal.bind(s, 3, withdrawal.amount());
                    ExactDecimal.bind(s, 4, withdrawal.fee());
                    ExactDecimal.bind(s, 5, withdrawal.net());
                    s.setString(6, withdrawal.status().name());
                    s.setString(7, saved.type());
                    s.setString(8, saved.masked());
                    s.setString(9, saved.fingerprint());
                    text(s, 10, saved.token());
                    text(s, 11, withdrawal.reviewedBy());
                    if (reviewedAt == null) {
                      s.setNull(12, Types.BIGINT);
                      s.setNull(13, Types.INTEGER);
                    } else {
                      instant(s, 12, reviewedAt);
                    }
                    instant(s, 14, withdrawal.createdAt());
                    instant(s, 16, withdrawal.updatedAt());
                    text(s, 18, withdrawal.payoutReference());
                  }));
    }

    @Override
    public List<Withdrawal> withdrawals() {
      checkOpen();
      return calls.query(
          "reading the withdrawals",
          () -> sorted(all(WITHDRAWALS.select(), Book::withdrawal), Withdrawal::id));
    }

    @Override
    public List<Withdrawal> withdrawalsOf(String user, Instant createdFrom) {
      checkOpen();
      notNull(user, "user");
      notNull(createdFrom, "createdFrom");
      return calls.query(
          "reading the recent withdrawals of '" + user + "'",
          () -> {
            List<Withdrawal> found = new ArrayList<>();
            try (PreparedStatement select =
                connection.prepareStatement(
                    WITHDRAWALS.select() + " WHERE user_id = ? AND created_seconds >= ?")) {
              select.setString(1, user);
              select.setLong(2, createdFrom.getEpochSecond());
              try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                  Withdrawal w = withdrawal(rows);
                  if (!w.createdAt().isBefore(createdFrom)) {
                    found.add(w);
                  }
                }
              }
            }
            return sorted(found, Withdrawal::id);
          });
    }

    @Override
    public List<Withdrawal> withdrawalsOf(String user) {
      checkOpen();
      notNull(user, "user");
      return calls.query(
          "reading the withdrawals of '" + user + "'",
          () ->
              sorted(
                  all(WITHDRAWALS.select() + " WHERE user_id = ?", Book::withdrawal, user),
                  Withdrawal::id));
    }

    private static Withdrawal withdrawal(ResultSet row) throws SQLException {
      long reviewedSeconds = row.getLong("reviewed_seconds");
      Instant reviewedAt =
          row.wasNull()
              ? null
              : Instant.ofEpochSecond(reviewedSeconds, row.getInt("reviewed_nanos"));
      return new Withdrawal(
          row.getString("id"),
          row.getString("user_id"),
          WithdrawalKind.valueOf(row.getString("kind")),
          ExactDecimal.require(row, "amount"),
          ExactDecimal.require(row, "fee"),
          ExactDecimal.require(row, "net"),
          WithdrawalStatus.valueOf(row.getString("status")),
          new Destination.Saved(
              row.getString("destination_type"),
              row.getString("destination_masked"),
              row.getString("destination_fingerprint"),
              row.getString("destination_token")),
          row.getString("reviewed_by"),
          reviewedAt,
          instant(row, "created"),
          instant(row, "updated"),
          row.getString("payout_reference"));
    }

    // ---------------------------------------------------------------- auto-invest

    @Override
    public Optional<Investment> investment(String id) {
      checkOpen();
      notNull(id, "id");
      return calls.query(
          "reading an auto-invest",
          () -> {
            Optional<Investment> bare =
                one(
                    INVESTMENTS.select() + " WHERE id = ?",
                    row ->
                        new Investment(
                            row.getString("id"),
                            row.getString("user_id"),
                            ExactDecimal.require(row, "amount"),
                            List.of()),
                    id);
            if (bare.isEmpty()) {
              return bare;
            }
            List<String> ranked =
                all(
                    "SELECT symbol FROM funding_investment_symbols WHERE investment_id = ?"
                        + " ORDER BY position",
                    row -> row.getString(1),
                    id);
            Investment i = bare.get();
            return Optional.of(new Investment(i.id(), i.user(), i.amount(), ranked));
          });
    }

    @Override
    public void putInvestment(Investment investment) {
      checkOpen();
      notNull(investment, "investment");
      calls.update(
          "saving auto-invest '" + investment.id() + "'",
          () -> {
            save(
                INVESTMENTS,
                investment.id(),
                s -> {
                  s.setString(1, investment.user());
                  ExactDecimal.bind(s, 2, investment.amount());
                });
            try (PreparedStatement delete =
                connection.prepareStatement(
                    "DELETE FROM funding_investment_symbols WHERE investment_id = ?")) {
              delete.setString(1, investment.id());
              delete.executeUpdate();
            }
            if (!investment.ranked().isEmpty()) {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO funding_investment_symbols (investment_id, position, symbol)"
                          + " VALUES (?, ?, ?)")) {
                List<String> ranked = investment.ranked();
                for (int i = 0; i < ranked.size(); i++) {
                  insert.setString(1, investment.id());
                  insert.setInt(2, i);
                  insert.setString(3, ranked.get(i));
                  insert.addBatch();
                }
                insert.executeBatch();
              }
            }
          });
    }

    @Override
    public Optional<InvestOrder> investOrder(String id) {
      checkOpen();
      notNull(id, "id");
      return calls.query(
          "reading an auto-invest order",
          () -> one(INVEST_ORDERS.select() + " WHERE id = ?", Book::investOrder, id));
    }

    @Override
    public void putInvestOrder(InvestOrder order) {
      checkOpen();
      notNull(order, "order");
      calls.update(
          "saving auto-invest order '" + order.id() + "'",
          () ->
              save(
                  INVEST_ORDERS,
                  order.id(),
                  s -> {
                    s.setString(1, order.investId());
                    s.setString(2, order.user());
                    s.setString(3, order.symbol());
                    ExactDecimal.bind(s, 4, order.notional());
                    s.setString(5, order.status().name());
                    ExactDecimal.bind(s, 6, order.filledAmount());
                  }));
    }

    @Override
    public List<InvestOrder> investOrders() {
      checkOpen();
      return calls.query(
          "reading the auto-invest orders",
          () -> sorted(all(INVEST_ORDERS.select(), Book::investOrder), InvestOrder::id));
    }

    private static InvestOrder investOrder(ResultSet row) throws SQLException {
      return new InvestOrder(
          row.getString("id"),
          row.getString("investment_id"),
          row.getString("user_id"),
          row.getString("symbol"),
          ExactDecimal.require(row, "notional"),
          InvestOrderStatus.valueOf(row.getString("status")),
          ExactDecimal.require(row, "filled_amount"));
    }

    // ---------------------------------------------------------------- events and fills

    @Override
    public boolean hasEvent(String eventId) {
      checkOpen();
      notNull(eventId, "eventId");
      return calls.query(
          "looking up a provider event",
          () -> exists("SELECT event_id FROM funding_events WHERE event_id = ?", eventId));
    }

    @Override
    public void recordEvent(String eventId) {
      checkOpen();
      notNull(eventId, "eventId");
      calls.update(
          "recording provider event '" + eventId + "'",
          () ->
              insertOnce(
                  "SELECT event_id FROM funding_events WHERE event_id = ?",
                  "INSERT INTO funding_events (event_id) VALUES (?)",
                  eventId));
    }

    @Override
    public void putUnmatchedEvent(UnmatchedEvent event) {
      checkOpen();
      notNull(event, "event");
      calls.update(
          "keeping unmatched provider event '" + event.eventId() + "'",
          () ->
              save(
                  UNMATCHED,
                  event.eventId(),
                  s -> {
                    s.setString(1, event.subject().name());
                    s.setString(2, event.subjectId());
                    s.setString(3, event.type());
                    ExactDecimal.bind(s, 4, event.amount());
                    instant(s, 5, event.receivedAt());
                  }));
    }

    @Override
    public List<UnmatchedEvent> unmatchedEvents() {
      checkOpen();
      return calls.query(
          "reading the unmatched provider events",
          () -> sorted(all(UNMATCHED.select(), Book::unmatchedEvent), UnmatchedEvent::eventId));
    }

    private static UnmatchedEvent unmatchedEvent(ResultSet row) throws SQLException {
      return new UnmatchedEvent(
          row.getString("event_id"),
          UnmatchedEvent.Subject.valueOf(row.getString("subject")),
          row.getString("subject_id"),
          row.getString("event_type"),
          ExactDecimal.read(row, "amount"),
          instant(row, "received"));
    }

    @Override
    public boolean hasFill(String execId) {
      checkOpen();
      notNull(execId, "execId");
      return calls.query(
          "looking up a fill",
          () -> exists("SELECT exec_id FROM funding_fills WHERE exec_id = ?", execId));
    }

    @Override
    public void recordFill(String execId) {
      checkOpen();
      notNull(execId, "execId");
      calls.update(
          "recording fill '" + execId + "'",
          () ->
              insertOnce(
                  "SELECT exec_id FROM funding_fills WHERE exec_id = ?",
                  "INSERT INTO funding_fills (exec_id) VALUES (?)",
                  execId));
    }

    // ---------------------------------------------------------------- sales and positions

    @Override
    public void putSale(Sale sale) {
      checkOpen();
      notNull(sale, "sale");
      calls.update(
          "saving sale '" + sale.execId() + "'",
          () ->
              save(
                  SALES,
                  sale.execId(),
                  s -> {
                    s.setString(1, sale.user());
                    ExactDecimal.bind(s, 2, sale.amount());
                    s.setObject(3, sale.settlesOn());
                    s.setBoolean(4, sale.settled());
                  }));
    }

    @Override
    public List<Sale> unsettledSales() {
      checkOpen();
      return calls.query(
          "reading the unsettled sales",
          () ->
              sorted(
                  all(
                      SALES.select() + " WHERE settled = FALSE",
                      row ->
                          new Sale(
                              row.getString("exec_id"),
                              row.getString("user_id"),
                              ExactDecimal.require(row, "amount"),
                              date(row, "settles_on"),
                              row.getBoolean("settled"))),
                  Sale::execId));
    }

    @Override
    public Map<String, BigDecimal> positionsOf(String user) {
      checkOpen();
      notNull(user, "user");
      return calls.query(
          "reading the positions of '" + user + "'",
          () -> {
            Map<String, BigDecimal> positions = new TreeMap<>();
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT symbol, qty FROM funding_positions WHERE user_id = ?")) {
              select.setString(1, user);
              try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                  positions.put(row.getString("symbol"), ExactDecimal.require(row, "qty"));
                }
              }
            }
            return Collections.unmodifiableMap(positions);
          });
    }

    @Override
    public void putPosition(String user, String symbol, BigDecimal qty) {
      checkOpen();
      notNull(user, "user");
      notNull(symbol, "symbol");
      notNull(qty, "qty");
      calls.update(
          "saving the position of '" + user + "' in '" + symbol + "'",
          () -> {
            int updated;
            try (PreparedStatement s =
                connection.prepareStatement(
                    "UPDATE funding_positions SET qty = ? WHERE user_id = ? AND symbol = ?")) {
              ExactDecimal.bind(s, 1, qty);
              s.setString(2, user);
              s.setString(3, symbol);
              updated = s.executeUpdate();
            }
            if (updated == 0) {
              try (PreparedStatement s =
                  connection.prepareStatement(
                      "INSERT INTO funding_positions (qty, user_id, symbol) VALUES (?, ?, ?)")) {
                ExactDecimal.bind(s, 1, qty);
                s.setString(2, user);
                s.setString(3, symbol);
                s.executeUpdate();
              }
            }
          });
    }

    @Override
    public List<String> usersWithPositions() {
      checkOpen();
      return calls.query(
          "reading the users with positions",
          () ->
              sorted(
                  all("SELECT DISTINCT user_id FROM funding_positions", row -> row.getString(1)),
                  Function.identity()));
    }

    // ---------------------------------------------------------------- statements

    private void save(Table table, String key, Binder values) throws SQLException {
      int updated;
      try (PreparedStatement s = connection.prepareStatement(table.update())) {
        values.bind(s);
        s.setString(table.columns().size() + 1, key);
        updated = s.executeUpdate();
      }
      if (updated == 0) {
        try (PreparedStatement s = connection.prepareStatement(table.insert())) {
          values.bind(s);
          s.setString(table.columns().size() + 1, key);
          s.executeUpdate();
        }
      }
    }

    private <T> Optional<T> one(String sql, Reader<T> reader, String key) throws SQLException {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, key);
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(reader.read(row)) : Optional.empty();
        }
      }
    }

    private <T> List<T> all(String sql, Reader<T> reader, String... keys) throws SQLException {
      List<T> records = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        for (int i = 0; i < keys.length; i++) {
          select.setString(i + 1, keys[i]);
        }
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            records.add(reader.read(row));
          }
        }
      }
      return records;
    }

    private boolean exists(String sql, String key) throws SQLException {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        select.setString(1, key);
        try (ResultSet row = select.executeQuery()) {
          return row.next();
        }
      }
    }

    /** Inserts a one-column row unless it is there (the lock keeps others from inserting it). */
    private void insertOnce(String select, String insert, String key) throws SQLException {
      if (exists(select, key)) {
        return;
      }
      try (PreparedStatement s = connection.prepareStatement(insert)) {
        s.setString(1, key);
        s.executeUpdate();
      }
    }

    private void checkOpen() {
      if (closed || Thread.currentThread() != owner) {
        throw new IllegalStateException(
            "a funding book is only valid during its inTransaction call, on its thread");
      }
    }
  }

  private static <T> List<T> sorted(List<T> records, Function<T, String> id) {
    records.sort(Comparator.comparing(id));
    return List.copyOf(records);
  }

  private static LocalDate date(ResultSet row, String column) throws SQLException {
    LocalDate date = row.getObject(column, LocalDate.class);
    if (date == null) {
      throw new SQLException("column " + column + " is NULL", "22004");
    }
    return date;
  }

  private static <T> T notNull(@Nullable T value, String what) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
    return value;
  }
}
