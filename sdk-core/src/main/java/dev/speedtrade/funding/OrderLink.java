package dev.speedtrade.funding;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.funding.spi.FundingBook;
import dev.speedtrade.oms.ClientOrderStatus;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.MarketView;
import dev.speedtrade.oms.OrderCode;
import dev.speedtrade.oms.OrderFill;
import dev.speedtrade.oms.OrderResult;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The funding service's trades through the order service, on an omnibus platform: auto-invest's
 * buys, the sales that raise an approved withdrawal's shortfall, positions, and the equity sales to
 * settle. The order service keeps each trade's cash on the same ledger accounts (holds its
 * reserves, posts its fills, equity proceeds to {@code unsettled}); funding only settles them.
 *
 * <p>Every order's client order id is derived from the funding record that made it, so submitting
 * again after a crash or a retry answers {@code EXISTS} and trades nothing twice.
 */
final class OrderLink {
  private static final Logger log = LoggerFactory.getLogger(OrderLink.class);
  private static final int QTY_SCALE = 9;

  private final OrderService orders;
  private final MarketView market;
  private final SettlementCalendar calendar;

  OrderLink(OrderService orders, MarketView market, SettlementCalendar calendar) {
    this.orders = orders;
    this.market = market;
    this.calendar = calendar;
  }

  void open(String user) {
    orders.openAccount(user);
  }

  /** Returns {@code user}'s positions by symbol, each quantity as the order service books it. */
  List<ClientPosition> positions(String user) {
    return orders.positions(user).stream().filter(p -> p.qty().signum() != 0).toList();
  }

  /**
   * Submits an auto-invest order as a notional market buy (day); returns true when the order
   * service took it (now or before), false when it refused it.
   */
  boolean buy(InvestOrder order) {
    OrderResult r =
        orders.submit(
            SubmitOrder.builder()
                .account(order.user())
                .clientOrderId(order.id())
                .symbol(order.symbol())
                .side(OrderSide.BUY)
                .type(OrderType.MARKET)
                .timeInForce(TimeInForce.DAY)
                .notional(order.notional())
                .build());
    return taken(r, order.id());
  }

  /**
   * Sells enough of {@code w}'s user's positions, largest value first, to raise {@code shortfall}
   * at today's marks: whole shares of an instrument that is not fractionable, each rounded up.
   * Returns the client order ids it submitted (or found submitted).
   */
  List<String> sellFor(Withdrawal w, BigDecimal shortfall) {
    // Each instrument read once: on a venue, a read is a call to its market data.
    List<Held> held = new ArrayList<>();
    for (ClientPosition p : positions(w.user())) {
      Instrument instrument = market.instrument(p.symbol()).orElse(null);
      if (p.qty().signum() > 0 && instrument != null && instrument.mark().signum() > 0) {
        held.add(new Held(p, instrument));
      }
    }
    held.sort(
        Comparator.comparing((Held h) -> h.position().qty().multiply(h.instrument().mark()))
            .reversed()
            .thenComparing(h -> h.position().symbol()));
    BigDecimal left = shortfall;
    List<String> sold = new ArrayList<>();
    for (Held h : held) {
      if (left.signum() <= 0) {
        break;
      }
      ClientPosition p = h.position();
      Instrument instrument = h.instrument();
      BigDecimal mark = instrument.mark();
      int scale = instrument.fractionable() ? QTY_SCALE : 0;
      BigDecimal qty = left.divide(mark, scale, RoundingMode.UP).min(p.qty());
      if (qty.signum() <= 0) {
        continue;
      }
      String id = FundingIds.of("wd", w.id(), "sell", p.symbol());
      OrderResult r =
          orders.submit(
              SubmitOrder.builder()
                  .account(w.user())
                  .clientOrderId(id)
                  .symbol(p.symbol())
                  .side(OrderSide.SELL)
                  .type(OrderType.MARKET)
                  .timeInForce(TimeInForce.DAY)
                  .qty(qty)
                  .build());
      if (taken(r, id)) {
        sold.add(id);
        left = left.subtract(qty.multiply(mark));
      }
    }
    return List.copyOf(sold);
  }

  /**
   * Returns the equity sales of {@code users} the book has not recorded, each with its settlement
   * date (the trading day after the fill's New York date); crypto proceeds are cash at once and
   * need none.
   */
  List<Sale> newSales(FundingBook book, List<String> users) {
    List<Sale> sales = new ArrayList<>();
    for (String user : users) {
      for (OrderFill fill : orders.fills(user)) {
        if (fill.side() != OrderSide.SELL || book.hasFill(fill.execId())) {
          continue;
        }
        boolean crypto =
            market
                .instrument(fill.symbol())
                .map(i -> i.assetClass() == AssetClass.CRYPTO)
                .orElse(false);
        if (!crypto) {
          sales.add(
              new Sale(
                  fill.execId(),
                  user,
                  fill.amount(),
                  calendar.settlementDate(fill.at().atZone(FundingService.NEW_YORK).toLocalDate()),
                  false));
        }
      }
    }
    return sales;
  }

  private boolean taken(OrderResult r, String clientOrderId) {
    boolean ok = r.outcome() == OrderCode.OK || r.outcome() == OrderCode.EXISTS;
    boolean denied = r.order() != null && r.order().status() == ClientOrderStatus.DENIED;
    if (!ok || denied) {
      log.warn(
          "the order service did not take funding order {}: {} {}",
          clientOrderId,
          r.outcome(),
          r.denial());
      return false;
    }
    return true;
  }

  /** A position to sell from, with its instrument as read once. */
  private record Held(ClientPosition position, Instrument instrument) {}
}
