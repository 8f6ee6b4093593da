package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link FundingStore} and the {@link FundingBook} it hands out, as JUnit 5 tests.
 * An implementation extends this class and returns a fresh, empty store from {@link #newStore()};
 * every test gets a new one.
 *
 * <pre>{@code
 * class MyFundingStoreTest extends FundingStoreContract {
 *   protected FundingStore newStore() { return new MyFundingStore(freshDatabase()); }
 * }
 * }</pre>
 *
 * <p>What every store keeps: every field of what it is given, exactly ({@link BigDecimal}s with
 * their scale, {@link Instant}s to the nanosecond, absent values absent); the sort orders the SPI's
 * Javadoc promises ({@link String#compareTo}, whatever a database's collation says); a work's reads
 * see its own writes; calls serialized (no lost update from 16 threads). A store that runs each
 * call in a transaction ({@link #discardsWritesOfAFailedWork()}) keeps none of the writes of a work
 * that throws. A store whose records several instances share (hosts on one database) returns a
 * second instance from {@link #secondStore}: the two see each other's writes and their calls are
 * serialized with each other.
 */
public abstract class FundingStoreContract {
  private static final Instant T0 = Instant.parse("2026-03-02T15:00:00.123456789Z");

  /** Creates the contract; subclasses supply the store. */
  protected FundingStoreContract() {}

  /** Returns an empty store. */
  protected abstract FundingStore newStore();

  /**
   * Returns true when the store keeps none of the writes of a work that throws; false for one that
   * keeps them, as {@link dev.speedtrade.funding.spi.InMemoryFundingStore} documents. True unless
   * overridden.
   */
  protected boolean discardsWritesOfAFailedWork() {
    return true;
  }

  /**
   * Returns another store on the records of {@code first}, as a second host would open it on the
   * same database. The default returns {@code first} itself, for a store whose records live in the
   * instance (as {@link dev.speedtrade.funding.spi.InMemoryFundingStore}'s do).
   */
  protected FundingStore secondStore(FundingStore first) {
    return first;
  }

  private static void write(FundingStore store, Consumer<FundingBook> work) {
    store.inTransaction(
        book -> {
          work.accept(book);
          return Boolean.TRUE;
        });
  }

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  private static Withdrawal withdrawal(String id, String user, WithdrawalStatus status) {
    return new Withdrawal(
        id,
        user,
        WithdrawalKind.INSTANT,
        d("100.0"),
        d("1.75"),
        d("98.25"),
        status,
        Destination.Saved.of(user, Destination.bank("002010077777777771"), "tok_" + id),
        null,
        null,
        T0,
        T0,
        null);
  }

  @Test
  void usersKeepEveryFieldAndAreListedById() {
    FundingStore store = newStore();

    write(
        store,
        book -> {
          book.putUser(new FundingUser("zed", KycStatus.PENDING, null));
          book.putUser(new FundingUser("amy", KycStatus.APPROVED, d("1000.50")));
        });
    write(store, book -> book.putUser(new FundingUser("zed", KycStatus.REJECTED, d("0.00"))));

    store.inTransaction(
        book -> {
          assertThat(book.users())
              .containsExactly(
                  new FundingUser("amy", KycStatus.APPROVED, d("1000.50")),
                  new FundingUser("zed", KycStatus.REJECTED, d("0.00")));
          assertThat(book.user("amy").orElseThrow().instantDailyLimit()).hasToString("1000.50");
          assertThat(book.user("nobody")).isEmpty();
          return null;
        });
  }

  @Test
  void depositsKeepTheirAmountsScaleAndInstants() {
    FundingStore store = newStore();
    Deposit pending =
        new Deposit(
            "d2",
            "amy",
            d("25.0"),
            null,
            DepositStatus.PENDING,
            T0,
            T0,
            new DepositSession("sess_2", URI.create("https://pay.example/s/2?x=1")));
    Deposit done =
        new Deposit(
            "d1",
            "amy",
            d("1000.00"),
            d("990.5"),
            DepositStatus.COMPLETED,
            T0,
            T0.plusNanos(1),
            null);

    write(
        store,
        book -> {
          book.putDeposit(pending);
          book.putDeposit(done);
        });

    store.inTransaction(
        book -> {
          assertThat(book.deposits()).containsExactly(done, pending);
          assertThat(book.deposit("d1").orElseThrow().confirmedAmount()).hasToString("990.5");
          assertThat(book.deposit("d2").orElseThrow().confirmedAmount()).isNull();
          assertThat(book.deposit("d3")).isEmpty();
          return null;
        });
  }

  @Test
  void refundsKeepEveryFieldAreReplacedByIdAndListedPerDepositById() {
    FundingStore store = newStore();
    Refund unsent = new Refund("r2", "d1", "amy", d("40.0"), null, null, T0, T0);
    Refund sent =
        new Refund(
            "r1",
            "d1",
            "amy",
            d("10.00"),
            "re_3MtwBw",
            RefundReceipt.Status.REQUIRES_ACTION,
            T0,
            T0.plusNanos(1));
    Refund other = new Refund("r0", "d2", "bob", d("5"), null, null, T0, T0);

    write(
        store,
        book -> {
          book.putRefund(unsent);
          book.putRefund(sent);
          book.putRefund(other);
        });
    Refund accepted =
        new Refund(
            "r2",
            "d1",
            "amy",
            d("40.0"),
            "re_9Xy",
            RefundReceipt.Status.SUCCEEDED,
            T0,
            T0.plusSeconds(5).plusNanos(7));
    write(store, book -> book.putRefund(accepted));

    store.inTransaction(
        book -> {
          assertThat(book.refundsOf("d1")).containsExactly(sent, accepted);
          assertThat(book.refundsOf("d2")).containsExactly(other);
          assertThat(book.refundsOf("d3")).isEmpty();
          assertThat(book.refund("r2")).contains(accepted);
          assertThat(book.refund("r1").orElseThrow().amount()).hasToString("10.00");
          assertThat(book.refund("r0").orElseThrow().providerReference()).isNull();
          assertThat(book.refund("r0").orElseThrow().providerStatus()).isNull();
          assertThat(book.refund("r9")).isEmpty();
          return null;
        });
  }

  @Test
  void withdrawalsKeepTheirDestinationAndReviewAndAreListedPerUser() {
    FundingStore store = newStore();
    Withdrawal card =
        new Withdrawal(
            "w2",
            "bob",
            WithdrawalKind.REVIEWED,
            d("50"),
            d("0.00"),
            d("50"),
            WithdrawalStatus.REJECTED,
            Destination.Saved.of("bob", Destination.card("4242"), null),
            "ops@example.com",
            T0.plusSeconds(60),
            T0,
            T0.plusSeconds(61),
            "po_77");

    write(
        store,
        book -> {
          book.putWithdrawal(withdrawal("w3", "amy", WithdrawalStatus.PROCESSING));
          book.putWithdrawal(card);
          book.putWithdrawal(withdrawal("w1", "amy", WithdrawalStatus.PENDING_REVIEW));
        });
    write(store, book -> book.putWithdrawal(withdrawal("w1", "amy", WithdrawalStatus.APPROVED)));

    store.inTransaction(
        book -> {
          assertThat(book.withdrawals())
              .extracting(Withdrawal::id)
              .containsExactly("w1", "w2", "w3");
          assertThat(book.withdrawal("w2")).contains(card);
          assertThat(book.withdrawal("w1").orElseThrow().status())
              .isEqualTo(WithdrawalStatus.APPROVED);
          assertThat(book.withdrawal("w3").orElseThrow().destination())
              .isEqualTo(
                  Destination.Saved.of("amy", Destination.bank("002010077777777771"), "tok_w3"));
          assertThat(book.withdrawal("w3").orElseThrow().destination().fingerprint("amy"))
              .isEqualTo(Destination.bank("002010077777777771").fingerprint("amy"));
          assertThat(book.withdrawalsOf("amy"))
              .extracting(Withdrawal::id)
              .containsExactly("w1", "w3");
          assertThat(book.withdrawalsOf("nobody")).isEmpty();
          return null;
        });
  }

  @Test
  void aWithdrawalWhoseDestinationIsNotSavedIsRefusedAndNothingIsKept() {
    FundingStore store = newStore();
    Withdrawal whole =
        new Withdrawal(
            "w1",
            "amy",
            WithdrawalKind.INSTANT,
            d("100.0"),
            d("1.75"),
            d("98.25"),
            WithdrawalStatus.PROCESSING,
            Destination.bank("002010077777777771"),
            null,
            null,
            T0,
            T0,
            null);

    assertThatThrownBy(() -> write(store, book -> book.putWithdrawal(whole)))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains("destination").doesNotContain("0077777777");
            });
    store.inTransaction(
        book -> {
          assertThat(book.withdrawals()).isEmpty();
          return null;
        });
  }

  @Test
  void aUsersWithdrawalsSinceAnInstantAreThoseCreatedAtOrAfterItToTheNanosecond() {
    FundingStore store = newStore();
    Withdrawal before = withdrawal("w1", "amy", WithdrawalStatus.COMPLETED);
    Withdrawal at =
        new Withdrawal(
            "w2",
            "amy",
            WithdrawalKind.INSTANT,
            d("10.00"),
            d("1.00"),
            d("9.00"),
            WithdrawalStatus.PROCESSING,
            Destination.Saved.of("amy", Destination.card("4242"), null),
            null,
            null,
            T0.plusNanos(1),
            T0.plusNanos(1),
            null);
    Withdrawal other =
        new Withdrawal(
            "w3",
            "bob",
            WithdrawalKind.INSTANT,
            d("10.00"),
            d("1.00"),
            d("9.00"),
            WithdrawalStatus.PROCESSING,
            Destination.Saved.of("bob", Destination.card("4242"), null),
            null,
            null,
            T0.plusSeconds(5),
            T0.plusSeconds(5),
            null);
    write(
        store,
        book -> {
          book.putWithdrawal(before);
          book.putWithdrawal(at);
          book.putWithdrawal(other);
        });

    store.inTransaction(
        book -> {
          assertThat(book.withdrawalsOf("amy", T0.plusNanos(1))).containsExactly(at);
          assertThat(book.withdrawalsOf("amy", T0))
              .extracting(Withdrawal::id)
              .containsExactly("w1", "w2");
          assertThat(book.withdrawalsOf("amy", T0.plusSeconds(1))).isEmpty();
          return null;
        });
  }

  @Test
  void unmatchedEventsKeepEveryFieldAreReplacedByIdAndListedById() {
    FundingStore store = newStore();
    UnmatchedEvent late =
        new UnmatchedEvent(
            "evt_9",
            UnmatchedEvent.Subject.DEPOSIT,
            "d-unknown",
            "COMPLETED",
            d("990.5"),
            T0.plusNanos(7));
    UnmatchedEvent payout =
        new UnmatchedEvent(
            "evt_10", UnmatchedEvent.Subject.WITHDRAWAL, "w-unknown", "PAID", null, T0);

    write(
        store,
        book -> {
          book.putUnmatchedEvent(late);
          book.putUnmatchedEvent(payout);
          book.putUnmatchedEvent(late);
        });

    store.inTransaction(
        book -> {
          assertThat(book.unmatchedEvents()).containsExactly(payout, late);
          assertThat(book.unmatchedEvents().get(1).amount()).hasToString("990.5");
          return null;
        });
  }

  @Test
  void investmentsAndTheirOrdersKeepEveryField() {
    FundingStore store = newStore();
    Investment investment = new Investment("ai1", "amy", d("800.00"), List.of("NVDA", "AAPL"));
    InvestOrder open =
        new InvestOrder(
            "ai1:NVDA", "ai1", "amy", "NVDA", d("533.34"), InvestOrderStatus.OPEN, d("0.00"));

    write(
        store,
        book -> {
          book.putInvestment(investment);
          book.putInvestment(new Investment("ai0", "amy", d("1"), List.of()));
          book.putInvestOrder(open);
          book.putInvestOrder(
              new InvestOrder(
                  "ai1:NVDA",
                  "ai1",
                  "amy",
                  "NVDA",
                  d("533.34"),
                  InvestOrderStatus.FILLED,
                  d("530.1")));
          book.putInvestOrder(
              new InvestOrder(
                  "ai1:AAPL", "ai1", "amy", "AAPL", d("266.66"), InvestOrderStatus.OPEN, d("0")));
        });

    store.inTransaction(
        book -> {
          assertThat(book.investment("ai1")).contains(investment);
          assertThat(book.investment("ai0").orElseThrow().ranked()).isEmpty();
          assertThat(book.investOrders())
              .extracting(InvestOrder::id)
              .containsExactly("ai1:AAPL", "ai1:NVDA");
          assertThat(book.investOrder("ai1:NVDA").orElseThrow().filledAmount())
              .hasToString("530.1");
          return null;
        });
  }

  @Test
  void eventsAndFillsAreRememberedOnceEach() {
    FundingStore store = newStore();

    write(
        store,
        book -> {
          book.recordEvent("evt_1");
          book.recordFill("x1");
        });

    store.inTransaction(
        book -> {
          assertThat(book.hasEvent("evt_1")).isTrue();
          assertThat(book.hasEvent("x1")).as("fills and events are separate").isFalse();
          assertThat(book.hasFill("x1")).isTrue();
          assertThat(book.hasFill("evt_1")).isFalse();
          return null;
        });
  }

  @Test
  void salesAreListedUntilSettledAndPositionsAreKeptAtZero() {
    FundingStore store = newStore();

    write(
        store,
        book -> {
          book.putSale(new Sale("x2", "amy", d("510.00"), LocalDate.of(2026, 3, 9), false));
          book.putSale(new Sale("x1", "bob", d("1.5"), LocalDate.of(2026, 3, 3), false));
          book.putPosition("bob", "SPY", d("1.000000001"));
          book.putPosition("amy", "SPY", d("0"));
          book.putPosition("amy", "BIL", d("3.50"));
        });
    write(
        store,
        book -> book.putSale(new Sale("x1", "bob", d("1.5"), LocalDate.of(2026, 3, 3), true)));

    store.inTransaction(
        book -> {
          assertThat(book.unsettledSales())
              .containsExactly(new Sale("x2", "amy", d("510.00"), LocalDate.of(2026, 3, 9), false));
          assertThat(book.usersWithPositions()).containsExactly("amy", "bob");
          assertThat(book.positionsOf("amy"))
              .containsExactly(Map.entry("BIL", d("3.50")), Map.entry("SPY", d("0")));
          assertThat(book.positionsOf("bob").get("SPY")).hasToString("1.000000001");
          assertThat(book.positionsOf("nobody")).isEmpty();
          return null;
        });
  }

  @Test
  void sixteenThreadsUpdatingOneRecordLoseNoUpdate() throws Exception {
    FundingStore store = newStore();
    write(store, book -> book.putPosition("amy", "SPY", BigDecimal.ZERO));
    int threads = 16;
    int rounds = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  for (int i = 0; i < rounds; i++) {
                    write(
                        store,
                        book ->
                            book.putPosition(
                                "amy",
                                "SPY",
                                book.positionsOf("amy")
                                    .getOrDefault("SPY", BigDecimal.ZERO)
                                    .add(BigDecimal.ONE)));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    store.inTransaction(
        book -> {
          assertThat(book.positionsOf("amy").get("SPY"))
              .isEqualByComparingTo(BigDecimal.valueOf(threads * rounds));
          return null;
        });
  }

  @Test
  void aWorkThatThrowsKeepsNothingWhenTheStoreCanDiscard() {
    FundingStore store = newStore();

    assertThatThrownBy(
            () ->
                write(
                    store,
                    book -> {
                      book.recordEvent("evt_1");
                      book.putUser(new FundingUser("amy", KycStatus.APPROVED, null));
                      book.putWithdrawal(withdrawal("w1", "amy", WithdrawalStatus.PROCESSING));
                      book.putPosition("amy", "SPY", d("2"));
                      book.recordFill("x1");
                      book.putSale(
                          new Sale("x1", "amy", d("1.00"), LocalDate.of(2026, 3, 3), false));
                      book.putInvestment(new Investment("ai1", "amy", d("1"), List.of("SPY")));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessageContaining("boom");

    store.inTransaction(
        book -> {
          if (discardsWritesOfAFailedWork()) {
            assertThat(book.hasEvent("evt_1")).isFalse();
            assertThat(book.users()).isEmpty();
            assertThat(book.withdrawals()).isEmpty();
            assertThat(book.usersWithPositions()).isEmpty();
            assertThat(book.hasFill("x1")).isFalse();
            assertThat(book.unsettledSales()).isEmpty();
            assertThat(book.investment("ai1")).isEmpty();
          } else {
            assertThat(book.hasEvent("evt_1")).isTrue();
          }
          return null;
        });
  }

  @Test
  void aWorkThatThrowsLeavesWhatEarlierWorksKeptAsItWas() {
    FundingStore store = newStore();
    write(
        store,
        book -> {
          book.putUser(new FundingUser("amy", KycStatus.APPROVED, d("10.00")));
          book.putPosition("amy", "SPY", d("1"));
        });

    assertThatThrownBy(
            () ->
                write(
                    store,
                    book -> {
                      book.putUser(new FundingUser("amy", KycStatus.REJECTED, null));
                      book.putPosition("amy", "SPY", d("5"));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessageContaining("boom");

    if (discardsWritesOfAFailedWork()) {
      store.inTransaction(
          book -> {
            assertThat(book.user("amy"))
                .contains(new FundingUser("amy", KycStatus.APPROVED, d("10.00")));
            assertThat(book.positionsOf("amy")).containsExactly(Map.entry("SPY", d("1")));
            return null;
          });
    }
  }

  @Test
  void aWorkReadsItsOwnWritesBeforeItReturns() {
    FundingStore store = newStore();
    write(store, book -> book.putPosition("amy", "SPY", d("1")));

    String answer =
        store.inTransaction(
            book -> {
              book.putUser(new FundingUser("amy", KycStatus.APPROVED, null));
              book.putWithdrawal(withdrawal("w1", "amy", WithdrawalStatus.PROCESSING));
              book.putWithdrawal(withdrawal("w1", "amy", WithdrawalStatus.COMPLETED));
              book.putPosition("amy", "SPY", d("1.5"));
              book.putPosition("amy", "BIL", d("2"));
              book.recordEvent("evt_1");
              book.recordFill("x1");
              book.putSale(new Sale("x1", "amy", d("1.00"), LocalDate.of(2026, 3, 3), false));
              book.putInvestment(new Investment("ai1", "amy", d("1"), List.of("SPY", "BIL")));
              book.putInvestment(new Investment("ai1", "amy", d("1"), List.of("BIL")));

              assertThat(book.user("amy")).isPresent();
              assertThat(book.users()).extracting(FundingUser::id).containsExactly("amy");
              assertThat(book.withdrawal("w1").orElseThrow().status())
                  .isEqualTo(WithdrawalStatus.COMPLETED);
              assertThat(book.withdrawalsOf("amy")).hasSize(1);
              assertThat(book.positionsOf("amy"))
                  .containsExactly(Map.entry("BIL", d("2")), Map.entry("SPY", d("1.5")));
              assertThat(book.hasEvent("evt_1")).isTrue();
              assertThat(book.hasFill("x1")).isTrue();
              assertThat(book.unsettledSales()).extracting(Sale::execId).containsExactly("x1");
              assertThat(book.investment("ai1").orElseThrow().ranked()).containsExactly("BIL");
              return "read";
            });

    assertThat(answer).isEqualTo("read");
  }

  @Test
  void listsAreSortedByStringCompareToNotByACollation() {
    FundingStore store = newStore();
    // String.compareTo: "B" (U+0042) before "a" (U+0061), which a collation may put first; and a
    // supplementary character (surrogates U+D83D...) before U+E000, which code points put after.
    List<String> sorted = List.of("B", "a", "b", "\uD83D\uDE00", "\uE000");
    List<String> given = List.of("\uE000", "b", "a", "\uD83D\uDE00", "B");

    write(
        store,
        book -> {
          for (String id : given) {
            book.putUser(new FundingUser(id, KycStatus.APPROVED, null));
            book.putDeposit(
                new Deposit(id, "amy", d("1"), null, DepositStatus.PENDING, T0, T0, null));
            book.putWithdrawal(withdrawal(id, "amy", WithdrawalStatus.PROCESSING));
            book.putInvestOrder(
                new InvestOrder(id, "ai1", "amy", "SPY", d("1"), InvestOrderStatus.OPEN, d("0")));
            book.putSale(new Sale(id, "amy", d("1"), LocalDate.of(2026, 3, 3), false));
            book.putPosition(id, "SPY", d("1"));
            book.putPosition("amy", id, d("1"));
          }
        });

    store.inTransaction(
        book -> {
          assertThat(book.users()).extracting(FundingUser::id).containsExactlyElementsOf(sorted);
          assertThat(book.deposits()).extracting(Deposit::id).containsExactlyElementsOf(sorted);
          assertThat(book.withdrawals())
              .extracting(Withdrawal::id)
              .containsExactlyElementsOf(sorted);
          assertThat(book.withdrawalsOf("amy"))
              .extracting(Withdrawal::id)
              .containsExactlyElementsOf(sorted);
          assertThat(book.investOrders())
              .extracting(InvestOrder::id)
              .containsExactlyElementsOf(sorted);
          assertThat(book.unsettledSales())
              .extracting(Sale::execId)
              .containsExactlyElementsOf(sorted);
          assertThat(book.positionsOf("amy").keySet()).containsExactlyElementsOf(sorted);
          List<String> withAmy = new ArrayList<>(sorted);
          withAmy.add(2, "amy"); // "a" < "amy" < "b"
          assertThat(book.usersWithPositions()).containsExactlyElementsOf(withAmy);
          return null;
        });
  }

  @Test
  void aSecondStoreOnTheSameRecordsSeesWhatTheFirstKept() {
    FundingStore first = newStore();
    FundingStore second = secondStore(first);

    write(
        first,
        book -> {
          book.putUser(new FundingUser("amy", KycStatus.APPROVED, null));
          book.putWithdrawal(withdrawal("w1", "amy", WithdrawalStatus.PROCESSING));
          book.recordEvent("evt_1");
          book.putPosition("amy", "SPY", d("1.50"));
        });
    write(
        second,
        book -> {
          assertThat(book.user("amy")).isPresent();
          assertThat(book.withdrawal("w1").orElseThrow().status())
              .isEqualTo(WithdrawalStatus.PROCESSING);
          assertThat(book.hasEvent("evt_1")).isTrue();
          assertThat(book.positionsOf("amy").get("SPY")).hasToString("1.50");
          book.putWithdrawal(withdrawal("w1", "amy", WithdrawalStatus.COMPLETED));
          book.recordFill("x1");
        });

    first.inTransaction(
        book -> {
          assertThat(book.withdrawal("w1").orElseThrow().status())
              .isEqualTo(WithdrawalStatus.COMPLETED);
          assertThat(book.hasFill("x1")).isTrue();
          return null;
        });
  }

  @Test
  void sixteenThreadsOnTwoStoresOfTheSameRecordsLoseNoUpdate() throws Exception {
    FundingStore first = newStore();
    FundingStore second = secondStore(first);
    write(first, book -> book.putPosition("amy", "SPY", BigDecimal.ZERO));
    int threads = 16;
    int rounds = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        FundingStore mine = t % 2 == 0 ? first : second;
        done.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  for (int i = 0; i < rounds; i++) {
                    write(
                        mine,
                        book -> {
                          // read, then write what was read plus one: only serialized calls add up
                          BigDecimal qty =
                              book.positionsOf("amy").getOrDefault("SPY", BigDecimal.ZERO);
                          book.recordEvent("evt_" + qty.toPlainString());
                          book.putPosition("amy", "SPY", qty.add(BigDecimal.ONE));
                        });
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    for (FundingStore store : List.of(first, second)) {
      store.inTransaction(
          book -> {
            assertThat(book.positionsOf("amy").get("SPY"))
                .isEqualByComparingTo(BigDecimal.valueOf(threads * rounds));
            assertThat(book.hasEvent("evt_" + (threads * rounds - 1))).isTrue();
            return null;
          });
    }
  }
}
