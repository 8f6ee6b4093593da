package dev.speedtrade.examples.cli;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A script for {@code speedtrade orders run}, checked whole: where the clock starts, the market and
 * the platform's trading state, the accounts with their limits, the instruments, and the steps in
 * order. {@link #parse} reads one (see {@link OrdersScriptParser} for what it refuses); every value
 * here is as the script gave it, with the defaults of {@code docs/orders-contract.md} filled in.
 *
 * <p>Decimals are kept exactly as written ({@code "190.00"} keeps its scale), so that the output
 * can show an order's prices "as given". Enum values use the SDK's broker enums where they exist;
 * the script's spelling of them is the lower-case name ({@code stop_limit}, {@code us_equity}).
 *
 * @param clock where the clock starts, whole seconds (the spec's fraction never matters)
 * @param marketOpen whether the market is open at the start
 * @param tradingState the platform's trading state at the start
 * @param accounts the accounts, in order, ids distinct
 * @param instruments the instruments, in order, symbols distinct
 * @param steps the steps, in order
 */
record OrdersScript(
    Instant clock,
    boolean marketOpen,
    TradingState tradingState,
    List<Account> accounts,
    List<Instrument> instruments,
    List<Step> steps) {

  OrdersScript {
    accounts = List.copyOf(accounts);
    instruments = List.copyOf(instruments);
    steps = List.copyOf(steps);
  }

  /**
   * Reads and checks a whole script.
   *
   * @throws UserInputException naming the first malformed field, such as {@code steps[3].qty}
   */
  static OrdersScript parse(String text) {
    return OrdersScriptParser.parse(text);
  }

  /** A trading state, of the platform or of an account; the script spells it upper-case. */
  enum TradingState {
    ACTIVE,
    REDUCING,
    HALTED
  }

  /**
   * An account at the start.
   *
   * @param id the account's id, not blank
   * @param cash USD, 0 or more, at most 2 decimals
   * @param tradingState the account's own state
   * @param limits its limits, {@link Limits#NONE} when the script gave none
   */
  record Account(String id, BigDecimal cash, TradingState tradingState, Limits limits) {}

  /**
   * An account's limits; each null (or empty) when absent, which means no limit.
   *
   * @param maxOrderQty greater than 0
   * @param maxOrderNotional USD, greater than 0
   * @param maxPositionQty per symbol, long or short, greater than 0
   * @param blockedSymbols symbols the account may not trade, as listed (repeats kept)
   * @param tradingWindow when the account may trade, America/New_York
   * @param rateLimit how many submits in how many seconds
   */
  record Limits(
      @Nullable BigDecimal maxOrderQty,
      @Nullable BigDecimal maxOrderNotional,
      @Nullable BigDecimal maxPositionQty,
      List<String> blockedSymbols,
      @Nullable TradingWindow tradingWindow,
      @Nullable RateLimit rateLimit) {

    /** No limit at all. */
    static final Limits NONE = new Limits(null, null, null, List.of(), null, null);

    Limits {
      blockedSymbols = List.copyOf(blockedSymbols);
    }
  }

  /**
   * A daily window in America/New_York, {@code start != end}; overnight when {@code start > end}.
   *
   * @param start the first minute the window allows
   * @param end the first minute after the window
   */
  record TradingWindow(LocalTime start, LocalTime end) {}

  /**
   * At most {@code orders} submits sent in any {@code seconds} seconds.
   *
   * @param orders 1 or more
   * @param seconds 1 or more
   */
  record RateLimit(int orders, int seconds) {}

  /**
   * An instrument at the start.
   *
   * @param symbol case-sensitive, not blank
   * @param assetClass {@code us_equity} or {@code crypto}
   * @param mark its current price, greater than 0
   * @param tradable whether it may be traded
   * @param fractionable whether fractional orders are allowed
   * @param shortable whether it may be sold short
   */
  record Instrument(
      String symbol,
      AssetClass assetClass,
      BigDecimal mark,
      boolean tradable,
      boolean fractionable,
      boolean shortable) {}

  /** The operations of a script's steps, with the spelling the script and the output use. */
  enum Op {
    SUBMIT("submit"),
    VENUE_ACCEPT("venueAccept"),
    VENUE_REJECT("venueReject"),
    FILL("fill"),
    CANCEL("cancel"),
    CANCEL_ACK("cancelAck"),
    CANCEL_REJECT("cancelReject"),
    REPLACE("replace"),
    REPLACE_ACK("replaceAck"),
    REPLACE_REJECT("replaceReject"),
    EXPIRE("expire"),
    END_OF_DAY("endOfDay"),
    MARK("mark"),
    ADVANCE("advance"),
    SET_MARKET("setMarket"),
    SET_TRADING_STATE("setTradingState");

    private final String spelling;

    Op(String spelling) {
      this.spelling = spelling;
    }

    /** How scripts and the output write this op. */
    String spelling() {
      return spelling;
    }
  }

  /** One step of a script: one record per {@link Op}. */
  sealed interface Step permits OrderStep, EndOfDay, Mark, Advance, SetMarket, SetTradingState {
    /** This step's op. */
    Op op();

    /** Applies this step to {@code target} and returns the result code it answered. */
    String applyTo(OrdersScriptTarget target);
  }

  /**
   * A step that names an order, by account and client order id; its result in the output names that
   * order and its status after the step. A replace names the old order.
   */
  sealed interface OrderStep extends Step
      permits Submit,
          VenueAccept,
          VenueReject,
          Fill,
          Cancel,
          CancelAck,
          CancelReject,
          Replace,
          ReplaceAck,
          ReplaceReject,
          Expire {
    /** The account, not blank. */
    String account();

    /** The order's client order id within its account, not blank. */
    String clientOrderId();
  }

  /**
   * Submits a new order. Any sign of any decimal is allowed here: the OMS answers what is wrong
   * with a code.
   */
  record Submit(
      String account,
      String clientOrderId,
      String symbol,
      OrderSide side,
      OrderType type,
      TimeInForce tif,
      @Nullable BigDecimal qty,
      @Nullable BigDecimal notional,
      @Nullable BigDecimal limitPrice,
      @Nullable BigDecimal stopPrice)
      implements OrderStep {
    @Override
    public Op op() {
      return Op.SUBMIT;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.submit(this);
    }
  }

  /** The venue acknowledged the order. */
  record VenueAccept(String account, String clientOrderId) implements OrderStep {
    @Override
    public Op op() {
      return Op.VENUE_ACCEPT;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.venueAccept(this);
    }
  }

  /** The venue refused the order, with its reason when it gave one (possibly empty). */
  record VenueReject(String account, String clientOrderId, @Nullable String reason)
      implements OrderStep {
    @Override
    public Op op() {
      return Op.VENUE_REJECT;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.venueReject(this);
    }
  }

  /** The venue filled {@code qty} of the order at {@code price}, execution {@code execId}. */
  record Fill(String account, String clientOrderId, String execId, BigDecimal qty, BigDecimal price)
      implements OrderStep {
    @Override
    public Op op() {
      return Op.FILL;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.fill(this);
    }
  }

  /** The client asks to cancel the order. */
  record Cancel(String account, String clientOrderId) implements OrderStep {
    @Override
    public Op op() {
      return Op.CANCEL;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.cancel(this);
    }
  }

  /** The venue canceled the order, asked or not. */
  record CancelAck(String account, String clientOrderId) implements OrderStep {
    @Override
    public Op op() {
      return Op.CANCEL_ACK;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.cancelAck(this);
    }
  }

  /** The venue refused a cancel. */
  record CancelReject(String account, String clientOrderId) implements OrderStep {
    @Override
    public Op op() {
      return Op.CANCEL_REJECT;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.cancelReject(this);
    }
  }

  /**
   * The client asks to replace the order {@code clientOrderId} with {@code newClientOrderId}; each
   * of the optional fields not given keeps the old order's value.
   */
  record Replace(
      String account,
      String clientOrderId,
      String newClientOrderId,
      @Nullable BigDecimal qty,
      @Nullable BigDecimal limitPrice,
      @Nullable BigDecimal stopPrice,
      @Nullable TimeInForce tif)
      implements OrderStep {
    @Override
    public Op op() {
      return Op.REPLACE;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.replace(this);
    }
  }

  /** The venue accepted a replace: the old order is REPLACED and the new one created. */
  record ReplaceAck(String account, String clientOrderId) implements OrderStep {
    @Override
    public Op op() {
      return Op.REPLACE_ACK;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.replaceAck(this);
    }
  }

  /** The venue refused a replace. */
  record ReplaceReject(String account, String clientOrderId) implements OrderStep {
    @Override
    public Op op() {
      return Op.REPLACE_REJECT;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.replaceReject(this);
    }
  }

  /** The venue expired the order. */
  record Expire(String account, String clientOrderId) implements OrderStep {
    @Override
    public Op op() {
      return Op.EXPIRE;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.expire(this);
    }
  }

  /** The end of the day: every open day order of every account expires. */
  record EndOfDay() implements Step {
    @Override
    public Op op() {
      return Op.END_OF_DAY;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.endOfDay(this);
    }
  }

  /** A new mark for {@code symbol}, greater than 0; an unknown symbol is a result code. */
  record Mark(String symbol, BigDecimal price) implements Step {
    @Override
    public Op op() {
      return Op.MARK;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.mark(this);
    }
  }

  /** Moves the clock forward {@code seconds} seconds, 0 or more. */
  record Advance(long seconds) implements Step {
    @Override
    public Op op() {
      return Op.ADVANCE;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.advance(this);
    }
  }

  /** Opens or closes the market. */
  record SetMarket(boolean open) implements Step {
    @Override
    public Op op() {
      return Op.SET_MARKET;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.setMarket(this);
    }
  }

  /**
   * Sets the trading state of {@code account}, or of the platform when {@code account} is null; an
   * unknown account is a result code.
   */
  record SetTradingState(TradingState state, @Nullable String account) implements Step {
    @Override
    public Op op() {
      return Op.SET_TRADING_STATE;
    }

    @Override
    public String applyTo(OrdersScriptTarget target) {
      return target.setTradingState(this);
    }
  }

  /** How the script and the output spell a broker enum value: its name in lower case. */
  static String spelling(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
