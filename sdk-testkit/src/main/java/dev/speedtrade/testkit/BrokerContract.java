package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.AccountStatus;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.AssetStatus;
import dev.speedtrade.broker.Broker;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.PositionSide;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradeUpdateEvent;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.event.Subscription;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Broker} as JUnit tests: the account, placing market, notional and limit
 * orders and seeing them fill, looking orders up, idempotent client order ids, cancels, closing
 * positions, assets, the refusals with their {@link ErrorCode}s, trade updates and the ordering
 * promises.
 *
 * <p>Replacing orders is covered too: a new order with a new id that names the old one, the old one
 * ending replaced and keeping its fills, refusals of closed, unknown and malformed orders.
 *
 * <p>An adapter proves it keeps the contract by extending this class in its own tests:
 *
 * <pre>{@code
 * class SimulatedBrokerContractTest extends BrokerContract {
 *   private SimulatedBroker broker;
 *
 *   protected Broker openStandardAccount(Clock clock) {
 *     broker = BrokerContract.standardSimulatedBroker(clock);
 *     return broker;
 *   }
 *
 *   protected void fillMarketableOrders() {
 *     broker.matchOrders();
 *   }
 * }
 * }</pre>
 *
 * <h2>The standard account</h2>
 *
 * <p>Before each test the contract calls {@link #openStandardAccount(Clock)} once, with a {@link
 * ManualClock} standing at {@link #STANDARD_START} (Tuesday 2026-11-24, 10:00 New York time, in the
 * regular session) that no test moves. The broker it returns must hold an account, shared with no
 * other test, that is exactly:
 *
 * <ul>
 *   <li>{@link AccountStatus#ACTIVE}, trading not blocked, cash 100,000.00 USD, no positions, no
 *       orders;
 *   <li>the US equities market open, for the whole test;
 *   <li>these US equity listings, at prices that do not move during the test:
 *       <table>
 *         <caption>Standard listings</caption>
 *         <tr><th>Symbol</th><th>Name</th><th>Price</th><th>Status</th><th>Tradable</th>
 *             <th>Fractionable</th></tr>
 *         <tr><td>AAPL</td><td>Apple Inc.</td><td>100.00</td><td>ACTIVE</td><td>yes</td><td>yes</td></tr>
 *         <tr><td>MSFT</td><td>Microsoft Corporation</td><td>200.00</td><td>ACTIVE</td><td>yes</td>
 *             <td>yes</td></tr>
 *         <tr><td>WHOLE</td><td>Whole Units Corp.</td><td>10.00</td><td>ACTIVE</td><td>yes</td>
 *             <td>no</td></tr>
 *         <tr><td>GONE</td><td>Gone Corp.</td><td>5.00</td><td>INACTIVE</td><td>no</td><td>no</td></tr>
 *       </table>
 *   <li>no symbol {@code NOPE};
 *   <li>every market order fills completely at the listed price once {@link
 *       #fillMarketableOrders()} has run (it may fill earlier, even before {@code submitOrder}
 *       returns); every other order fills only when its limit is reached, which only a test that
 *       replaces a limit order with a marketable one does; nothing is rejected after acceptance, no
 *       fill is partial unless {@link #partiallyFill} makes it so.
 * </ul>
 *
 * <p>{@link #standardSimulatedBroker(Clock)} builds that account as a {@link SimulatedBroker}; an
 * adapter tested against a fake of its provider backs the fake with one.
 *
 * <h2>What the tests assume, and what they do not</h2>
 *
 * <p>Changes may become visible later than the call that caused them, as they do at a remote
 * broker: an order may come back from {@code submitOrder} as {@link OrderStatus#PENDING_NEW},
 * {@link OrderStatus#ACCEPTED}, {@link OrderStatus#NEW} or already {@link OrderStatus#FILLED}; a
 * cancel may pass through {@link OrderStatus#PENDING_CANCEL}; positions, cash and trade updates may
 * lag the order's status. The tests therefore re-read with a bounded wait (polling, at most {@link
 * #AWAIT_LIMIT}) wherever the Broker Javadoc allows a delay, and never wait a fixed time. A refusal
 * named by the Broker Javadoc must be thrown by the call itself, and must leave nothing placed. The
 * tests read no absolute timestamps and do not parse order ids; the unknown order ids they ask
 * about are a well-formed version-4 UUID and a few strings that are no order id at all. Client
 * order ids are fixed strings of at most 48 printable ASCII characters, each used by one test only.
 * Trade updates are matched by order id; events other than fills (such as {@code NEW} or {@code
 * PENDING_NEW}) may come or not.
 *
 * <h2>Bad arguments</h2>
 *
 * <p>Null, blank and malformed arguments are refused with the codes the Broker and {@link
 * MarketData} Javadoc names, by the call itself and before any request reaches the provider: an
 * adapter that overrides {@link #providerRequests()} proves that the count does not move. The
 * {@link MarketData} tests run on what {@link #standardMarketData()} returns, and are skipped when
 * it returns null.
 */
public abstract class BrokerContract {
  /**
   * Where the standard account's clock stands: 2026-11-24T15:00:00Z, Tuesday 10:00 in New York, a
   * regular trading day with the regular session open.
   */
  public static final Instant STANDARD_START = Instant.parse("2026-11-24T15:00:00Z");

  /** How long a test waits for a change to become visible before it fails: 5 seconds. */
  protected static final Duration AWAIT_LIMIT = Duration.ofSeconds(5);

  private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
  private static final Currency USD = Currency.getInstance("USD");
  private static final Money STANDARD_CASH = Money.of("100000.00", USD);
  private static final Price AAPL_PRICE = Price.of("100.00");
  private static final Price MSFT_PRICE = Price.of("200.00");
  private static final Price WHOLE_PRICE = Price.of("10.00");
  private static final Price GONE_PRICE = Price.of("5.00");
  private static final Asset AAPL = Asset.usEquity("AAPL", "Apple Inc.");
  private static final Asset MSFT = Asset.usEquity("MSFT", "Microsoft Corporation");
  private static final Asset WHOLE =
      new Asset(
          "WHOLE", "Whole Units Corp.", AssetClass.US_EQUITY, AssetStatus.ACTIVE, true, false);
  private static final Asset GONE =
      new Asset("GONE", "Gone Corp.", AssetClass.US_EQUITY, AssetStatus.INACTIVE, false, false);

  /** A well-formed order id (a version-4 UUID, as Alpaca's are) that no standard broker issues. */
  private static final String UNKNOWN_ORDER_ID = "0badc0de-0000-4000-8000-000000000000";

  private static final Set<OrderStatus> WORKING_AT_SUBMISSION =
      EnumSet.of(OrderStatus.PENDING_NEW, OrderStatus.ACCEPTED, OrderStatus.NEW);
  private static final Set<OrderStatus> ACCEPTED_AT_SUBMISSION =
      EnumSet.of(
          OrderStatus.PENDING_NEW,
          OrderStatus.ACCEPTED,
          OrderStatus.NEW,
          OrderStatus.PARTIALLY_FILLED,
          OrderStatus.FILLED);

  private @Nullable Broker broker;

  /** Creates the contract; the broker is opened before each test. */
  protected BrokerContract() {}

  /**
   * Returns a {@link SimulatedBroker} holding exactly the standard account described in the class
   * documentation: cash 100,000.00 USD, no positions, listings AAPL, MSFT, WHOLE and GONE, account
   * id {@code SIM-ACCOUNT}, seed 0, no partial fills, rejections, latency or random walk.
   *
   * @param clock the time source of the simulation; the market is open at its instant only when
   *     that instant lies in a regular session, as {@link #STANDARD_START} does
   * @return a new broker, shared with no one
   */
  public static SimulatedBroker standardSimulatedBroker(Clock clock) {
    return SimulatedBroker.builder()
        .clock(clock)
        .seed(0)
        .accountId("SIM-ACCOUNT")
        .cash(STANDARD_CASH)
        .listing(AAPL, AAPL_PRICE)
        .listing(MSFT, MSFT_PRICE)
        .listing(WHOLE, WHOLE_PRICE)
        .listing(GONE, GONE_PRICE)
        .build();
  }

  /**
   * Opens a new standard account (see the class documentation) and returns the broker for it.
   * Called once before each test; the broker must share no account, order or position with an
   * earlier test.
   *
   * @param clock a clock standing at {@link #STANDARD_START} for the whole test; pass it to
   *     whatever decides market hours and timestamps (the {@link SimulatedBroker} behind a fake
   *     provider, say)
   * @return the broker under test
   * @throws Exception when the account cannot be opened; the test then fails
   */
  protected abstract Broker openStandardAccount(Clock clock) throws Exception;

  /**
   * Lets the broker's market fill every order that can fill now, and finish every cancel requested
   * so far. The contract calls it after placing orders it expects to fill and after cancels, then
   * waits up to {@link #AWAIT_LIMIT} for the effects to show; it may return before they do. It must
   * not move prices or the clock, and must be harmless when nothing is pending. On a {@link
   * SimulatedBroker} it is {@link SimulatedBroker#matchOrders()}.
   *
   * @throws Exception when the market cannot be driven; the test then fails
   */
  protected abstract void fillMarketableOrders() throws Exception;

  /**
   * Fills {@code qty} units of the open limit order {@code orderId} at {@code price} (its limit),
   * leaving the rest open: a partial fill the standard market never makes by itself. The contract
   * calls it only to see that a replaced order keeps its fills, then waits up to {@link
   * #AWAIT_LIMIT} for the fill to show. On a {@link SimulatedBroker} it is {@link
   * SimulatedBroker#fill}. The default skips the test that needs it.
   *
   * @throws Exception when the fill cannot be made; the test then fails
   */
  protected void partiallyFill(String orderId, Quantity qty, Price price) throws Exception {
    Assumptions.abort("the adapter cannot script a partial fill (partiallyFill)");
  }

  /**
   * Releases what {@link #openStandardAccount(Clock)} started (connections, threads, a fake
   * server). Called once after each test, failed or not, when the account was opened; does nothing
   * unless overridden.
   *
   * @throws Exception when releasing fails; the test then fails
   */
  protected void closeStandardAccount() throws Exception {}

  /**
   * Returns how many requests the broker has sent to its provider so far (HTTP calls and stream
   * connections to a fake, say). The bad-argument tests check that refusing an argument does not
   * move it. A broker without a provider keeps the default, which is always 0.
   *
   * @throws Exception when the count cannot be read; the test then fails
   */
  protected long providerRequests() throws Exception {
    return 0;
  }

  /**
   * Returns the {@link MarketData} of the standard account's market, for the bad-argument tests of
   * {@link MarketData#snapshots}; called during a test, after {@link #openStandardAccount(Clock)}.
   * The default returns null, and those tests are skipped.
   *
   * @throws Exception when the market data cannot be had; the test then fails
   */
  protected @Nullable MarketData standardMarketData() throws Exception {
    return null;
  }

  /**
   * Returns the broker of the current test, as {@link #openStandardAccount(Clock)} returned it, for
   * an adapter's own tests written next to the contract's.
   *
   * @throws IllegalStateException when called outside a test
   */
  protected final Broker broker() {
    Broker current = broker;
    if (current == null) {
      throw new IllegalStateException("the broker is opened before each test; none is open now");
    }
    return current;
  }

  @BeforeEach
  void setUpBroker() throws Exception {
    broker = openStandardAccount(new ManualClock(STANDARD_START));
    assertThat(broker).as("openStandardAccount(clock)").isNotNull();
  }

  @AfterEach
  void tearDownBroker() throws Exception {
    if (broker != null) {
      broker = null;
      closeStandardAccount();
    }
  }

  // ------------------------------------------------------------------ account

  @Test
  void theStandardAccountIsActiveWithItsCashAndNothingElse() {
    Account account = broker().account();

    assertThat(account.id()).isNotBlank();
    assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(account.tradingBlocked()).isFalse();
    assertThat(account.cash()).isEqualTo(STANDARD_CASH);
    assertThat(account.equity()).isEqualTo(STANDARD_CASH);
    assertThat(account.buyingPower()).isGreaterThanOrEqualTo(STANDARD_CASH);
    assertThat(broker().positions()).isEmpty();
    assertThat(broker().openOrders()).isEmpty();
  }

  // ------------------------------------------------------------------ placing orders

  @Test
  void aMarketBuyFillsAtThePriceAndMovesExactlyItsCostFromCashIntoAPosition() throws Exception {
    BrokerOrder placed =
        broker().submitOrder(buy("AAPL", "10").clientOrderId("contract-market-buy").build());

    assertThat(placed.id()).isNotBlank();
    assertThat(placed.clientOrderId()).isEqualTo("contract-market-buy");
    assertThat(placed.symbol()).isEqualTo("AAPL");
    assertThat(placed.assetClass()).isEqualTo(AssetClass.US_EQUITY);
    assertThat(placed.side()).isEqualTo(OrderSide.BUY);
    assertThat(placed.type()).isEqualTo(OrderType.MARKET);
    assertThat(placed.timeInForce()).isEqualTo(TimeInForce.DAY);
    assertThat(placed.qty()).isEqualTo(Quantity.of(10));
    assertThat(placed.notional()).isNull();
    assertThat(placed.status()).isIn(ACCEPTED_AT_SUBMISSION);

    fillMarketableOrders();

    BrokerOrder filled = awaitOrderStatus(placed.id(), OrderStatus.FILLED);
    assertThat(filled.clientOrderId()).isEqualTo("contract-market-buy");
    assertThat(filled.filledQty()).isEqualTo(Quantity.of(10));
    assertThat(filled.filledAvgPrice()).isEqualTo(AAPL_PRICE);
    assertThat(filled.filledAt()).isNotNull();
    Position position = awaitPosition("AAPL", Quantity.of(10));
    assertThat(position.side()).isEqualTo(PositionSide.LONG);
    assertThat(position.assetClass()).isEqualTo(AssetClass.US_EQUITY);
    assertThat(position.avgEntryPrice()).isEqualTo(AAPL_PRICE);
    Account account = awaitCash(STANDARD_CASH.minus(cost("10", AAPL_PRICE)));
    assertThat(account.equity()).isEqualTo(STANDARD_CASH);
  }

  @Test
  void aNotionalBuyFillsTheUnitsItsAmountBuysAtThePrice() throws Exception {
    Money amount = Money.of("250.00", USD);
    BrokerOrder placed =
        broker()
            .submitOrder(
                OrderRequest.builder()
                    .symbol("AAPL")
                    .side(OrderSide.BUY)
                    .notional(amount)
                    .clientOrderId("contract-notional-buy")
                    .build());

    assertThat(placed.notional()).isEqualTo(amount);
    assertThat(placed.qty()).isNull();
    assertThat(placed.status()).isIn(ACCEPTED_AT_SUBMISSION);

    fillMarketableOrders();

    BrokerOrder filled = awaitOrderStatus(placed.id(), OrderStatus.FILLED);
    assertThat(filled.filledQty()).isEqualTo(Quantity.of("2.5"));
    assertThat(filled.filledAvgPrice()).isEqualTo(AAPL_PRICE);
    awaitPosition("AAPL", Quantity.of("2.5"));
    awaitCash(STANDARD_CASH.minus(amount));
  }

  @Test
  void aLimitBuyBelowThePriceStaysOpenAndIsFoundByEveryLookup() throws Exception {
    BrokerOrder placed =
        broker()
            .submitOrder(
                limitBuy("AAPL", "5", "90.00").clientOrderId("contract-limit-buy").build());

    assertThat(placed.type()).isEqualTo(OrderType.LIMIT);
    assertThat(placed.limitPrice()).isEqualTo(Price.of("90.00"));
    assertThat(placed.status()).isIn(WORKING_AT_SUBMISSION);

    fillMarketableOrders();

    BrokerOrder byId = broker().order(placed.id()).orElseThrow();
    assertThat(byId.isOpen()).as("open, status %s", byId.status()).isTrue();
    assertThat(byId.clientOrderId()).isEqualTo("contract-limit-buy");
    assertThat(byId.symbol()).isEqualTo("AAPL");
    assertThat(byId.qty()).isEqualTo(Quantity.of(5));
    assertThat(byId.filledQty().isZero()).isTrue();
    assertThat(broker().orderByClientOrderId("contract-limit-buy"))
        .map(BrokerOrder::id)
        .contains(placed.id());
    assertThat(broker().openOrders()).extracting(BrokerOrder::id).containsExactly(placed.id());
    assertThat(broker().positions()).isEmpty();
    assertThat(broker().account().cash()).isEqualTo(STANDARD_CASH);
  }

  @Test
  void theBrokerChoosesAClientOrderIdWhenTheRequestHasNone() {
    BrokerOrder placed = broker().submitOrder(limitBuy("AAPL", "1", "90.00").build());

    assertThat(placed.clientOrderId()).isNotBlank();
    assertThat(broker().orderByClientOrderId(placed.clientOrderId()))
        .map(BrokerOrder::id)
        .contains(placed.id());
  }

  @Test
  void lookupsOfAnUnknownOrderIdOrClientOrderIdAreEmpty() {
    broker()
        .submitOrder(limitBuy("AAPL", "1", "90.00").clientOrderId("contract-lookup-known").build());

    assertThat(broker().order(UNKNOWN_ORDER_ID)).isEmpty();
    assertThat(broker().orderByClientOrderId("contract-lookup-never-used")).isEmpty();
  }

  @Test
  void reusingAClientOrderIdIsRefusedAndPlacesNoSecondOrder() throws Exception {
    BrokerOrder first =
        broker()
            .submitOrder(
                limitBuy("AAPL", "5", "90.00").clientOrderId("contract-duplicate").build());

    assertRefused(
        () -> broker().submitOrder(buy("MSFT", "1").clientOrderId("contract-duplicate").build()),
        ErrorCode.DUPLICATE_CLIENT_ORDER_ID);

    fillMarketableOrders();
    assertThat(broker().orderByClientOrderId("contract-duplicate"))
        .hasValueSatisfying(
            order -> {
              assertThat(order.id()).isEqualTo(first.id());
              assertThat(order.symbol()).isEqualTo("AAPL");
            });
    assertThat(broker().openOrders()).extracting(BrokerOrder::id).containsExactly(first.id());
    assertThat(broker().positions()).isEmpty();
    assertThat(broker().account().cash()).isEqualTo(STANDARD_CASH);
  }

  // ------------------------------------------------------------------ canceling

  @Test
  void cancelingAnOpenOrderEndsItCanceledAndReleasesItsBuyingPower() throws Exception {
    Money buyingPowerBefore = broker().account().buyingPower();
    BrokerOrder placed =
        broker()
            .submitOrder(limitBuy("AAPL", "5", "90.00").clientOrderId("contract-cancel").build());

    broker().cancelOrder(placed.id());
    fillMarketableOrders();

    BrokerOrder canceled = awaitOrderStatus(placed.id(), OrderStatus.CANCELED);
    assertThat(canceled.canceledAt()).isNotNull();
    assertThat(canceled.filledQty().isZero()).isTrue();
    assertThat(broker().openOrders()).isEmpty();
    await(
        "buying power back at " + buyingPowerBefore,
        () -> broker().account(),
        account -> account.buyingPower().equals(buyingPowerBefore));
  }

  @Test
  void cancelingAnUnknownOrderIsRefusedAsNotFound() {
    assertRefused(() -> broker().cancelOrder(UNKNOWN_ORDER_ID), ErrorCode.ORDER_NOT_FOUND);
  }

  @Test
  void cancelingAFilledOrderIsRefusedAsNotCancelable() throws Exception {
    BrokerOrder placed =
        broker().submitOrder(buy("AAPL", "1").clientOrderId("contract-cancel-filled").build());
    fillMarketableOrders();
    awaitOrderStatus(placed.id(), OrderStatus.FILLED);

    assertRefused(() -> broker().cancelOrder(placed.id()), ErrorCode.ORDER_NOT_CANCELABLE);

    assertThat(broker().order(placed.id())).map(BrokerOrder::status).contains(OrderStatus.FILLED);
  }

  @Test
  void cancelingAllOrdersReportsEachOpenOrderAndLeavesNoneOpen() throws Exception {
    BrokerOrder done =
        broker().submitOrder(buy("WHOLE", "1").clientOrderId("contract-cancel-all-filled").build());
    fillMarketableOrders();
    awaitOrderStatus(done.id(), OrderStatus.FILLED);
    BrokerOrder aapl =
        broker()
            .submitOrder(
                limitBuy("AAPL", "5", "90.00").clientOrderId("contract-cancel-all-1").build());
    BrokerOrder msft =
        broker()
            .submitOrder(
                limitBuy("MSFT", "2", "150.00").clientOrderId("contract-cancel-all-2").build());

    List<CancelOutcome> outcomes = broker().cancelAllOrders();

    assertThat(outcomes)
        .extracting(CancelOutcome::orderId)
        .containsExactlyInAnyOrder(aapl.id(), msft.id());
    assertThat(outcomes)
        .allSatisfy(outcome -> assertThat(outcome.succeeded()).as("outcome %s", outcome).isTrue());
    fillMarketableOrders();
    awaitOrderStatus(aapl.id(), OrderStatus.CANCELED);
    awaitOrderStatus(msft.id(), OrderStatus.CANCELED);
    await("no open orders", () -> broker().openOrders(), List::isEmpty);
    assertThat(broker().order(done.id())).map(BrokerOrder::status).contains(OrderStatus.FILLED);
  }

  // ------------------------------------------------------------------ replacing

  @Test
  void replacingAnOpenOrderPlacesANewOrderThatNamesTheOldOneWhichEndsReplaced() throws Exception {
    List<TradeUpdate> received = new CopyOnWriteArrayList<>();
    Subscription subscription = broker().subscribe(received::add);
    try {
      BrokerOrder old =
          broker()
              .submitOrder(
                  limitBuy("AAPL", "5", "90.00").clientOrderId("contract-replace-old").build());

      BrokerOrder replacement =
          broker()
              .replaceOrder(
                  old.id(),
                  ReplaceRequest.builder()
                      .limitPrice(Price.of("95.00"))
                      .clientOrderId("contract-replace-new")
                      .build());

      assertThat(replacement.id()).isNotEqualTo(old.id());
      assertThat(replacement.replaces()).isEqualTo(old.id());
      assertThat(replacement.clientOrderId()).isEqualTo("contract-replace-new");
      assertThat(replacement.symbol()).isEqualTo("AAPL");
      assertThat(replacement.side()).isEqualTo(OrderSide.BUY);
      assertThat(replacement.type()).isEqualTo(OrderType.LIMIT);
      assertThat(replacement.timeInForce()).isEqualTo(TimeInForce.DAY);
      assertThat(replacement.limitPrice()).isEqualTo(Price.of("95.00"));
      assertThat(replacement.qty()).isEqualTo(Quantity.of(5));
      assertThat(replacement.filledQty().isZero()).isTrue();
      assertThat(replacement.status()).isIn(WORKING_AT_SUBMISSION);

      fillMarketableOrders();
      BrokerOrder replaced = awaitOrderStatus(old.id(), OrderStatus.REPLACED);
      assertThat(replaced.replacedBy()).isEqualTo(replacement.id());
      assertThat(replaced.isOpen()).isFalse();
      assertThat(replaced.limitPrice()).isEqualTo(Price.of("90.00"));
      assertThat(broker().order(replacement.id()))
          .hasValueSatisfying(order -> assertThat(order.replaces()).isEqualTo(old.id()));
      assertThat(broker().orderByClientOrderId("contract-replace-new"))
          .map(BrokerOrder::id)
          .contains(replacement.id());
      assertThat(broker().orderByClientOrderId("contract-replace-old"))
          .map(BrokerOrder::id)
          .contains(old.id());
      await(
          "only the new order open",
          () -> broker().openOrders(),
          open -> open.stream().map(BrokerOrder::id).toList().equals(List.of(replacement.id())));
      await(
          "buying power reserving the new limit",
          () -> broker().account(),
          account ->
              account.buyingPower().equals(STANDARD_CASH.minus(cost("5", Price.of("95.00")))));
      await(
          "a REPLACED update of order " + old.id(),
          () -> List.copyOf(received),
          list ->
              list.stream()
                  .anyMatch(
                      update ->
                          update.event() == TradeUpdateEvent.REPLACED
                              && update.order().id().equals(old.id())
                              && replacement.id().equals(update.order().replacedBy())));
    } finally {
      subscription.close();
    }
  }

  @Test
  void aReplacementFillsLikeAnyOrderWhenItsNewLimitIsMarketable() throws Exception {
    BrokerOrder old =
        broker()
            .submitOrder(
                limitBuy("AAPL", "3", "90.00").clientOrderId("contract-replace-cross").build());

    BrokerOrder replacement =
        broker()
            .replaceOrder(
                old.id(),
                ReplaceRequest.builder()
                    .limitPrice(Price.of("100.00"))
                    .clientOrderId("contract-replace-cross-2")
                    .build());
    fillMarketableOrders();

    BrokerOrder filled = awaitOrderStatus(replacement.id(), OrderStatus.FILLED);
    assertThat(filled.filledQty()).isEqualTo(Quantity.of(3));
    assertThat(filled.filledAvgPrice()).isEqualTo(AAPL_PRICE);
    assertThat(awaitOrderStatus(old.id(), OrderStatus.REPLACED).filledQty().isZero()).isTrue();
    awaitPosition("AAPL", Quantity.of(3));
  }

  @Test
  void aReplacedOrderKeepsItsFillsAndTheNewOrderAsksForTheRest() throws Exception {
    BrokerOrder old =
        broker()
            .submitOrder(
                limitBuy("AAPL", "5", "90.00").clientOrderId("contract-replace-partial").build());
    partiallyFill(old.id(), Quantity.of(2), Price.of("90.00"));
    awaitOrderStatus(old.id(), OrderStatus.PARTIALLY_FILLED);

    BrokerOrder replacement =
        broker()
            .replaceOrder(
                old.id(),
                ReplaceRequest.builder()
                    .limitPrice(Price.of("91.00"))
                    .clientOrderId("contract-replace-partial-2")
                    .build());

    assertThat(replacement.qty()).isEqualTo(Quantity.of(3));
    assertThat(replacement.filledQty().isZero()).isTrue();
    assertThat(replacement.replaces()).isEqualTo(old.id());
    fillMarketableOrders();
    BrokerOrder replaced = awaitOrderStatus(old.id(), OrderStatus.REPLACED);
    assertThat(replaced.filledQty()).isEqualTo(Quantity.of(2));
    assertThat(replaced.filledAvgPrice()).isEqualTo(Price.of("90.00"));
    assertThat(replaced.replacedBy()).isEqualTo(replacement.id());
    awaitPosition("AAPL", Quantity.of(2));
    awaitCash(STANDARD_CASH.minus(cost("2", Price.of("90.00"))));
  }

  @Test
  void replacingAFilledOrCanceledOrderIsRefusedAsNotReplaceable() throws Exception {
    BrokerOrder filled =
        broker().submitOrder(buy("AAPL", "1").clientOrderId("contract-replace-filled").build());
    BrokerOrder canceled =
        broker()
            .submitOrder(
                limitBuy("MSFT", "1", "150.00").clientOrderId("contract-replace-canceled").build());
    broker().cancelOrder(canceled.id());
    fillMarketableOrders();
    awaitOrderStatus(filled.id(), OrderStatus.FILLED);
    awaitOrderStatus(canceled.id(), OrderStatus.CANCELED);

    assertRefused(
        () -> broker().replaceOrder(filled.id(), ReplaceRequest.builder().qty("2").build()),
        ErrorCode.ORDER_NOT_REPLACEABLE);
    assertRefused(
        () ->
            broker()
                .replaceOrder(
                    canceled.id(),
                    ReplaceRequest.builder()
                        .limitPrice(Price.of("151.00"))
                        .clientOrderId("contract-replace-canceled-2")
                        .build()),
        ErrorCode.ORDER_NOT_REPLACEABLE);

    assertThat(broker().order(filled.id())).map(BrokerOrder::status).contains(OrderStatus.FILLED);
    assertThat(broker().order(canceled.id()))
        .map(BrokerOrder::status)
        .contains(OrderStatus.CANCELED);
    assertThat(broker().orderByClientOrderId("contract-replace-canceled-2")).isEmpty();
    assertThat(broker().openOrders()).isEmpty();
  }

  @Test
  void replacingWithAClientOrderIdInUseIsRefusedAndLeavesTheOrderWorking() throws Exception {
    broker()
        .submitOrder(
            limitBuy("MSFT", "1", "150.00").clientOrderId("contract-replace-taken").build());
    BrokerOrder order =
        broker()
            .submitOrder(
                limitBuy("AAPL", "2", "90.00").clientOrderId("contract-replace-keeps").build());

    assertRefused(
        () ->
            broker()
                .replaceOrder(
                    order.id(),
                    ReplaceRequest.builder()
                        .limitPrice(Price.of("91.00"))
                        .clientOrderId("contract-replace-taken")
                        .build()),
        ErrorCode.DUPLICATE_CLIENT_ORDER_ID);

    fillMarketableOrders();
    assertThat(broker().order(order.id()))
        .hasValueSatisfying(
            found -> {
              assertThat(found.isOpen()).as("open, status %s", found.status()).isTrue();
              assertThat(found.limitPrice()).isEqualTo(Price.of("90.00"));
              assertThat(found.replacedBy()).isNull();
            });
    assertThat(broker().openOrders()).hasSize(2);
  }

  @Test
  void anUnknownOrMalformedOrderIdIsNotFound() {
    broker()
        .submitOrder(
            limitBuy("AAPL", "1", "90.00").clientOrderId("contract-replace-unknown").build());
    ReplaceRequest change = ReplaceRequest.builder().limitPrice(Price.of("91.00")).build();

    for (String id : List.of(UNKNOWN_ORDER_ID, "not-an-order-id", "12345")) {
      assertThat(broker().order(id)).as("order(%s)", id).isEmpty();
      assertRefused(() -> broker().cancelOrder(id), ErrorCode.ORDER_NOT_FOUND);
      assertRefused(() -> broker().replaceOrder(id, change), ErrorCode.ORDER_NOT_FOUND);
    }

    assertThat(broker().openOrders())
        .extracting(BrokerOrder::clientOrderId)
        .containsExactly("contract-replace-unknown");
  }

  @Test
  void aNullOrBlankOrderIdOrANullReplaceRequestIsRefusedBeforeAnyProviderRequest()
      throws Exception {
    BrokerOrder order =
        broker()
            .submitOrder(
                limitBuy("AAPL", "1", "90.00").clientOrderId("contract-replace-blank").build());
    ReplaceRequest change = ReplaceRequest.builder().limitPrice(Price.of("91.00")).build();
    long before = providerRequests();

    for (String id : nullAndBlanks()) {
      assertRefused(() -> broker().replaceOrder(id, change), ErrorCode.INVALID_ARGUMENT);
    }
    assertRefused(
        () -> broker().replaceOrder(order.id(), nullReplaceRequest()), ErrorCode.INVALID_ORDER);

    assertThat(providerRequests()).as("provider requests").isEqualTo(before);
    assertThat(broker().order(order.id()))
        .hasValueSatisfying(found -> assertThat(found.replacedBy()).isNull());
  }

  // ------------------------------------------------------------------ positions

  @Test
  void closingAPositionSellsAllOfItAtThePrice() throws Exception {
    BrokerOrder bought =
        broker().submitOrder(buy("AAPL", "3").clientOrderId("contract-close-buy").build());
    fillMarketableOrders();
    awaitOrderStatus(bought.id(), OrderStatus.FILLED);
    awaitPosition("AAPL", Quantity.of(3));

    BrokerOrder close = broker().closePosition("AAPL");

    assertThat(close.symbol()).isEqualTo("AAPL");
    assertThat(close.side()).isEqualTo(OrderSide.SELL);
    assertThat(close.type()).isEqualTo(OrderType.MARKET);
    assertThat(close.qty()).isEqualTo(Quantity.of(3));
    fillMarketableOrders();
    BrokerOrder filled = awaitOrderStatus(close.id(), OrderStatus.FILLED);
    assertThat(filled.filledQty()).isEqualTo(Quantity.of(3));
    assertThat(filled.filledAvgPrice()).isEqualTo(AAPL_PRICE);
    await("no positions", () -> broker().positions(), List::isEmpty);
    awaitCash(STANDARD_CASH);
  }

  @Test
  void closingAPositionThatIsNotHeldIsRefusedAsNotFound() {
    assertRefused(() -> broker().closePosition("MSFT"), ErrorCode.POSITION_NOT_FOUND);

    assertThat(broker().openOrders()).isEmpty();
  }

  @Test
  void positionsAreSortedBySymbol() throws Exception {
    broker().submitOrder(buy("MSFT", "1").clientOrderId("contract-sorted-msft").build());
    broker().submitOrder(buy("WHOLE", "3").clientOrderId("contract-sorted-whole").build());
    broker().submitOrder(buy("AAPL", "2").clientOrderId("contract-sorted-aapl").build());
    fillMarketableOrders();

    List<Position> positions =
        await("three positions", () -> broker().positions(), list -> list.size() == 3);

    assertThat(positions)
        .extracting(Position::symbol, Position::qty)
        .containsExactly(
            tuple("AAPL", Quantity.of(2)),
            tuple("MSFT", Quantity.of(1)),
            tuple("WHOLE", Quantity.of(3)));
  }

  // ------------------------------------------------------------------ assets

  @Test
  void assetsAreLookedUpWithTheirFlags() {
    assertThat(broker().asset("AAPL")).isEqualTo(AAPL);
    assertThat(broker().asset("MSFT")).isEqualTo(MSFT);
    assertThat(broker().asset("WHOLE")).isEqualTo(WHOLE);
    Asset gone = broker().asset("GONE");
    assertThat(gone).isEqualTo(GONE);
    assertThat(gone.isTradable()).isFalse();
  }

  @Test
  void anUnknownAssetIsRefusedAsUnknownSymbol() {
    assertRefused(() -> broker().asset("NOPE"), ErrorCode.UNKNOWN_SYMBOL);
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void aBuyAboveBuyingPowerIsRefusedAndPlacesNothing() {
    Money buyingPower = broker().account().buyingPower();
    BigDecimal affordable = buyingPower.amount().divide(AAPL_PRICE.value(), 0, RoundingMode.FLOOR);
    Quantity tooMany = Quantity.of(affordable.add(BigDecimal.ONE));

    assertRefused(
        () ->
            broker()
                .submitOrder(
                    buy("AAPL", tooMany.toString())
                        .clientOrderId("contract-above-buying-power")
                        .build()),
        ErrorCode.INSUFFICIENT_BUYING_POWER);

    assertNothingPlaced("contract-above-buying-power");
    assertThat(broker().positions()).isEmpty();
    assertThat(broker().account().cash()).isEqualTo(STANDARD_CASH);
  }

  @Test
  void aSellOfMoreThanIsHeldIsRefusedAndPlacesNothing() throws Exception {
    BrokerOrder bought =
        broker().submitOrder(buy("AAPL", "2").clientOrderId("contract-oversell-buy").build());
    fillMarketableOrders();
    awaitOrderStatus(bought.id(), OrderStatus.FILLED);
    awaitPosition("AAPL", Quantity.of(2));

    assertRefused(
        () -> broker().submitOrder(sell("AAPL", "3").clientOrderId("contract-oversell").build()),
        ErrorCode.INSUFFICIENT_QUANTITY);

    assertNothingPlaced("contract-oversell");
    assertThat(broker().positions())
        .extracting(Position::symbol, Position::qty)
        .containsExactly(tuple("AAPL", Quantity.of(2)));
  }

  @Test
  void aFractionalQuantityOfANonFractionableAssetIsRefusedWhileWholeUnitsFill() throws Exception {
    assertRefused(
        () -> broker().submitOrder(buy("WHOLE", "1.5").clientOrderId("contract-fraction").build()),
        ErrorCode.ASSET_NOT_FRACTIONABLE);
    assertNothingPlaced("contract-fraction");

    BrokerOrder whole =
        broker().submitOrder(buy("WHOLE", "2").clientOrderId("contract-whole-units").build());
    fillMarketableOrders();

    assertThat(awaitOrderStatus(whole.id(), OrderStatus.FILLED).filledQty())
        .isEqualTo(Quantity.of(2));
  }

  @Test
  void aBuyOfAnInactiveAssetIsRefusedAsNotTradable() {
    assertRefused(
        () -> broker().submitOrder(buy("GONE", "1").clientOrderId("contract-not-tradable").build()),
        ErrorCode.ASSET_NOT_TRADABLE);

    assertNothingPlaced("contract-not-tradable");
  }

  // ------------------------------------------------------------------ trade updates

  @Test
  void aListenerReceivesEachFillUntilItsSubscriptionIsClosed() throws Exception {
    List<TradeUpdate> toClose = new CopyOnWriteArrayList<>();
    List<TradeUpdate> toKeep = new CopyOnWriteArrayList<>();
    Subscription closing = broker().subscribe(toClose::add);
    // Subscribed second, so it sees each update after the first listener would: once it has one,
    // the first listener has had its chance at it.
    Subscription kept = broker().subscribe(toKeep::add);
    try {
      BrokerOrder first =
          broker().submitOrder(buy("AAPL", "4").clientOrderId("contract-listened-1").build());
      fillMarketableOrders();

      TradeUpdate fill = awaitFill(toClose, first.id());
      assertThat(fill.event()).isEqualTo(TradeUpdateEvent.FILL);
      assertThat(fill.order().id()).isEqualTo(first.id());
      assertThat(fill.order().status()).isEqualTo(OrderStatus.FILLED);
      assertThat(fill.qty()).isEqualTo(Quantity.of(4));
      assertThat(fill.price()).isEqualTo(AAPL_PRICE);
      awaitFill(toKeep, first.id());

      closing.close();
      closing.close();
      BrokerOrder second =
          broker().submitOrder(buy("MSFT", "1").clientOrderId("contract-listened-2").build());
      fillMarketableOrders();

      assertThat(awaitFill(toKeep, second.id()).price()).isEqualTo(MSFT_PRICE);
      assertThat(toClose)
          .noneSatisfy(update -> assertThat(update.order().id()).isEqualTo(second.id()));
    } finally {
      kept.close();
      closing.close();
    }
  }

  @Test
  void closingOneOfTwoSubscriptionsOfTheSameListenerTwiceLeavesTheOtherWorking() throws Exception {
    List<TradeUpdate> received = new CopyOnWriteArrayList<>();
    TradeUpdateListener listener = received::add;
    Subscription first = broker().subscribe(listener);
    Subscription second = broker().subscribe(listener);
    try {
      first.close();
      first.close();
      BrokerOrder order =
          broker().submitOrder(buy("AAPL", "1").clientOrderId("contract-twice-1").build());
      fillMarketableOrders();

      assertThat(awaitFill(received, order.id()).qty()).isEqualTo(Quantity.of(1));
    } finally {
      second.close();
    }
  }

  // ------------------------------------------------------------------ ordering

  @Test
  void openOrdersAreListedOldestFirst() throws Exception {
    BrokerOrder msft =
        broker()
            .submitOrder(
                limitBuy("MSFT", "2", "150.00").clientOrderId("contract-oldest-msft").build());
    BrokerOrder aapl =
        broker()
            .submitOrder(
                limitBuy("AAPL", "5", "90.00").clientOrderId("contract-oldest-aapl").build());
    BrokerOrder whole =
        broker()
            .submitOrder(
                limitBuy("WHOLE", "10", "5.00").clientOrderId("contract-oldest-whole").build());
    fillMarketableOrders();

    assertThat(broker().openOrders())
        .extracting(BrokerOrder::id)
        .containsExactly(msft.id(), aapl.id(), whole.id());
  }

  // ------------------------------------------------------------------ bad arguments

  @Test
  void aNullOrderRequestIsRefusedAsAnInvalidOrderBeforeAnyProviderRequest() throws Exception {
    long before = providerRequests();

    assertRefused(() -> broker().submitOrder(nullRequest()), ErrorCode.INVALID_ORDER);

    assertThat(providerRequests()).as("provider requests").isEqualTo(before);
    assertThat(broker().openOrders()).isEmpty();
  }

  @Test
  void aNullOrBlankOrderIdIsRefusedAsAnInvalidArgumentBeforeAnyProviderRequest() throws Exception {
    broker()
        .submitOrder(limitBuy("AAPL", "1", "90.00").clientOrderId("contract-blank-ids").build());
    long before = providerRequests();

    for (String id : nullAndBlanks()) {
      assertRefused(() -> broker().order(id), ErrorCode.INVALID_ARGUMENT);
      assertRefused(() -> broker().orderByClientOrderId(id), ErrorCode.INVALID_ARGUMENT);
      assertRefused(() -> broker().cancelOrder(id), ErrorCode.INVALID_ARGUMENT);
    }

    assertThat(providerRequests()).as("provider requests").isEqualTo(before);
    assertThat(broker().openOrders())
        .extracting(BrokerOrder::clientOrderId)
        .containsExactly("contract-blank-ids");
  }

  @Test
  void aNullBlankOrMalformedSymbolIsRefusedAsAnInvalidSymbolBeforeAnyProviderRequest()
      throws Exception {
    BrokerOrder bought =
        broker().submitOrder(buy("AAPL", "1").clientOrderId("contract-blank-symbols").build());
    fillMarketableOrders();
    awaitOrderStatus(bought.id(), OrderStatus.FILLED);
    awaitPosition("AAPL", Quantity.of(1));
    long before = providerRequests();

    List<String> symbols = new ArrayList<>(nullAndBlanks());
    symbols.addAll(List.of("NOT A SYMBOL", "AAPL?", "X".repeat(21)));
    for (String symbol : symbols) {
      assertRefused(() -> broker().asset(symbol), ErrorCode.INVALID_SYMBOL);
      assertRefused(() -> broker().closePosition(symbol), ErrorCode.INVALID_SYMBOL);
    }

    assertThat(providerRequests()).as("provider requests").isEqualTo(before);
    assertThat(broker().openOrders()).isEmpty();
    assertThat(broker().positions())
        .extracting(Position::symbol, Position::qty)
        .containsExactly(tuple("AAPL", Quantity.of(1)));
  }

  @Test
  void aNullListenerIsRefusedAsAnInvalidArgumentBeforeAnyProviderRequest() throws Exception {
    long before = providerRequests();

    assertRefused(() -> broker().subscribe(nullListener()), ErrorCode.INVALID_ARGUMENT);

    assertThat(providerRequests()).as("provider requests").isEqualTo(before);
  }

  @Test
  void aNullCollectionOfSymbolsIsRefusedAsAnInvalidArgumentAndANullOrBlankSymbolAsAnInvalidSymbol()
      throws Exception {
    MarketData marketData = standardMarketData();
    Assumptions.assumeTrue(
        marketData != null, "the adapter offers no market data (standardMarketData())");
    long before = providerRequests();

    assertRefused(() -> marketData.snapshots(nullSymbols()), ErrorCode.INVALID_ARGUMENT);
    for (String symbol : nullAndBlanks()) {
      assertRefused(
          () -> marketData.snapshots(Arrays.asList("AAPL", symbol)), ErrorCode.INVALID_SYMBOL);
    }
    assertRefused(
        () -> marketData.snapshots(List.of("AAPL", "NOT A SYMBOL")), ErrorCode.INVALID_SYMBOL);

    assertThat(providerRequests()).as("provider requests").isEqualTo(before);
  }

  // ------------------------------------------------------------------ helpers

  /** Null, empty and blank (spaces, a tab, a line break) text. */
  private static List<String> nullAndBlanks() {
    return Arrays.asList(nullString(), "", "   ", "\t\n");
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  private static String nullString() {
    return null;
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  private static OrderRequest nullRequest() {
    return null;
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  private static ReplaceRequest nullReplaceRequest() {
    return null;
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  private static TradeUpdateListener nullListener() {
    return null;
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  private static Collection<String> nullSymbols() {
    return null;
  }

  private static OrderRequest.Builder buy(String symbol, String qty) {
    return OrderRequest.builder().symbol(symbol).side(OrderSide.BUY).qty(qty);
  }

  private static OrderRequest.Builder sell(String symbol, String qty) {
    return OrderRequest.builder().symbol(symbol).side(OrderSide.SELL).qty(qty);
  }

  private static OrderRequest.Builder limitBuy(String symbol, String qty, String limit) {
    return buy(symbol, qty).type(OrderType.LIMIT).limitPrice(Price.of(limit));
  }

  /**
   * The exact cost of {@code qty} units at {@code price}; the standard prices make it whole cents.
   */
  private static Money cost(String qty, Price price) {
    return Money.of(price.times(Quantity.of(qty)), USD, RoundingMode.UNNECESSARY);
  }

  private static void assertRefused(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).as("code of %s", e).isEqualTo(code));
  }

  private void assertNothingPlaced(String clientOrderId) {
    assertThat(broker().orderByClientOrderId(clientOrderId))
        .as("order %s", clientOrderId)
        .isEmpty();
    assertThat(broker().openOrders()).isEmpty();
  }

  private BrokerOrder awaitOrderStatus(String orderId, OrderStatus status) {
    Optional<BrokerOrder> order =
        await(
            "order " + orderId + " " + status,
            () -> broker().order(orderId),
            found -> found.isPresent() && found.get().status() == status);
    return order.orElseThrow();
  }

  private Position awaitPosition(String symbol, Quantity qty) {
    List<Position> positions =
        await(
            "a position of " + qty + " " + symbol,
            () -> broker().positions(),
            list -> list.stream().anyMatch(p -> p.symbol().equals(symbol) && p.qty().equals(qty)));
    return positions.stream().filter(p -> p.symbol().equals(symbol)).findFirst().orElseThrow();
  }

  private Account awaitCash(Money cash) {
    return await(
        "cash of " + cash, () -> broker().account(), account -> account.cash().equals(cash));
  }

  private static TradeUpdate awaitFill(List<TradeUpdate> received, String orderId) {
    Predicate<TradeUpdate> isFill =
        update -> update.event() == TradeUpdateEvent.FILL && update.order().id().equals(orderId);
    List<TradeUpdate> updates =
        await(
            "a FILL update of order " + orderId,
            () -> List.copyOf(received),
            list -> list.stream().anyMatch(isFill));
    return updates.stream().filter(isFill).findFirst().orElseThrow();
  }

  /**
   * Reads until {@code done} holds, for at most {@link #AWAIT_LIMIT}. A remote broker applies
   * fills, cancels and position changes after the call that caused them, so a single read may be
   * early.
   */
  private static <T> T await(String what, Supplier<T> read, Predicate<? super T> done) {
    long deadline = System.nanoTime() + AWAIT_LIMIT.toNanos();
    T last = read.get();
    while (!done.test(last)) {
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError(
            "waited " + AWAIT_LIMIT.toSeconds() + " s for " + what + "; last read: " + last);
      }
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
      last = read.get();
    }
    return last;
  }
}
