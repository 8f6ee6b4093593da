package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.MutableClock;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RiskControls;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh order service on an in-memory ledger, a hand-set market and a clock that moves when told:
 * the fixture of the OMS tests and the scenario driver. {@link #checkBooks()} checks every
 * invariant the contract states against a model computed from the fills alone.
 */
final class Desk {
  final MutableClock clock;
  final InMemoryLedger ledger;
  final InMemoryMarket market;
  final RiskControls controls;
  final OrderService orders;
  private final Map<String, BigDecimal> deposits = new ConcurrentHashMap<>();
  private final AtomicInteger depositIds = new AtomicInteger();

  Desk(Instant start) {
    this(start, ledger -> ledger);
  }

  /** A desk whose service posts through {@code wrap} of the in-memory ledger. */
  Desk(Instant start, java.util.function.Function<InMemoryLedger, Ledger> wrap) {
    clock = new MutableClock(start);
    ledger = new InMemoryLedger(clock);
    market = new InMemoryMarket(true);
    controls = RiskControls.inMemory(clock);
    orders =
        OrderService.builder()
            .ledger(wrap.apply(ledger))
            .market(market)
            .riskControls(controls)
            .clock(clock)
            .build();
  }

  /** A desk at 2026-01-05 10:00 New York (a Monday, market open). */
  static Desk monday() {
    return new Desk(Instant.parse("2026-01-05T15:00:00Z"));
  }

  /** Opens {@code account} with {@code cash} deposited. */
  Desk open(String account, String cash) {
    orders.openAccount(account);
    deposits.putIfAbsent(account, BigDecimal.ZERO.setScale(2));
    deposit(account, cash);
    return this;
  }

  void deposit(String account, String amount) {
    BigDecimal value = new BigDecimal(amount);
    if (value.signum() > 0) {
      TransferResult result =
          ledger
              .createTransfers(
                  List.of(
                      Transfer.single(
                          "deposit:" + account + ":" + depositIds.incrementAndGet(),
                          ClientLedgerAccounts.PSP,
                          ClientLedgerAccounts.cash(account),
                          ClientCash.cents(value),
                          "deposit")))
              .get(0);
      assertThat(result).isEqualTo(TransferResult.OK);
    }
    deposits.merge(account, value, BigDecimal::add);
  }

  Desk instrument(Instrument instrument) {
    market.put(instrument);
    return this;
  }

  Desk stock(String symbol, String mark) {
    return instrument(Instrument.of(symbol, AssetClass.US_EQUITY, new BigDecimal(mark)));
  }

  VenueEvents venue() {
    return orders.venue();
  }

  static SubmitOrder.Builder order(
      String account, String coid, String symbol, OrderSide side, String qty) {
    return SubmitOrder.builder()
        .account(account)
        .clientOrderId(coid)
        .symbol(symbol)
        .side(side)
        .type(dev.speedtrade.broker.OrderType.LIMIT)
        .timeInForce(dev.speedtrade.broker.TimeInForce.DAY)
        .qty(qty);
  }

  /** Sum over every ledger account of debits posted - credits posted: 0 in a sound ledger. */
  long trialBalance() {
    long sum = 0;
    long pendingDebits = 0;
    long pendingCredits = 0;
    for (String id : ledgerAccounts()) {
      AccountBalances b = ledger.balances(id).orElseThrow();
      sum += b.debitsPosted() - b.creditsPosted();
      pendingDebits += b.debitsPending();
      pendingCredits += b.creditsPending();
    }
    assertThat(pendingDebits).as("pending debits = pending credits").isEqualTo(pendingCredits);
    return sum;
  }

  private List<String> ledgerAccounts() {
    List<String> ids = new ArrayList<>();
    ClientLedgerAccounts.platform().stream().map(LedgerAccount::id).forEach(ids::add);
    for (String account : orders.accounts()) {
      ClientLedgerAccounts.client(account).stream().map(LedgerAccount::id).forEach(ids::add);
    }
    return ids;
  }

  /**
   * Checks, for every account: a zero trial balance; the service's cash = deposits - buy amounts +
   * sell amounts; buying power = cash - sum of the open buys' reserves; cash + sum cost basis - sum
   * realized = deposits; each order's filledQty = its fills; each position's qty = its fills.
   */
  void checkBooks() {
    assertThat(trialBalance()).as("trial balance").isZero();
    for (String account : orders.accounts()) {
      List<OrderFill> fills = orders.fills(account);
      BigDecimal cash = deposits.getOrDefault(account, BigDecimal.ZERO);
      Map<String, BigDecimal> qtyByOrder = new java.util.HashMap<>();
      Map<String, BigDecimal> qtyBySymbol = new java.util.HashMap<>();
      for (OrderFill f : fills) {
        boolean buy = f.side() == OrderSide.BUY;
        cash = buy ? cash.subtract(f.amount()) : cash.add(f.amount());
        qtyByOrder.merge(f.clientOrderId(), f.qty(), BigDecimal::add);
        qtyBySymbol.merge(f.symbol(), buy ? f.qty() : f.qty().negate(), BigDecimal::add);
      }
      BigDecimal reserves = BigDecimal.ZERO;
      for (ClientOrder o : orders.orders(account)) {
        reserves = reserves.add(o.reserve());
        assertThat(o.filledQty())
            .as("filledQty of " + o.clientOrderId())
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
          .isEqualByComparingTo(deposits.getOrDefault(account, BigDecimal.ZERO));
    }
  }

  /** Returns the posted balance {@code account} owes the platform, USD. */
  BigDecimal debitBalance(String account) {
    return ClientCash.usd(
        ledger.balances(ClientLedgerAccounts.debit(account)).orElseThrow().debitBalance());
  }
}
