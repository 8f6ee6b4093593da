package dev.speedtrade.examples.cli;

import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientOrder;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.oms.OrderResult;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.Portfolio;
import dev.speedtrade.oms.ReplaceOrder;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.oms.VenueEvents;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.risk.RateLimit;
import dev.speedtrade.risk.RiskControls;
import dev.speedtrade.risk.RiskLimits;
import dev.speedtrade.risk.TradingState;
import dev.speedtrade.risk.TradingWindow;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The script target of {@code orders run} on the SDK's own order service: in-memory books and
 * ledger, a market set by hand, a clock the script steps, and no venue (the script's venue steps
 * are the venue). After every step it checks that the ledger's trial balance is zero.
 */
final class OrdersEngineTarget implements OrdersScriptTarget {
  private static final String OPERATOR = "script";

  private final SteppingClock clock;
  private final InMemoryLedger ledger;
  private final InMemoryMarket market;
  private final RiskControls controls;
  private final OrderService orders;
  private final VenueEvents venue;
  private int step;
  // Script account ids may hold any character; ledger account ids (user:<id>:cash) take
  // [A-Za-z0-9._-] only, so each script account trades under an id of the target's own.
  private final Map<String, String> engineIds = new HashMap<>();
  private final Map<String, String> scriptIds = new HashMap<>();

  private OrdersEngineTarget(OrdersScript script) {
    clock = new SteppingClock(script.clock());
    ledger = new InMemoryLedger(clock);
    market = new InMemoryMarket(script.marketOpen());
    controls = RiskControls.inMemory(clock);
    orders =
        OrderService.builder()
            .ledger(ledger)
            .market(market)
            .riskControls(controls)
            .clock(clock)
            .build();
    venue = orders.venue();
    if (script.tradingState() != OrdersScript.TradingState.ACTIVE) {
      controls.setTradingState(state(script.tradingState()), OPERATOR, "script start");
    }
    for (OrdersScript.Instrument i : script.instruments()) {
      market.put(
          new Instrument(
              i.symbol(), i.assetClass(), i.tradable(), i.fractionable(), i.shortable(), i.mark()));
    }
    for (OrdersScript.Account account : script.accounts()) {
      open(account);
    }
    checkTrialBalance();
  }

  /** Opens a fresh order service for {@code script}. */
  static OrdersScriptTarget open(OrdersScript script) {
    return new OrdersEngineTarget(script);
  }

  private void open(OrdersScript.Account account) {
    String id = "client-" + (scriptIds.size() + 1);
    engineIds.put(account.id(), id);
    scriptIds.put(id, account.id());
    orders.openAccount(id);
    long cents = account.cash().movePointRight(2).longValueExact();
    if (cents > 0) {
      TransferResult result =
          ledger
              .submit(
                  Transfer.single(
                      "orders-run:deposit:" + id.length() + ":" + id,
                      ClientLedgerAccounts.PSP,
                      ClientLedgerAccounts.cash(id),
                      cents,
                      "deposit"))
              .result();
      if (!result.isSuccess()) {
        throw new IllegalStateException("the starting cash of '" + id + "' was refused: " + result);
      }
    }
    if (account.tradingState() != OrdersScript.TradingState.ACTIVE) {
      controls.setTradingState(id, state(account.tradingState()), OPERATOR, "script start");
    }
    controls.setLimits(id, limits(account.limits()));
  }

  /**
   * The id {@code scriptAccount} trades under; for an account the script did not list, an id no
   * account can have (a colon is not allowed in one), which the service answers ACCOUNT_NOT_FOUND.
   */
  private String engineId(String scriptAccount) {
    String id = engineIds.get(scriptAccount);
    return id != null ? id : "unknown:account";
  }

  private String scriptId(String engineAccount) {
    String id = scriptIds.get(engineAccount);
    if (id == null) {
      throw new IllegalStateException("the service holds an account the script never opened");
    }
    return id;
  }

  private static RiskLimits limits(OrdersScript.Limits limits) {
    RiskLimits.Builder b = RiskLimits.builder();
    if (limits.maxOrderQty() != null) {
      b.maxOrderQty(limits.maxOrderQty());
    }
    if (limits.maxOrderNotional() != null) {
      b.maxOrderNotional(limits.maxOrderNotional());
    }
    if (limits.maxPositionQty() != null) {
      b.maxPositionQty(limits.maxPositionQty());
    }
    Set<String> blocked = new TreeSet<>(limits.blockedSymbols());
    b.blockedSymbols(blocked);
    OrdersScript.TradingWindow window = limits.tradingWindow();
    if (window != null) {
      b.tradingWindow(new TradingWindow(window.start(), window.end()));
    }
    OrdersScript.RateLimit rate = limits.rateLimit();
    if (rate != null) {
      b.rateLimit(new RateLimit(rate.orders(), rate.seconds()));
    }
    return b.build();
  }

  private static TradingState state(OrdersScript.TradingState state) {
    return TradingState.valueOf(state.name());
  }

  // ---------------------------------------------------------------- steps

  @Override
  public String submit(OrdersScript.Submit s) {
    SubmitOrder.Builder b =
        SubmitOrder.builder()
            .account(engineId(s.account()))
            .clientOrderId(s.clientOrderId())
            .symbol(s.symbol())
            .side(s.side())
            .type(s.type())
            .timeInForce(s.tif());
    if (s.qty() != null) {
      b.qty(s.qty());
    }
    if (s.notional() != null) {
      b.notional(s.notional());
    }
    if (s.limitPrice() != null) {
      b.limitPrice(s.limitPrice());
    }
    if (s.stopPrice() != null) {
      b.stopPrice(s.stopPrice());
    }
    return after(orders.submit(b.build()));
  }

  @Override
  public String venueAccept(OrdersScript.VenueAccept s) {
    return after(venue.venueAccept(engineId(s.account()), s.clientOrderId()));
  }

  @Override
  public String venueReject(OrdersScript.VenueReject s) {
    return after(venue.venueReject(engineId(s.account()), s.clientOrderId(), s.reason()));
  }

  @Override
  public String fill(OrdersScript.Fill s) {
    return after(
        venue.fill(engineId(s.account()), s.clientOrderId(), s.execId(), s.qty(), s.price()));
  }

  @Override
  public String cancel(OrdersScript.Cancel s) {
    return after(orders.cancel(engineId(s.account()), s.clientOrderId()));
  }

  @Override
  public String cancelAck(OrdersScript.CancelAck s) {
    return after(venue.cancelAck(engineId(s.account()), s.clientOrderId()));
  }

  @Override
  public String cancelReject(OrdersScript.CancelReject s) {
    return after(venue.cancelReject(engineId(s.account()), s.clientOrderId()));
  }

  @Override
  public String replace(OrdersScript.Replace s) {
    ReplaceOrder.Builder b =
        ReplaceOrder.builder(engineId(s.account()), s.clientOrderId(), s.newClientOrderId());
    if (s.qty() != null) {
      b.qty(s.qty());
    }
    if (s.limitPrice() != null) {
      b.limitPrice(s.limitPrice());
    }
    if (s.stopPrice() != null) {
      b.stopPrice(s.stopPrice());
    }
    if (s.tif() != null) {
      b.timeInForce(s.tif());
    }
    return after(orders.replace(b.build()));
  }

  @Override
  public String replaceAck(OrdersScript.ReplaceAck s) {
    return after(venue.replaceAck(engineId(s.account()), s.clientOrderId()));
  }

  @Override
  public String replaceReject(OrdersScript.ReplaceReject s) {
    return after(venue.replaceReject(engineId(s.account()), s.clientOrderId()));
  }

  @Override
  public String expire(OrdersScript.Expire s) {
    return after(venue.expire(engineId(s.account()), s.clientOrderId()));
  }

  @Override
  public String endOfDay(OrdersScript.EndOfDay s) {
    venue.endOfDay();
    return ok();
  }

  @Override
  public String mark(OrdersScript.Mark s) {
    return market.mark(s.symbol(), s.price()) ? ok() : "UNKNOWN_SYMBOL";
  }

  @Override
  public String advance(OrdersScript.Advance s) {
    clock.advance(Duration.ofSeconds(s.seconds()));
    return ok();
  }

  @Override
  public String setMarket(OrdersScript.SetMarket s) {
    market.setOpen(s.open());
    return ok();
  }

  @Override
  public String setTradingState(OrdersScript.SetTradingState s) {
    String scriptAccount = s.account();
    String account = scriptAccount == null ? null : engineId(scriptAccount);
    if (account == null) {
      controls.setTradingState(state(s.state()), OPERATOR, "step " + step);
    } else if (!orders.hasAccount(account)) {
      step++;
      return "ACCOUNT_NOT_FOUND";
    } else {
      controls.setTradingState(account, state(s.state()), OPERATOR, "step " + step);
    }
    return ok();
  }

  private String after(OrderResult result) {
    step++;
    checkTrialBalance();
    return result.code();
  }

  private String ok() {
    step++;
    checkTrialBalance();
    return "OK";
  }

  // ---------------------------------------------------------------- state

  @Override
  public @Nullable String status(String scriptAccount, String clientOrderId) {
    String account = engineId(scriptAccount);
    if (!orders.hasAccount(account)) {
      return null;
    }
    return orders.order(account, clientOrderId).map(o -> o.status().name()).orElse(null);
  }

  @Override
  public List<OrderSnapshot> orders() {
    List<OrderSnapshot> all = new ArrayList<>();
    for (String account : orders.accounts()) {
      for (ClientOrder o : orders.orders(account)) {
        all.add(
            new OrderSnapshot(
                scriptId(o.account()),
                o.clientOrderId(),
                o.symbol(),
                o.side(),
                o.type(),
                o.timeInForce(),
                o.qty(),
                o.notional(),
                o.limitPrice(),
                o.stopPrice(),
                o.status().name(),
                o.reason(),
                o.filledQty(),
                o.avgFillPrice(),
                o.remaining(),
                o.replaces(),
                o.replacedBy()));
      }
    }
    return all;
  }

  @Override
  public List<PositionSnapshot> positions() {
    List<PositionSnapshot> all = new ArrayList<>();
    for (String account : orders.accounts()) {
      for (ClientPosition p : orders.positions(account)) {
        BigDecimal mark =
            market
                .instrument(p.symbol())
                .map(Instrument::mark)
                .orElseThrow(() -> new IllegalStateException("no mark for " + p.symbol()));
        all.add(
            new PositionSnapshot(
                scriptId(p.account()),
                p.symbol(),
                p.qty(),
                p.avgEntryPrice(),
                p.costBasis(),
                p.realizedPnl(),
                p.unrealizedPnl(mark),
                p.marketValue(mark)));
      }
    }
    return all;
  }

  @Override
  public List<AccountSnapshot> accounts() {
    List<AccountSnapshot> all = new ArrayList<>();
    for (String account : orders.accounts()) {
      Portfolio p = orders.portfolio(account);
      all.add(new AccountSnapshot(scriptId(account), p.cash(), p.buyingPower(), p.equity()));
    }
    return all;
  }

  /**
   * Checks the ledger's trial balance over every account the service made: debits posted equal
   * credits posted, and pending debits equal pending credits; anything else is a bug (exit 1).
   */
  private void checkTrialBalance() {
    List<LedgerAccount> accounts = new ArrayList<>(ClientLedgerAccounts.platform());
    for (String account : orders.accounts()) {
      accounts.addAll(ClientLedgerAccounts.client(account));
    }
    long posted = 0;
    long pending = 0;
    for (LedgerAccount account : accounts) {
      AccountBalances b =
          ledger
              .balances(account.id())
              .orElseThrow(() -> new IllegalStateException("no ledger account " + account.id()));
      posted += b.debitsPosted() - b.creditsPosted();
      pending += b.debitsPending() - b.creditsPending();
    }
    if (posted != 0 || pending != 0) {
      throw new IllegalStateException(
          "the ledger's trial balance is not zero after step "
              + step
              + ": posted "
              + posted
              + ", pending "
              + pending);
    }
  }
}
