package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferKind;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Cash in the ledger: holds equal reserves, fills post what they spent, releases, sale proceeds,
 * debit balances; the trial balance is zero and the service's cash and buying power equal the
 * contract's after every step.
 */
class OrderCashTest {
  private static final String A = "alice";

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  private static AccountBalances balances(Desk desk, String id) {
    return desk.ledger.balances(id).orElseThrow();
  }

  /** What the ledger holds of alice's cash and debit accounts, USD. */
  private static BigDecimal held(Desk desk) {
    return ClientCash.usd(
        balances(desk, ClientLedgerAccounts.cash(A)).debitsPending()
            + balances(desk, ClientLedgerAccounts.debit(A)).debitsPending());
  }

  private static void expect(Desk desk, String cash, String buyingPower, String held) {
    desk.checkBooks();
    Portfolio p = desk.orders.portfolio(A);
    assertThat(p.cash()).as("cash").isEqualByComparingTo(cash);
    assertThat(p.buyingPower()).as("buying power").isEqualByComparingTo(buyingPower);
    assertThat(held(desk)).as("held").isEqualByComparingTo(held);
  }

  @Test
  void aLimitBuyHoldsItsReserveAndEachFillPostsWhatItSpentAndReholdsTheRest() {
    Desk desk = Desk.monday().stock("AAPL", "190.00").open(A, "10000.00");
    expect(desk, "10000.00", "10000.00", "0");
    desk.orders.submit(
        Desk.order(A, "b", "AAPL", OrderSide.BUY, "20").limitPrice("190.00").build());
    expect(desk, "10000.00", "6200.00", "3800.00");
    desk.venue().venueAccept(A, "b");
    desk.venue().fill(A, "b", "e1", d("8"), d("189.50")); // 1516.00; 12 x 190 = 2280 held
    expect(desk, "8484.00", "6204.00", "2280.00");
    desk.orders.cancel(A, "b");
    expect(desk, "8484.00", "6204.00", "2280.00");
    desk.venue().fill(A, "b", "e2", d("5"), d("189.75")); // 948.75; 7 x 190 = 1330 held
    expect(desk, "7535.25", "6205.25", "1330.00");
    desk.venue().cancelAck(A, "b");
    expect(desk, "7535.25", "7535.25", "0");
    desk.venue().fill(A, "b", "e3", d("2"), d("189.90")); // late: 379.80 from cash
    expect(desk, "7155.45", "7155.45", "0");
    assertThat(desk.debitBalance(A)).isEqualByComparingTo("0");
    // Buys credit the omnibus account (the cash there paid for the shares): down 2844.55.
    assertThat(balances(desk, ClientLedgerAccounts.BROKER).debitBalance()).isEqualTo(-284455);
  }

  @Test
  void aReserveRoundsUpToTheCentInTheLedger() {
    Desk desk = Desk.monday().stock("PENNY", "0.50").open(A, "100.00");
    // 3 x 0.3333 = 0.9999 -> 1.00
    desk.orders.submit(
        Desk.order(A, "p", "PENNY", OrderSide.BUY, "3").limitPrice("0.3333").build());
    expect(desk, "100.00", "99.00", "1.00");
    // A fill of 1 at 0.3333 = 0.33 (HALF_EVEN); 2 x 0.3333 = 0.6666 -> 0.67 held
    desk.venue().fill(A, "p", "e1", d("1"), d("0.3333"));
    expect(desk, "99.67", "99.00", "0.67");
  }

  @Test
  void aMarketFillAboveItsCollarLeavesADebitBalanceThatSettledCashRepays() {
    Desk desk =
        Desk.monday()
            .stock("KO", "100.00")
            .instrument(new Instrument("BTC/USD", AssetClass.CRYPTO, true, true, false, d("60000")))
            .open(A, "1000.00");
    // Reserve 9 x 100.00 x 1.05 = 945.00; buying power 55.00.
    desk.orders.submit(Desk.order(A, "m", "KO", OrderSide.BUY, "9").type(OrderType.MARKET).build());
    expect(desk, "1000.00", "55.00", "945.00");
    // The price gapped: 9 x 120.00 = 1080.00 > 945.00 + 55.00 available.
    desk.venue().fill(A, "m", "e1", d("9"), d("120.00"));
    expect(desk, "-80.00", "-80.00", "0");
    assertThat(desk.debitBalance(A)).isEqualByComparingTo("80.00");
    assertThat(balances(desk, ClientLedgerAccounts.cash(A)).creditBalance()).isZero();
    // A later buy is denied: no buying power.
    assertThat(
            desk.orders
                .submit(Desk.order(A, "m2", "KO", OrderSide.BUY, "1").limitPrice("1.00").build())
                .code())
        .isEqualTo("INSUFFICIENT_BUYING_POWER");
    // Selling 2 at 120.00 credits 240.00 to unsettled; the debit waits for settled cash (funding
    // settles the whole 240.00 out of unsettled later).
    desk.orders.submit(Desk.order(A, "s", "KO", OrderSide.SELL, "2").limitPrice("120.00").build());
    desk.venue().fill(A, "s", "e1", d("2"), d("120.00"));
    expect(desk, "160.00", "160.00", "0");
    assertThat(desk.debitBalance(A)).isEqualByComparingTo("80.00");
    assertThat(balances(desk, ClientLedgerAccounts.unsettled(A)).creditBalance()).isEqualTo(24000);
    // A crypto sale is settled cash at once: it repays the debit. Buy 0.001 BTC (60.00 of the
    // unsettled proceeds, held on the debit side), sell it at 61000: 61.00 repays 61.00.
    desk.orders.submit(
        Desk.order(A, "c", "BTC/USD", OrderSide.BUY, "0.001")
            .limitPrice("60000")
            .timeInForce(TimeInForce.GTC)
            .build());
    desk.venue().fill(A, "c", "e1", d("0.001"), d("60000"));
    assertThat(desk.debitBalance(A)).isEqualByComparingTo("140.00");
    desk.orders.submit(
        Desk.order(A, "cs", "BTC/USD", OrderSide.SELL, "0.001")
            .limitPrice("61000")
            .timeInForce(TimeInForce.GTC)
            .build());
    desk.venue().fill(A, "cs", "e1", d("0.001"), d("61000"));
    expect(desk, "161.00", "161.00", "0");
    assertThat(desk.debitBalance(A)).isEqualByComparingTo("79.00");
    assertThat(balances(desk, ClientLedgerAccounts.cash(A)).creditBalance()).isZero();
  }

  @Test
  void saleProceedsAreUnsettledForEquitiesCashForCryptoAndBothBuy() {
    Desk desk =
        Desk.monday()
            .stock("KO", "60.00")
            .instrument(new Instrument("BTC/USD", AssetClass.CRYPTO, true, true, false, d("60000")))
            .open(A, "1000.00");
    desk.orders.submit(Desk.order(A, "b", "KO", OrderSide.BUY, "10").limitPrice("60.00").build());
    desk.venue().fill(A, "b", "e1", d("10"), d("60.00"));
    desk.orders.submit(Desk.order(A, "s", "KO", OrderSide.SELL, "10").limitPrice("61.00").build());
    desk.venue().fill(A, "s", "e1", d("10"), d("61.00"));
    expect(desk, "1010.00", "1010.00", "0");
    assertThat(balances(desk, ClientLedgerAccounts.unsettled(A)).creditBalance()).isEqualTo(61000);
    assertThat(balances(desk, ClientLedgerAccounts.cash(A)).creditBalance()).isEqualTo(40000);

    // A buy of 900.00 uses the unsettled proceeds: 400.00 held of cash, 500.00 of the debit side.
    desk.orders.submit(Desk.order(A, "b2", "KO", OrderSide.BUY, "15").limitPrice("60.00").build());
    expect(desk, "1010.00", "110.00", "900.00");
    assertThat(balances(desk, ClientLedgerAccounts.cash(A)).debitsPending()).isEqualTo(40000);
    assertThat(balances(desk, ClientLedgerAccounts.debit(A)).debitsPending()).isEqualTo(50000);
    desk.venue().fill(A, "b2", "e1", d("15"), d("59.00")); // 885.00
    expect(desk, "125.00", "125.00", "0");
    assertThat(desk.debitBalance(A)).isEqualByComparingTo("485.00");

    // Crypto proceeds are cash at once.
    desk.orders.submit(
        Desk.order(A, "c", "BTC/USD", OrderSide.BUY, "0.001")
            .limitPrice("60000")
            .timeInForce(TimeInForce.GTC)
            .build());
    desk.venue().fill(A, "c", "e1", d("0.001"), d("60000")); // 60.00
    desk.orders.submit(
        Desk.order(A, "cs", "BTC/USD", OrderSide.SELL, "0.001")
            .limitPrice("61000")
            .timeInForce(TimeInForce.GTC)
            .build());
    long cashBefore = balances(desk, ClientLedgerAccounts.cash(A)).creditsPosted();
    desk.venue().fill(A, "cs", "e1", d("0.001"), d("61000")); // 61.00 to cash, repaying debit
    assertThat(balances(desk, ClientLedgerAccounts.cash(A)).creditsPosted() - cashBefore)
        .isEqualTo(6100);
    expect(desk, "126.00", "126.00", "0");
  }

  @Test
  void aReplaceHoldsTheLargerReserveUntilTheVenueAnswers() {
    Desk desk = Desk.monday().stock("MSFT", "100.00").open(A, "5000.00");
    desk.orders.submit(
        Desk.order(A, "o", "MSFT", OrderSide.BUY, "10").limitPrice("100.00").build());
    desk.venue().venueAccept(A, "o");
    expect(desk, "5000.00", "4000.00", "1000.00");
    desk.orders.replace(
        ReplaceOrder.builder(A, "o", "o2").qty(d("12")).limitPrice(d("101.00")).build());
    expect(desk, "5000.00", "3788.00", "1212.00");
    desk.venue().replaceReject(A, "o");
    expect(desk, "5000.00", "4000.00", "1000.00");
    desk.orders.replace(ReplaceOrder.builder(A, "o", "o3").limitPrice(d("99.00")).build());
    expect(desk, "5000.00", "4000.00", "1000.00");
    desk.venue().fill(A, "o", "e1", d("4"), d("99.00")); // 396.00; max(600, 6 x 99) = 600 held
    expect(desk, "4604.00", "4004.00", "600.00");
    desk.venue().replaceAck(A, "o"); // the new order: 6 at 99.00 = 594.00
    expect(desk, "4604.00", "4010.00", "594.00");
    desk.venue().expire(A, "o3");
    expect(desk, "4604.00", "4604.00", "0");
  }

  @Test
  void aHoldTheLedgerRefusesForFundsDeniesTheOrderForBuyingPower() {
    AtomicBoolean race = new AtomicBoolean();
    Desk[] holder = new Desk[1];
    Desk desk =
        new Desk(
            Instant.parse("2026-01-05T15:00:00Z"),
            ledger -> new RacingLedger(ledger, race, () -> holder[0]));
    holder[0] = desk;
    desk.stock("AAPL", "100.00").open(A, "1000.00");
    race.set(true);
    OrderResult result =
        desk.orders.submit(
            Desk.order(A, "b", "AAPL", OrderSide.BUY, "5").limitPrice("100.00").build());
    assertThat(result.code()).isEqualTo("INSUFFICIENT_BUYING_POWER");
    assertThat(result.status()).isEqualTo(ClientOrderStatus.DENIED);
    // Only the withdrawal's hold is there; nothing of the order.
    assertThat(held(desk)).isEqualByComparingTo("600.00");
    assertThat(desk.trialBalance()).isZero();
  }

  @Test
  void clientOrderIdsOfAnyCharacterGetLedgerIdsOfTheirOwn() {
    Desk desk = Desk.monday().stock("AAPL", "100.00").open(A, "1000.00");
    String coid = "buy #1 ü/" + "x".repeat(119);
    desk.orders.submit(
        Desk.order(A, coid, "AAPL", OrderSide.BUY, "2").limitPrice("100.00").build());
    desk.venue().fill(A, coid, "exec:1/ü", d("1"), d("99.00"));
    desk.venue().expire(A, coid);
    expect(desk, "901.00", "901.00", "0");
    desk.orders.recover();
    expect(desk, "901.00", "901.00", "0");
    String holdId = ClientCash.holdId(A, coid, 1, "cash");
    assertThat(holdId).startsWith("omsh:");
    assertThat(desk.ledger.pendingStatus(holdId)).contains(PendingStatus.POSTED);
  }

  @Test
  void anIdLongerThan128CharactersIsMisuseAndRecordsNothing() {
    Desk desk = Desk.monday().stock("AAPL", "100.00").open(A, "1000.00");

    assertThatThrownBy(
            () ->
                Desk.order(A, "c".repeat(129), "AAPL", OrderSide.BUY, "2")
                    .limitPrice("100.00")
                    .build())
        .isInstanceOfSatisfying(
            dev.speedtrade.error.SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(dev.speedtrade.error.ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> desk.venue().fill(A, "c1", "e".repeat(129), d("1"), d("1.00")))
        .isInstanceOf(dev.speedtrade.error.SpeedTradeException.class);
    assertThat(desk.orders.orders(A)).isEmpty();
  }

  /**
   * A ledger that, once armed, lets a withdrawal hold 600.00 of alice's cash just before the
   * service's next hold: the race a concurrent withdrawal makes.
   */
  private static final class RacingLedger implements Ledger {
    private final InMemoryLedger ledger;
    private final AtomicBoolean armed;
    private final java.util.function.Supplier<Desk> desk;

    RacingLedger(
        InMemoryLedger ledger, AtomicBoolean armed, java.util.function.Supplier<Desk> desk) {
      this.ledger = ledger;
      this.armed = armed;
      this.desk = desk;
    }

    @Override
    public List<AccountResult> createAccounts(List<LedgerAccount> accounts) {
      return ledger.createAccounts(accounts);
    }

    @Override
    public List<TransferResult> createTransfers(List<Transfer> transfers) {
      return ledger.createTransfers(transfers);
    }

    @Override
    public List<TransferResult> createLinkedTransfers(List<Transfer> chain) {
      if (chain.stream().anyMatch(t -> t.kind() == TransferKind.PENDING)
          && armed.compareAndSet(true, false)) {
        assertThat(desk.get()).isNotNull();
        ledger.createTransfers(
            List.of(
                Transfer.pending(
                    "withdrawal:1",
                    ClientLedgerAccounts.cash(A),
                    ClientLedgerAccounts.PAYOUTS,
                    60000,
                    "withdrawal")));
      }
      return ledger.createLinkedTransfers(chain);
    }

    @Override
    public Optional<LedgerAccount> account(String id) {
      return ledger.account(id);
    }

    @Override
    public Optional<AccountBalances> balances(String accountId) {
      return ledger.balances(accountId);
    }

    @Override
    public Optional<AccountBalances> balancesAt(String accountId, long timestamp) {
      return ledger.balancesAt(accountId, timestamp);
    }

    @Override
    public Optional<RecordedTransfer> transfer(String id) {
      return ledger.transfer(id);
    }

    @Override
    public Optional<PendingStatus> pendingStatus(String pendingId) {
      return ledger.pendingStatus(pendingId);
    }

    @Override
    public List<RecordedTransfer> transfers(String accountId, long afterTimestamp, int limit) {
      return ledger.transfers(accountId, afterTimestamp, limit);
    }
  }
}
