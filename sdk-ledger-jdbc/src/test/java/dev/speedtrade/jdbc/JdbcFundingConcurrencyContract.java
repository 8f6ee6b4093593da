package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.funding.DepositEventType;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.SettlementCalendar;
import dev.speedtrade.funding.UserFunds;
import dev.speedtrade.funding.Withdrawal;
import dev.speedtrade.funding.WithdrawalResult;
import dev.speedtrade.funding.WithdrawalStatus;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.TransferIds;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The funding service on the JDBC ledger and the JDBC funding store, sharing one database: sixteen
 * threads withdrawing at once from one user, through one host or two (each its own pool, ledger,
 * store and service, sharing nothing but the database), never overdraw. A subclass supplies the
 * database.
 */
abstract class JdbcFundingConcurrencyContract {
  /** 2026-03-02 10:00 in New York, a Monday. */
  static final Instant MONDAY = Instant.parse("2026-03-02T15:00:00Z");

  static final int THREADS = 16;
  static final int PER_THREAD = 10;

  /**
   * Each call of the service holds one connection for its records and takes another for the ledger;
   * the store queues its own calls before they take one, so two suffice; a few spare.
   */
  static final int POOL_SIZE = 4;

  private static final Destination CARD = Destination.card("4242");

  private final Clock clock = Clock.fixed(MONDAY, ZoneOffset.UTC);

  /**
   * Returns a new, empty, migrated database through its first host's pool of {@link #POOL_SIZE}
   * connections; {@link #anotherHost()} then opens another pool on the same database.
   */
  protected abstract DataSource database();

  /** Returns another pool of {@link #POOL_SIZE} connections on the last {@link #database()}. */
  protected abstract DataSource anotherHost();

  /** One host: its own ledger, store and service on {@code pool}. */
  private FundingService host(DataSource pool) {
    InMemoryMarket market = new InMemoryMarket(true);
    market.put(new Instrument("SPY", AssetClass.US_EQUITY, true, true, false, d("500.00")));
    return FundingService.builder()
        .ledger(JdbcLedger.builder(pool).clock(clock).build())
        .store(new JdbcFundingStore(pool))
        .market(market)
        .clock(clock)
        .calendar(SettlementCalendar.weekdaysExcept(Set.of()))
        .build();
  }

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  /** Opens dan and credits 1000.00 through a deposit and its provider's completion. */
  private static void fund(FundingService funding) {
    assertThat(funding.openUser("dan", KycStatus.APPROVED, null)).isTrue();
    assertThat(funding.createDeposit("dan", "d1", d("1000.00")).code()).isEqualTo(FundingCode.OK);
    assertThat(funding.applyDepositEvent("e1", "d1", DepositEventType.COMPLETED, null).code())
        .isEqualTo(FundingCode.OK);
    assertThat(funding.funds("dan").orElseThrow().withdrawable()).isEqualByComparingTo("1000.00");
  }

  @Test
  void sixteenThreadsWithdrawingFromOneUserNeverOverdraw() throws Exception {
    DataSource pool = database();
    FundingService funding = host(pool);
    fund(funding);

    List<WithdrawalResult> results = race(List.of(funding));

    assertNoOverdraw(funding, pool, results);
  }

  @Test
  void twoHostsWithdrawingFromOneUserNeverOverdraw() throws Exception {
    DataSource poolA = database();
    FundingService a = host(poolA);
    FundingService b = host(anotherHost());
    fund(a);
    assertThat(b.openUser("dan", KycStatus.APPROVED, null)).as("b finds a's user").isFalse();

    List<WithdrawalResult> results = race(List.of(a, b));

    assertNoOverdraw(a, poolA, results);
    assertThat(b.funds("dan").orElseThrow()).isEqualTo(a.funds("dan").orElseThrow());
    assertThat(b.withdrawals()).isEqualTo(a.withdrawals());
  }

  /**
   * {@value #THREADS} threads, started together, each asking {@value #PER_THREAD} instant
   * withdrawals of 20.00 with ids of their own (3200.00 in all, more than three times the cash),
   * through the hosts in turn.
   */
  private static List<WithdrawalResult> race(List<FundingService> hosts) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<List<WithdrawalResult>>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        FundingService mine = hosts.get(t % hosts.size());
        int me = t;
        done.add(
            threads.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  List<WithdrawalResult> mineDone = new ArrayList<>();
                  for (int i = 0; i < PER_THREAD; i++) {
                    mineDone.add(mine.withdrawInstant("dan", "w" + me + "-" + i, d("20.00"), CARD));
                  }
                  return mineDone;
                }));
      }
      List<WithdrawalResult> results = new ArrayList<>();
      for (Future<List<WithdrawalResult>> future : done) {
        results.addAll(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }

  private static void assertNoOverdraw(
      FundingService funding, DataSource pool, List<WithdrawalResult> results) {
    assertThat(results).hasSize(THREADS * PER_THREAD);
    List<Withdrawal> accepted = new ArrayList<>();
    for (WithdrawalResult r : results) {
      if (r.isOk()) {
        accepted.add(r.withdrawal());
      } else {
        assertThat(r.code()).isEqualTo(FundingCode.INSUFFICIENT_FUNDS);
      }
    }
    BigDecimal taken = BigDecimal.ZERO;
    for (Withdrawal w : accepted) {
      taken = taken.add(w.amount());
    }
    // each takes 20.00 of cash (19.00 net + 1.00 fee): exactly 50 fit in 1000.00
    assertThat(taken).isLessThanOrEqualTo(d("1000.00")).isEqualByComparingTo("1000.00");
    assertThat(accepted).hasSize(50);

    UserFunds funds = funding.funds("dan").orElseThrow();
    assertThat(funds.cash()).isEqualByComparingTo("1000.00");
    assertThat(funds.held()).isEqualByComparingTo("1000.00");
    assertThat(funds.withdrawable()).isEqualByComparingTo("0.00");

    JdbcLedger ledger = JdbcLedger.builder(pool).build();
    AccountBalances cash = ledger.balances(ClientLedgerAccounts.cash("dan")).orElseThrow();
    assertThat(cash.creditsPosted()).isEqualTo(100_000);
    assertThat(cash.debitsPosted()).isZero();
    assertThat(cash.debitsPending()).isEqualTo(100_000);
    assertThat(ledger.balances(ClientLedgerAccounts.PAYOUTS).orElseThrow().creditsPending())
        .isEqualTo(50 * 19_00);
    assertThat(ledger.balances(ClientLedgerAccounts.FEES).orElseThrow().creditsPending())
        .isEqualTo(50 * 1_00);
    assertThat(trialBalance(pool)).containsExactly(0, 0);

    // Every accepted withdrawal is recorded PROCESSING with both its holds pending; no refused one
    // is recorded.
    assertThat(funding.withdrawals())
        .extracting(Withdrawal::id)
        .containsExactlyInAnyOrderElementsOf(accepted.stream().map(Withdrawal::id).toList());
    for (Withdrawal w : accepted) {
      assertThat(funding.withdrawal(w.id()).orElseThrow())
          .satisfies(
              kept -> {
                assertThat(kept.status()).isEqualTo(WithdrawalStatus.PROCESSING);
                assertThat(kept.amount()).hasToString("20.00");
                assertThat(kept.fee()).hasToString("1.00");
                assertThat(kept.destination().masked()).isEqualTo("card:****4242");
              });
      for (String part : List.of("net", "fee")) {
        assertThat(ledger.pendingStatus(TransferIds.derive("fund", "wd", w.id(), part)))
            .contains(PendingStatus.PENDING);
      }
    }
  }

  /** {debits posted - credits posted, debits pending - credits pending} over every account. */
  private static long[] trialBalance(DataSource pool) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT COALESCE(SUM(debits_posted - credits_posted), 0),"
                    + " COALESCE(SUM(debits_pending - credits_pending), 0) FROM ledger_accounts")) {
      row.next();
      return new long[] {row.getLong(1), row.getLong(2)};
    } catch (SQLException e) {
      throw new IllegalStateException("reading the trial balance failed", e);
    }
  }
}
