package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.oms.OrderCode;
import dev.speedtrade.oms.OrderFill;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.Portfolio;
import dev.speedtrade.oms.Reconciliation;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RiskControls;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * An order service as a host builds one on a database: {@link JdbcOrderStore}, {@link
 * JdbcRiskStore} and {@link JdbcLedger} on one {@link DataSource}, a hand-set market (AAPL at
 * 190.00, fractionable and shortable; BTC/USD at 50.00) and a clock fixed on a Monday with the
 * market open. Each desk makes new store and ledger objects: two desks on one database are two runs
 * of a host, as before and after a restart.
 *
 * <p>{@link #checkBooks(Map)} checks every invariant the contract states on what the database
 * holds.
 */
final class OrderDesk {
  /** 2026-01-05 10:00 in New York: a Monday, the market open. */
  static final Instant MONDAY = Instant.parse("2026-01-05T15:00:00Z");

  final Clock clock = Clock.fixed(MONDAY, ZoneOffset.UTC);
  final JdbcLedger ledger;
  final RiskControls controls;
  final OrderService orders;

  /** A desk without a venue: the tests give it the venue's events by hand. */
  OrderDesk(DataSource dataSource) {
    this(dataSource, null, null);
  }

  /** A desk that sends its orders to {@code venue}, its venue work run on {@code executor}. */
  OrderDesk(DataSource dataSource, @Nullable Broker venue, @Nullable Executor executor) {
    ledger = JdbcLedger.builder(dataSource).clock(clock).build();
    controls = new RiskControls(new JdbcRiskStore(dataSource), clock);
    InMemoryMarket market = new InMemoryMarket(true);
    market.put(
        new Instrument("AAPL", AssetClass.US_EQUITY, true, true, true, new BigDecimal("190.00")));
    market.put(
        new Instrument("BTC/USD", AssetClass.CRYPTO, true, true, false, new BigDecimal("50.00")));
    OrderService.Builder b =
        OrderService.builder()
            .store(new JdbcOrderStore(dataSource))
            .ledger(ledger)
            .market(market)
            .riskControls(controls)
            .clock(clock);
    if (venue != null) {
      b.venue(venue);
    }
    if (executor != null) {
      b.executor(executor);
    }
    orders = b.build();
  }

  /** Opens {@code account}'s book and deposits {@code cash} once under {@code depositId}. */
  void open(String account, String cash, String depositId) {
    assertThat(orders.openAccount(account)).isIn(OrderCode.OK, OrderCode.EXISTS);
    TransferResult result =
        ledger
            .submit(
                Transfer.single(
                    "deposit:" + depositId,
                    ClientLedgerAccounts.PSP,
                    ClientLedgerAccounts.cash(account),
                    new BigDecimal(cash).movePointRight(2).longValueExact(),
                    "deposit"))
            .result();
    assertThat(result).isIn(TransferResult.OK, TransferResult.EXISTS);
  }

  /** A limit order of {@code qty} {@code symbol} at {@code limit}, day. */
  static SubmitOrder.Builder limit(
      String account, String coid, String symbol, OrderSide side, String qty, String limit) {
    return SubmitOrder.builder()
        .account(account)
        .clientOrderId(coid)
        .symbol(symbol)
        .side(side)
        .type(OrderType.LIMIT)
        .timeInForce(TimeInForce.DAY)
        .qty(qty)
        .limitPrice(limit);
  }

  /**
   * Returns {debits posted - credits posted, debits pending - credits pending} summed over the
   * platform's ledger accounts and every client book's ({@link ClientLedgerAccounts}): both zero in
   * a sound ledger.
   */
  long[] trialBalance() {
    long posted = 0;
    long pending = 0;
    List<LedgerAccount> accounts = new ArrayList<>(ClientLedgerAccounts.platform());
    for (String account : orders.accounts()) {
      accounts.addAll(ClientLedgerAccounts.client(account));
    }
    for (LedgerAccount account : accounts) {
      AccountBalances b = ledger.balances(account.id()).orElseThrow();
      posted += b.debitsPosted() - b.creditsPosted();
      pending += b.debitsPending() - b.creditsPending();
    }
    return new long[] {posted, pending};
  }

  /**
   * Checks what the database holds: the internal reconciliation finds nothing (not even pending
   * work); a zero trial balance; and for each account of {@code deposits} (what was deposited into
   * it, USD): each order's filledQty is the sum of its fills; each position's qty is the sum of its
   * fills; cash is the deposits less the buys' amounts plus the sales'; buying power is cash less
   * the open buys' reserves; cash + cost basis - realized profit and loss is the deposits.
   */
  void checkBooks(Map<String, BigDecimal> deposits) {
    Reconciliation report = orders.reconcileInternal();
    assertThat(report.discrepancies()).as("internal reconciliation").isEmpty();
    assertThat(report.isClean()).isTrue();
    assertThat(trialBalance()).as("trial balance {posted, pending}").containsExactly(0, 0);
    for (Map.Entry<String, BigDecimal> deposit : deposits.entrySet()) {
      String account = deposit.getKey();
      BigDecimal cash = deposit.getValue();
      Map<String, BigDecimal> qtyByOrder = new HashMap<>();
      Map<String, BigDecimal> qtyBySymbol = new HashMap<>();
      for (OrderFill f : orders.fills(account)) {
        boolean buy = f.side() == OrderSide.BUY;
        cash = buy ? cash.subtract(f.amount()) : cash.add(f.amount());
        qtyByOrder.merge(f.clientOrderId(), f.qty(), BigDecimal::add);
        qtyBySymbol.merge(f.symbol(), buy ? f.qty() : f.qty().negate(), BigDecimal::add);
      }
      BigDecimal reserves = BigDecimal.ZERO;
      for (ClientOrder o : orders.orders(account)) {
        reserves = reserves.add(o.reserve());
        assertThat(o.filledQty())
            .as("filledQty of " + account + "/" + o.clientOrderId())
            .isEqualByComparingTo(qtyByOrder.getOrDefault(o.clientOrderId(), BigDecimal.ZERO));
      }
      Portfolio portfolio = orders.portfolio(account);
      assertThat(portfolio.cash()).as("cash of " + account).isEqualByComparingTo(cash);
      assertThat(portfolio.buyingPower())
          .as("buying power of " + account)
          .isEqualByComparingTo(cash.subtract(reserves));
      BigDecimal costs = BigDecimal.ZERO;
      BigDecimal realized = BigDecimal.ZERO;
      for (ClientPosition p : orders.positions(account)) {
        costs = costs.add(p.costBasis());
        realized = realized.add(p.realizedPnl());
        assertThat(p.qty())
            .as("position of " + account + " in " + p.symbol())
            .isEqualByComparingTo(qtyBySymbol.getOrDefault(p.symbol(), BigDecimal.ZERO));
      }
      assertThat(cash.add(costs).subtract(realized))
          .as("cash + cost basis - realized of " + account)
          .isEqualByComparingTo(deposit.getValue());
    }
  }
}
