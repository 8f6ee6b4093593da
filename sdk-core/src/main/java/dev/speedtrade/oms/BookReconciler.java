package dev.speedtrade.oms;

import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.oms.spi.AccountBook;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.oms.spi.OutboxEntry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@link OrderService#reconcileInternal()}: checks each account's books against its fills, and the
 * ledger against the books, in one pass per account under the account's serialization (so the
 * service's own writes to that account cannot interleave). Reads only: it neither drains the outbox
 * nor posts anything.
 *
 * <p>The fills are the record: an order's filled qty, amount and value, its status and the
 * account's positions must follow from them, and the ledger must hold what the service posted for
 * them ({@link ClientCash}'s codes and deterministic ids).
 */
final class BookReconciler {
  private static final String INVESTIGATE =
      "find what wrote it behind the order service (or the defect) before repairing it; the fills"
          + " are the record";

  private final OrderStore store;
  private final Ledger ledger;
  private final Clock clock;

  BookReconciler(OrderStore store, Ledger ledger, Clock clock) {
    this.store = store;
    this.ledger = ledger;
    this.clock = clock;
  }

  Reconciliation run() {
    Instant at = clock.instant();
    List<String> accounts = store.accounts();
    List<Discrepancy> found = new ArrayList<>();
    for (String account : accounts) {
      found.addAll(store.inAccount(account, this::check));
    }
    return new Reconciliation(at, accounts.size(), found);
  }

  private List<Discrepancy> check(AccountBook book) {
    Findings out = new Findings(book.account());
    List<ClientOrder> orders = book.orders();
    List<OrderFill> fills = book.fills();
    checkOrders(out, orders, fills);
    checkPositions(out, fills, book.positions());
    boolean ledgerWorkPending = false;
    for (OutboxEntry entry : book.outbox()) {
      ledgerWorkPending |= !entry.kind().isVenueWork();
      out.add(
          DiscrepancyKind.OUTBOX_PENDING,
          entry.clientOrderId(),
          null,
          entry.id(),
          null,
          null,
          Remedy.AWAIT_OUTBOX,
          "outbox entry "
              + entry.id()
              + " ("
              + entry.kind()
              + " of order "
              + entry.clientOrderId()
              + ") is not done yet",
          "recover() does it, or the account's next call");
    }
    if (!ledgerWorkPending) {
      checkLedger(out, orders, fills);
    }
    return out.list;
  }

  // ---------------------------------------------------------------- orders and fills

  /** The sums of one order's fills. */
  private static final class FillTotals {
    int count;
    BigDecimal qty = BigDecimal.ZERO;
    BigDecimal value = BigDecimal.ZERO;
    BigDecimal amount = BigDecimal.ZERO;

    void add(OrderFill fill) {
      count++;
      qty = qty.add(fill.qty());
      value = value.add(fill.qty().multiply(fill.price()));
      amount = amount.add(fill.amount());
    }
  }

  private static void checkOrders(Findings out, List<ClientOrder> orders, List<OrderFill> fills) {
    Set<String> known = new HashSet<>();
    for (ClientOrder o : orders) {
      known.add(o.clientOrderId());
    }
    Map<String, FillTotals> totals = new HashMap<>();
    for (OrderFill f : fills) {
      if (!known.contains(f.clientOrderId())) {
        out.add(
            DiscrepancyKind.FILL_WITHOUT_ORDER,
            f.clientOrderId(),
            f.symbol(),
            f.execId(),
            null,
            f.qty(),
            Remedy.INVESTIGATE,
            "fill "
                + f.execId()
                + " of "
                + f.qty().toPlainString()
                + " "
                + f.symbol()
                + " names order "
                + f.clientOrderId()
                + ", which the book does not hold",
            INVESTIGATE);
      }
      totals.computeIfAbsent(f.clientOrderId(), k -> new FillTotals()).add(f);
    }
    for (ClientOrder o : orders) {
      FillTotals t = totals.getOrDefault(o.clientOrderId(), new FillTotals());
      compare(out, o, DiscrepancyKind.FILLED_QTY_MISMATCH, "filledQty", t.qty, o.filledQty());
      compare(
          out,
          o,
          DiscrepancyKind.FILLED_AMOUNT_MISMATCH,
          "filledAmount",
          t.amount,
          o.filledAmount());
      compare(
          out, o, DiscrepancyKind.FILLED_VALUE_MISMATCH, "filledValue", t.value, o.filledValue());
      checkStatus(out, o, t);
    }
  }

  private static void compare(
      Findings out,
      ClientOrder o,
      DiscrepancyKind kind,
      String field,
      BigDecimal expected,
      BigDecimal actual) {
    if (expected.compareTo(actual) != 0) {
      out.add(
          kind,
          o.clientOrderId(),
          o.symbol(),
          null,
          expected,
          actual,
          Remedy.INVESTIGATE,
          "order "
              + o.clientOrderId()
              + " has "
              + field
              + " "
              + actual.toPlainString()
              + ", its fills add up to "
              + expected.toPlainString(),
          INVESTIGATE);
    }
  }

  private static void checkStatus(Findings out, ClientOrder o, FillTotals t) {
    ClientOrderStatus status = o.status();
    String problem = null;
    switch (status) {
      case DENIED, REJECTED, PENDING_NEW, ACCEPTED -> {
        if (t.count > 0) {
          problem = "has " + t.count + " fill(s) of " + t.qty.toPlainString();
        }
      }
      default -> {
        BigDecimal notional = o.notional();
        BigDecimal limit = notional != null ? notional : o.qty();
        if (limit == null) {
          problem = "has neither qty nor notional";
          break;
        }
        BigDecimal done = notional != null ? t.amount : t.qty;
        int cmp = done.compareTo(limit);
        if (cmp > 0) {
          out.add(
              DiscrepancyKind.OVERFILLED,
              o.clientOrderId(),
              o.symbol(),
              null,
              limit,
              done,
              Remedy.INVESTIGATE,
              "order "
                  + o.clientOrderId()
                  + " ("
                  + status
                  + ") of "
                  + (notional != null ? "notional " : "qty ")
                  + limit.toPlainString()
                  + " has fills of "
                  + done.toPlainString(),
              INVESTIGATE);
          return;
        }
        boolean complete = cmp == 0;
        String remaining = limit.subtract(done).toPlainString();
        if (status == ClientOrderStatus.FILLED && !complete) {
          problem = "has " + remaining + " remaining by its fills";
        } else if (status == ClientOrderStatus.PARTIALLY_FILLED && t.count == 0) {
          problem = "has no fill";
        } else if (status != ClientOrderStatus.FILLED && complete) {
          problem = "is complete by its fills (it would be FILLED)";
        }
      }
    }
    if (problem != null) {
      out.add(
          DiscrepancyKind.STATUS_MISMATCH,
          o.clientOrderId(),
          o.symbol(),
          null,
          null,
          null,
          Remedy.INVESTIGATE,
          "order " + o.clientOrderId() + " is " + status + " but " + problem,
          INVESTIGATE);
    }
  }

  // ---------------------------------------------------------------- positions

  private static void checkPositions(
      Findings out, List<OrderFill> fills, List<ClientPosition> positions) {
    Map<String, ClientPosition> implied = new TreeMap<>();
    for (OrderFill f : fills) {
      ClientPosition p = implied.get(f.symbol());
      if (p == null) {
        p = ClientPosition.flat(out.account, f.symbol());
      }
      implied.put(f.symbol(), PositionMath.apply(p, f.side(), f.qty(), f.price(), f.amount()));
    }
    Map<String, ClientPosition> held = new TreeMap<>();
    for (ClientPosition p : positions) {
      held.put(p.symbol(), p);
    }
    Set<String> symbols = new TreeSet<>(implied.keySet());
    symbols.addAll(held.keySet());
    for (String symbol : symbols) {
      ClientPosition expected = implied.get(symbol);
      ClientPosition actual = held.get(symbol);
      if (actual == null) {
        ClientPosition e = Args.notNull(expected, "implied position");
        out.add(
            DiscrepancyKind.POSITION_MISSING,
            null,
            symbol,
            null,
            e.qty(),
            null,
            Remedy.INVESTIGATE,
            "the fills in "
                + symbol
                + " imply a position of "
                + e.qty().toPlainString()
                + " and the book holds none",
            INVESTIGATE);
      } else if (expected == null) {
        out.add(
            DiscrepancyKind.POSITION_WITHOUT_FILLS,
            null,
            symbol,
            null,
            BigDecimal.ZERO,
            actual.qty(),
            Remedy.INVESTIGATE,
            "the book holds a position of "
                + actual.qty().toPlainString()
                + " "
                + symbol
                + " without a fill in it",
            INVESTIGATE);
      } else {
        comparePosition(
            out,
            symbol,
            DiscrepancyKind.POSITION_QTY_MISMATCH,
            "qty",
            expected.qty(),
            actual.qty());
        comparePosition(
            out,
            symbol,
            DiscrepancyKind.COST_BASIS_MISMATCH,
            "cost basis",
            expected.costBasis(),
            actual.costBasis());
        comparePosition(
            out,
            symbol,
            DiscrepancyKind.REALIZED_PNL_MISMATCH,
            "realized P&L",
            expected.realizedPnl(),
            actual.realizedPnl());
      }
    }
  }

  private static void comparePosition(
      Findings out,
      String symbol,
      DiscrepancyKind kind,
      String field,
      BigDecimal expected,
      BigDecimal actual) {
    if (expected.compareTo(actual) != 0) {
      out.add(
          kind,
          null,
          symbol,
          null,
          expected,
          actual,
          Remedy.INVESTIGATE,
          "the position in "
              + symbol
              + " has "
              + field
              + " "
              + actual.toPlainString()
              + ", its fills imply "
              + expected.toPlainString(),
          INVESTIGATE);
    }
  }

  // ---------------------------------------------------------------- ledger

  private void checkLedger(Findings out, List<ClientOrder> orders, List<OrderFill> fills) {
    String account = out.account;
    LedgerScan scan = LedgerScan.of(ledger, account);
    Map<String, ClientOrder> byId = new HashMap<>();
    Set<String> currentHolds = new HashSet<>();
    for (ClientOrder o : orders) {
      byId.put(o.clientOrderId(), o);
      if (!o.isOpen() || !o.isBuy()) {
        continue;
      }
      long held = 0;
      int generation = o.holdGeneration();
      if (generation > 0) {
        String cash = ClientCash.holdId(account, o.clientOrderId(), generation, ClientCash.CASH);
        String debit = ClientCash.holdId(account, o.clientOrderId(), generation, ClientCash.DEBIT);
        currentHolds.add(cash);
        currentHolds.add(debit);
        held = scan.live(cash) + scan.live(debit);
      }
      BigDecimal reserve = reserveOf(o);
      if (reserve == null || ClientCash.cents(reserve) != held) {
        out.add(
            DiscrepancyKind.HOLD_MISMATCH,
            o.clientOrderId(),
            o.symbol(),
            generation > 0
                ? ClientCash.holdId(account, o.clientOrderId(), generation, ClientCash.CASH)
                : null,
            reserve,
            ClientCash.usd(held),
            Remedy.INVESTIGATE,
            "open buy "
                + o.clientOrderId()
                + " reserves "
                + (reserve == null ? "an amount that cannot be computed" : reserve.toPlainString())
                + " and the ledger holds "
                + ClientCash.usd(held).toPlainString()
                + " for it (hold generation "
                + generation
                + ")",
            "find what posted or voided its hold behind the order service; the buying power is off"
                + " by the difference until it is repaired");
      }
    }
    for (RecordedTransfer hold : scan.liveHolds()) {
      if (currentHolds.contains(hold.id())) {
        continue;
      }
      String coid = holdOrder(account, hold.id());
      ClientOrder order = coid == null ? null : byId.get(coid);
      String whose =
          coid == null
              ? "of no order the service names"
              : order == null
                  ? "of order " + coid + ", which the book does not hold"
                  : "of order " + coid + ", which is " + order.status();
      out.add(
          DiscrepancyKind.ORPHAN_HOLD,
          coid,
          order == null ? null : order.symbol(),
          hold.id(),
          BigDecimal.ZERO.setScale(2),
          ClientCash.usd(hold.amount()),
          Remedy.INVESTIGATE,
          "hold "
              + hold.id()
              + " "
              + whose
              + ", still holds "
              + ClientCash.usd(hold.amount()).toPlainString()
              + " of the client's cash",
          "find why it was left pending, then void it in the ledger: it lowers the client's buying"
              + " power for nothing");
    }
    long buys = 0;
    long sells = 0;
    for (OrderFill f : fills) {
      long cents = ClientCash.cents(f.amount());
      if (f.side() == dev.speedtrade.broker.OrderSide.BUY) {
        buys += cents;
      } else {
        sells += cents;
      }
    }
    compareTotal(
        out, DiscrepancyKind.LEDGER_BUYS_MISMATCH, "spent on buys", buys, scan.buysSpent());
    compareTotal(
        out,
        DiscrepancyKind.LEDGER_SELLS_MISMATCH,
        "credited for sales",
        sells,
        scan.sellsCredited());
  }

  private static void compareTotal(
      Findings out, DiscrepancyKind kind, String what, long expected, long actual) {
    if (expected != actual) {
      out.add(
          kind,
          null,
          null,
          null,
          ClientCash.usd(expected),
          ClientCash.usd(actual),
          Remedy.INVESTIGATE,
          "the ledger says the order service "
              + what
              + " "
              + ClientCash.usd(actual).toPlainString()
              + " for account "
              + out.account
              + ", its fills add up to "
              + ClientCash.usd(expected).toPlainString(),
          "list the client's transfers coded "
              + (kind == DiscrepancyKind.LEDGER_BUYS_MISMATCH
                  ? ClientCash.HOLD_CODE + " (posts) and " + ClientCash.BUY_CODE
                  : ClientCash.SELL_CODE)
              + " and find the one no fill accounts for");
    }
  }

  private static @Nullable BigDecimal reserveOf(ClientOrder order) {
    try {
      return order.reserve();
    } catch (SpeedTradeException e) {
      return null;
    }
  }

  /**
   * Returns the client order id in a readable hold id ({@code
   * oms:<account>:<order>:hold:<n>:<part>}); null for another id (a hashed one, or none of the
   * service's).
   */
  static @Nullable String holdOrder(String account, String transferId) {
    String prefix = "oms:" + account + ":";
    if (!transferId.startsWith(prefix)) {
      return null;
    }
    String[] parts = transferId.substring(prefix.length()).split(":", -1);
    return parts.length == 4 && parts[1].equals("hold") ? parts[0] : null;
  }

  /** One account's discrepancies, in the order found. */
  private static final class Findings {
    final String account;
    final List<Discrepancy> list = new ArrayList<>();

    Findings(String account) {
      this.account = account;
    }

    void add(
        DiscrepancyKind kind,
        @Nullable String clientOrderId,
        @Nullable String symbol,
        @Nullable String reference,
        @Nullable BigDecimal expected,
        @Nullable BigDecimal actual,
        Remedy remedy,
        String message,
        String suggestion) {
      list.add(
          new Discrepancy(
              kind,
              account,
              clientOrderId,
              symbol,
              reference,
              expected,
              actual,
              remedy,
              "account " + account + ": " + message,
              suggestion));
    }
  }
}
