package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.examples.cli.OrdersScript.Account;
import dev.speedtrade.examples.cli.OrdersScript.Instrument;
import dev.speedtrade.examples.cli.OrdersScript.Limits;
import dev.speedtrade.examples.cli.OrdersScript.Op;
import dev.speedtrade.examples.cli.OrdersScript.RateLimit;
import dev.speedtrade.examples.cli.OrdersScript.Step;
import dev.speedtrade.examples.cli.OrdersScript.TradingState;
import dev.speedtrade.examples.cli.OrdersScript.TradingWindow;
import dev.speedtrade.ledger.Ledger;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an {@link OrdersScript} and checks all of it before anything runs, refusing with a {@link
 * UserInputException} whose message starts with the path of the first malformed field ({@code
 * steps[3].qty: ...}, {@code accounts[0].limits.rateLimit.orders: ...}).
 *
 * <p>Malformed, after {@code docs/orders-contract.md}: bad JSON (a repeated key included); an
 * unknown key or op; a missing, null or mistyped field; a decimal that is not a JSON string of the
 * form {@code -?[0-9]+(\.[0-9]+)?}; an integer that is not a JSON integer; an unknown enum value
 * (sides, types, tifs and asset classes lower case, trading states upper case); an empty or blank
 * id; a repeated account id or symbol; cash below 0 or with more than 2 decimals; a limit, a mark
 * or a {@code mark} step's price of 0 or less; a bad trading window; a bad clock; a rate limit's
 * orders or seconds below 1; an advance below 0.
 *
 * <p>Beyond the spec, what no OMS could run is also malformed, so that a script fails the same way
 * whatever runs it: ids that are only blanks or longer than 128 characters (the OMS refuses them as
 * misuse), a rate limit above {@link Integer#MAX_VALUE}, and a clock, or clock moves, outside the
 * ledger's range ({@link Ledger#EARLIEST_INSTANT} to {@link Ledger#LATEST_INSTANT}), where the OMS
 * keeps its cash.
 *
 * <p>What the spec answers with a result code is not malformed: an unknown account or symbol in a
 * step, a qty of 0, a negative limit price, both qty and notional, and so on.
 */
final class OrdersScriptParser {
  /** The longest id the SDK takes (Alpaca's limit on client order ids). */
  static final int MAX_ID_LENGTH = 128;

  private OrdersScriptParser() {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final Pattern CLOCK =
      Pattern.compile(
          "([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?Z");
  private static final Pattern WINDOW =
      Pattern.compile("([0-9]{2}):([0-9]{2})-([0-9]{2}):([0-9]{2})");

  private static final Set<String> SCRIPT_KEYS =
      Set.of("clock", "marketOpen", "tradingState", "accounts", "instruments", "steps");
  private static final Set<String> ACCOUNT_KEYS = Set.of("id", "cash", "tradingState", "limits");
  private static final Set<String> LIMITS_KEYS =
      Set.of(
          "maxOrderQty",
          "maxOrderNotional",
          "maxPositionQty",
          "blockedSymbols",
          "tradingWindow",
          "rateLimit");
  private static final Set<String> RATE_LIMIT_KEYS = Set.of("orders", "seconds");
  private static final Set<String> INSTRUMENT_KEYS =
      Set.of("symbol", "assetClass", "mark", "tradable", "fractionable", "shortable");

  private static final Set<String> ORDER_KEYS = Set.of("op", "account", "clientOrderId");

  /** The keys each op takes, {@code op} included. */
  private static final Map<Op, Set<String>> STEP_KEYS = stepKeys();

  private static final Map<String, Op> OPS = spellings(Op.values(), Op::spelling);
  private static final Map<String, OrderSide> SIDES =
      spellings(OrderSide.values(), OrdersScript::spelling);
  private static final Map<String, OrderType> TYPES =
      spellings(OrderType.values(), OrdersScript::spelling);
  private static final Map<String, TimeInForce> TIFS =
      spellings(
          new TimeInForce[] {TimeInForce.DAY, TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK},
          OrdersScript::spelling);
  private static final Map<String, AssetClass> ASSET_CLASSES =
      spellings(AssetClass.values(), OrdersScript::spelling);
  private static final Map<String, TradingState> STATES =
      spellings(TradingState.values(), TradingState::name);

  private static Map<Op, Set<String>> stepKeys() {
    Map<Op, Set<String>> keys = new LinkedHashMap<>();
    keys.put(
        Op.SUBMIT,
        Set.of(
            "op",
            "account",
            "clientOrderId",
            "symbol",
            "side",
            "type",
            "tif",
            "qty",
            "notional",
            "limitPrice",
            "stopPrice"));
    for (Op op :
        List.of(
            Op.VENUE_ACCEPT,
            Op.CANCEL,
            Op.CANCEL_ACK,
            Op.CANCEL_REJECT,
            Op.REPLACE_ACK,
            Op.REPLACE_REJECT,
            Op.EXPIRE)) {
      keys.put(op, ORDER_KEYS);
    }
    keys.put(Op.VENUE_REJECT, Set.of("op", "account", "clientOrderId", "reason"));
    keys.put(Op.FILL, Set.of("op", "account", "clientOrderId", "execId", "qty", "price"));
    keys.put(
        Op.REPLACE,
        Set.of(
            "op",
            "account",
            "clientOrderId",
            "newClientOrderId",
            "qty",
            "limitPrice",
            "stopPrice",
            "tif"));
    keys.put(Op.END_OF_DAY, Set.of("op"));
    keys.put(Op.MARK, Set.of("op", "symbol", "price"));
    keys.put(Op.ADVANCE, Set.of("op", "seconds"));
    keys.put(Op.SET_MARKET, Set.of("op", "open"));
    keys.put(Op.SET_TRADING_STATE, Set.of("op", "state", "account"));
    return Map.copyOf(keys);
  }

  private static <E> Map<String, E> spellings(
      E[] values, java.util.function.Function<E, String> spelling) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E value : values) {
      map.put(spelling.apply(value), value);
    }
    return map;
  }

  /** See {@link OrdersScript#parse}. */
  static OrdersScript parse(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UserInputException("script is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw new UserInputException("script: must be a JSON object");
    }
    Fields top = new Fields(root, "", SCRIPT_KEYS);
    Instant clock = clock(top.requiredText("clock"), top.path("clock"));
    boolean marketOpen = top.optionalBoolean("marketOpen", true);
    TradingState tradingState = top.optionalEnum("tradingState", STATES, TradingState.ACTIVE);

    List<Account> accounts = new ArrayList<>();
    Set<String> accountIds = new HashSet<>();
    JsonNode accountNodes = top.requiredArray("accounts");
    for (int i = 0; i < accountNodes.size(); i++) {
      String path = "accounts[" + i + "]";
      Account account = account(accountNodes.get(i), path);
      if (!accountIds.add(account.id())) {
        throw new UserInputException(
            path + ".id: account '" + account.id() + "' is listed more than once");
      }
      accounts.add(account);
    }

    List<Instrument> instruments = new ArrayList<>();
    Set<String> symbols = new HashSet<>();
    JsonNode instrumentNodes = top.requiredArray("instruments");
    for (int i = 0; i < instrumentNodes.size(); i++) {
      String path = "instruments[" + i + "]";
      Instrument instrument = instrument(instrumentNodes.get(i), path);
      if (!symbols.add(instrument.symbol())) {
        throw new UserInputException(
            path + ".symbol: symbol '" + instrument.symbol() + "' is listed more than once");
      }
      instruments.add(instrument);
    }

    List<Step> steps = new ArrayList<>();
    JsonNode stepNodes = top.requiredArray("steps");
    long secondsLeft = Ledger.LATEST_INSTANT.getEpochSecond() - clock.getEpochSecond();
    for (int i = 0; i < stepNodes.size(); i++) {
      String path = "steps[" + i + "]";
      Step step = step(stepNodes.get(i), path);
      if (step instanceof OrdersScript.Advance advance) {
        // Counted down from what is left, so that no sum of moves can overflow.
        if (advance.seconds() > secondsLeft) {
          throw new UserInputException(
              path
                  + ".seconds: moves the clock past "
                  + Ledger.LATEST_INSTANT
                  + ", the latest instant the OMS's ledger works at");
        }
        secondsLeft -= advance.seconds();
      }
      steps.add(step);
    }
    return new OrdersScript(clock, marketOpen, tradingState, accounts, instruments, steps);
  }

  private static Account account(JsonNode node, String path) {
    Fields fields = Fields.of(node, path, ACCOUNT_KEYS);
    String id = fields.requiredId("id");
    BigDecimal cash = fields.requiredDecimal("cash");
    if (cash.signum() < 0 || decimalPlaces(cash) > 2) {
      throw new UserInputException(
          fields.path("cash")
              + ": must be 0 or more with at most 2 decimals, not "
              + abbreviate(cash.toPlainString()));
    }
    TradingState state = fields.optionalEnum("tradingState", STATES, TradingState.ACTIVE);
    JsonNode limitsNode = fields.optional("limits");
    Limits limits = limitsNode == null ? Limits.NONE : limits(limitsNode, fields.path("limits"));
    return new Account(id, cash, state, limits);
  }

  private static Limits limits(JsonNode node, String path) {
    Fields fields = Fields.of(node, path, LIMITS_KEYS);
    BigDecimal maxOrderQty = fields.optionalPositiveDecimal("maxOrderQty");
    BigDecimal maxOrderNotional = fields.optionalPositiveDecimal("maxOrderNotional");
    BigDecimal maxPositionQty = fields.optionalPositiveDecimal("maxPositionQty");
    List<String> blocked = new ArrayList<>();
    JsonNode blockedNodes = fields.optional("blockedSymbols");
    if (blockedNodes != null) {
      if (!blockedNodes.isArray()) {
        throw new UserInputException(fields.path("blockedSymbols") + ": must be a list of symbols");
      }
      for (int i = 0; i < blockedNodes.size(); i++) {
        blocked.add(id(blockedNodes.get(i), fields.path("blockedSymbols") + "[" + i + "]"));
      }
    }
    String window = fields.optionalText("tradingWindow");
    TradingWindow tradingWindow =
        window == null ? null : tradingWindow(window, fields.path("tradingWindow"));
    JsonNode rateNode = fields.optional("rateLimit");
    RateLimit rateLimit = null;
    if (rateNode != null) {
      Fields rate = Fields.of(rateNode, fields.path("rateLimit"), RATE_LIMIT_KEYS);
      rateLimit = new RateLimit(rate.requiredCount("orders"), rate.requiredCount("seconds"));
    }
    return new Limits(
        maxOrderQty, maxOrderNotional, maxPositionQty, blocked, tradingWindow, rateLimit);
  }

  private static Instrument instrument(JsonNode node, String path) {
    Fields fields = Fields.of(node, path, INSTRUMENT_KEYS);
    String symbol = fields.requiredId("symbol");
    AssetClass assetClass = fields.requiredEnum("assetClass", ASSET_CLASSES);
    BigDecimal mark = fields.requiredPositiveDecimal("mark");
    return new Instrument(
        symbol,
        assetClass,
        mark,
        fields.optionalBoolean("tradable", true),
        fields.optionalBoolean("fractionable", false),
        fields.optionalBoolean("shortable", false));
  }

  private static Step step(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new UserInputException(path + ": must be an object, not " + kind(node));
    }
    JsonNode opNode = node.get("op");
    if (opNode == null) {
      throw new UserInputException(path + ".op: is missing");
    }
    String spelling = text(opNode, path + ".op");
    Op op = OPS.get(spelling);
    if (op == null) {
      throw new UserInputException(path + ".op: unknown op '" + spelling + "'");
    }
    Fields fields = Fields.of(node, path, STEP_KEYS.get(op));
    return switch (op) {
      case SUBMIT ->
          new OrdersScript.Submit(
              fields.requiredId("account"),
              fields.requiredId("clientOrderId"),
              fields.requiredId("symbol"),
              fields.requiredEnum("side", SIDES),
              fields.requiredEnum("type", TYPES),
              fields.requiredEnum("tif", TIFS),
              fields.optionalDecimal("qty"),
              fields.optionalDecimal("notional"),
              fields.optionalDecimal("limitPrice"),
              fields.optionalDecimal("stopPrice"));
      case VENUE_ACCEPT ->
          new OrdersScript.VenueAccept(
              fields.requiredId("account"), fields.requiredId("clientOrderId"));
      case VENUE_REJECT ->
          new OrdersScript.VenueReject(
              fields.requiredId("account"),
              fields.requiredId("clientOrderId"),
              fields.optionalText("reason"));
      case FILL ->
          new OrdersScript.Fill(
              fields.requiredId("account"),
              fields.requiredId("clientOrderId"),
              fields.requiredId("execId"),
              fields.requiredDecimal("qty"),
              fields.requiredDecimal("price"));
      case CANCEL ->
          new OrdersScript.Cancel(fields.requiredId("account"), fields.requiredId("clientOrderId"));
      case CANCEL_ACK ->
          new OrdersScript.CancelAck(
              fields.requiredId("account"), fields.requiredId("clientOrderId"));
      case CANCEL_REJECT ->
          new OrdersScript.CancelReject(
              fields.requiredId("account"), fields.requiredId("clientOrderId"));
      case REPLACE ->
          new OrdersScript.Replace(
              fields.requiredId("account"),
              fields.requiredId("clientOrderId"),
              fields.requiredId("newClientOrderId"),
              fields.optionalDecimal("qty"),
              fields.optionalDecimal("limitPrice"),
              fields.optionalDecimal("stopPrice"),
              fields.optionalEnum("tif", TIFS, null));
      case REPLACE_ACK ->
          new OrdersScript.ReplaceAck(
              fields.requiredId("account"), fields.requiredId("clientOrderId"));
      case REPLACE_REJECT ->
          new OrdersScript.ReplaceReject(
              fields.requiredId("account"), fields.requiredId("clientOrderId"));
      case EXPIRE ->
          new OrdersScript.Expire(fields.requiredId("account"), fields.requiredId("clientOrderId"));
      case END_OF_DAY -> new OrdersScript.EndOfDay();
      case MARK ->
          new OrdersScript.Mark(
              fields.requiredId("symbol"), fields.requiredPositiveDecimal("price"));
      case ADVANCE -> new OrdersScript.Advance(fields.requiredSeconds("seconds"));
      case SET_MARKET -> new OrdersScript.SetMarket(fields.requiredBoolean("open"));
      case SET_TRADING_STATE ->
          new OrdersScript.SetTradingState(
              fields.requiredEnum("state", STATES), fields.optionalId("account"));
    };
  }

  /**
   * A UTC instant {@code YYYY-MM-DDTHH:MM:SS[.f]Z} that exists, truncated to the second (the spec:
   * its fraction never matters), within the ledger's range.
   */
  private static Instant clock(String text, String path) {
    Matcher m = CLOCK.matcher(text);
    if (!m.matches()) {
      throw new UserInputException(
          path
              + ": must be a UTC instant YYYY-MM-DDTHH:MM:SS[.f]Z, not '"
              + abbreviate(text)
              + "'");
    }
    Instant clock;
    try {
      clock =
          LocalDateTime.of(
                  Integer.parseInt(m.group(1)),
                  Integer.parseInt(m.group(2)),
                  Integer.parseInt(m.group(3)),
                  Integer.parseInt(m.group(4)),
                  Integer.parseInt(m.group(5)),
                  Integer.parseInt(m.group(6)))
              .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new UserInputException(path + ": '" + text + "' is not an instant that exists");
    }
    if (clock.isBefore(Ledger.EARLIEST_INSTANT) || clock.isAfter(Ledger.LATEST_INSTANT)) {
      throw new UserInputException(
          path
              + ": must be from "
              + Ledger.EARLIEST_INSTANT
              + " to "
              + Ledger.LATEST_INSTANT
              + ", the instants the OMS's ledger works at, not "
              + text);
    }
    return clock;
  }

  /** {@code HH:MM-HH:MM}, valid times, start != end. */
  private static TradingWindow tradingWindow(String text, String path) {
    Matcher m = WINDOW.matcher(text);
    if (m.matches()) {
      int startHour = Integer.parseInt(m.group(1));
      int startMinute = Integer.parseInt(m.group(2));
      int endHour = Integer.parseInt(m.group(3));
      int endMinute = Integer.parseInt(m.group(4));
      if (startHour < 24 && endHour < 24 && startMinute < 60 && endMinute < 60) {
        LocalTime start = LocalTime.of(startHour, startMinute);
        LocalTime end = LocalTime.of(endHour, endMinute);
        if (start.equals(end)) {
          throw new UserInputException(path + ": starts and ends at the same time: '" + text + "'");
        }
        return new TradingWindow(start, end);
      }
    }
    throw new UserInputException(
        path
            + ": must be HH:MM-HH:MM with times from 00:00 to 23:59, not '"
            + abbreviate(text)
            + "'");
  }

  /** Decimal places after stripping trailing zeros ({@code 5.000} has none, nor {@code 500}). */
  private static int decimalPlaces(BigDecimal value) {
    return Math.max(0, value.stripTrailingZeros().scale());
  }

  private static String id(JsonNode node, String path) {
    String id = text(node, path);
    if (id.isBlank()) {
      throw new UserInputException(path + ": must not be empty");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new UserInputException(
          path + ": must be at most " + MAX_ID_LENGTH + " characters, got " + id.length());
    }
    return id;
  }

  private static String text(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw new UserInputException(path + ": must be a string, not " + kind(node));
    }
    return node.asText();
  }

  private static String kind(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** One object's fields, read with its path; unknown keys are refused on construction. */
  private static final class Fields {
    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path, Set<String> allowed) {
      this.node = node;
      this.path = path;
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!allowed.contains(name)) {
          throw new UserInputException(path(name) + ": unknown key");
        }
      }
    }

    static Fields of(JsonNode node, String path, Set<String> allowed) {
      if (!node.isObject()) {
        throw new UserInputException(path + ": must be an object, not " + kind(node));
      }
      return new Fields(node, path, allowed);
    }

    String path(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    /** The value of {@code key}, or null when absent; a JSON null is refused. */
    @Nullable JsonNode optional(String key) {
      JsonNode value = node.get(key);
      if (value != null && value.isNull()) {
        throw new UserInputException(path(key) + ": must not be null (leave the key out)");
      }
      return value;
    }

    JsonNode required(String key) {
      JsonNode value = optional(key);
      if (value == null) {
        throw new UserInputException(path(key) + ": is missing");
      }
      return value;
    }

    JsonNode requiredArray(String key) {
      JsonNode value = required(key);
      if (!value.isArray()) {
        throw new UserInputException(path(key) + ": must be a list, not " + kind(value));
      }
      return value;
    }

    String requiredText(String key) {
      return text(required(key), path(key));
    }

    @Nullable String optionalText(String key) {
      JsonNode value = optional(key);
      return value == null ? null : text(value, path(key));
    }

    String requiredId(String key) {
      return id(required(key), path(key));
    }

    @Nullable String optionalId(String key) {
      JsonNode value = optional(key);
      return value == null ? null : id(value, path(key));
    }

    boolean requiredBoolean(String key) {
      return bool(required(key), key);
    }

    boolean optionalBoolean(String key, boolean absent) {
      JsonNode value = optional(key);
      return value == null ? absent : bool(value, key);
    }

    private boolean bool(JsonNode value, String key) {
      if (!value.isBoolean()) {
        throw new UserInputException(path(key) + ": must be true or false, not " + kind(value));
      }
      return value.booleanValue();
    }

    <E> E requiredEnum(String key, Map<String, E> values) {
      return enumValue(required(key), key, values);
    }

    <E> @Nullable E optionalEnum(String key, Map<String, E> values, @Nullable E absent) {
      JsonNode value = optional(key);
      return value == null ? absent : enumValue(value, key, values);
    }

    private <E> E enumValue(JsonNode node, String key, Map<String, E> values) {
      String text = text(node, path(key));
      E value = values.get(text);
      if (value == null) {
        throw new UserInputException(
            path(key)
                + ": must be one of "
                + String.join(", ", values.keySet())
                + ", not '"
                + abbreviate(text)
                + "'");
      }
      return value;
    }

    BigDecimal requiredDecimal(String key) {
      return decimal(required(key), key);
    }

    @Nullable BigDecimal optionalDecimal(String key) {
      JsonNode value = optional(key);
      return value == null ? null : decimal(value, key);
    }

    BigDecimal requiredPositiveDecimal(String key) {
      return positive(requiredDecimal(key), key);
    }

    @Nullable BigDecimal optionalPositiveDecimal(String key) {
      BigDecimal value = optionalDecimal(key);
      return value == null ? null : positive(value, key);
    }

    private BigDecimal positive(BigDecimal value, String key) {
      if (value.signum() <= 0) {
        throw new UserInputException(
            path(key) + ": must be greater than 0, not " + abbreviate(value.toPlainString()));
      }
      return value;
    }

    private BigDecimal decimal(JsonNode value, String key) {
      if (!value.isTextual() || !DECIMAL.matcher(value.asText()).matches()) {
        throw new UserInputException(
            path(key)
                + ": must be a decimal in a JSON string, such as \"12.50\", not "
                + (value.isTextual() ? "'" + abbreviate(value.asText()) + "'" : kind(value)));
      }
      return new BigDecimal(value.asText());
    }

    /** A JSON integer from 1 to {@link Integer#MAX_VALUE}. */
    int requiredCount(String key) {
      BigInteger value = integer(required(key), key);
      if (value.signum() <= 0 || value.bitLength() > 31) {
        throw new UserInputException(
            path(key)
                + ": must be from 1 to "
                + Integer.MAX_VALUE
                + ", not "
                + abbreviate(value.toString()));
      }
      return value.intValueExact();
    }

    /** A JSON integer, 0 or more, within a long (any more would pass the ledger's last instant). */
    long requiredSeconds(String key) {
      BigInteger value = integer(required(key), key);
      if (value.signum() < 0 || value.bitLength() > 63) {
        throw new UserInputException(
            path(key)
                + ": must be 0 or more, within a signed 64-bit long, not "
                + abbreviate(value.toString()));
      }
      return value.longValueExact();
    }

    private BigInteger integer(JsonNode value, String key) {
      if (!value.isIntegralNumber()) {
        throw new UserInputException(
            path(key) + ": must be a JSON integer, not " + describe(value));
      }
      return value.bigIntegerValue();
    }

    private static String describe(JsonNode value) {
      return value.isTextual()
          ? "a string"
          : value.isNumber() ? "the number " + abbreviate(value.asText()) : kind(value);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
