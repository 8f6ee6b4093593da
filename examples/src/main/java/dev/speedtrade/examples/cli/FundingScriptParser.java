package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.examples.cli.FundingScript.Advance;
import dev.speedtrade.examples.cli.FundingScript.Bank;
import dev.speedtrade.examples.cli.FundingScript.Card;
import dev.speedtrade.examples.cli.FundingScript.DepositEventType;
import dev.speedtrade.examples.cli.FundingScript.Destination;
import dev.speedtrade.examples.cli.FundingScript.Instrument;
import dev.speedtrade.examples.cli.FundingScript.Kyc;
import dev.speedtrade.examples.cli.FundingScript.Op;
import dev.speedtrade.examples.cli.FundingScript.PayoutEventType;
import dev.speedtrade.examples.cli.FundingScript.Settings;
import dev.speedtrade.examples.cli.FundingScript.Step;
import dev.speedtrade.examples.cli.FundingScript.User;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link FundingScript} and checks all of it before anything runs, refusing with a {@link
 * UserInputException} whose message starts with the path of a malformed field ({@code
 * steps[3].destination.last4: ...}, {@code settings.instantFeeMin: ...}, {@code users[1].id: ...}).
 * Where a script has several faults, the one named is the first this parser meets.
 *
 * <p>Malformed, after the funding contract: bad JSON (trailing content included); an unknown key or
 * op; a missing, null or mistyped field; a decimal that is not a JSON string of the form {@code
 * -?[0-9]+(\.[0-9]+)?}; an id ({@code users[].id}, {@code user}, {@code depositId}, {@code
 * withdrawalId}, {@code investId}, {@code execId}, {@code eventId}) not matching {@code
 * [A-Za-z0-9._-]{1,64}}; a symbol not matching {@code [A-Za-z0-9./-]{1,20}}; an empty {@code
 * orderId} or {@code reviewer}; an instant that is not a real UTC {@code YYYY-MM-DDTHH:MM:SSZ} of
 * year 0001 or later; an unknown enum value (KYC statuses upper case, the others lower case); a
 * repeated user id or instrument symbol (named at its second listing); a rate setting outside [0,
 * 1); a money setting or a user's {@code instantDailyLimit} below 0 or with more than 2 decimals;
 * {@code instantFeeMin > instantFeeMax} or {@code depositMin > depositMax} (named at the first of
 * the pair, defaults filled in); a mark or a {@code mark} step's price of 0 or less; a {@code
 * last4} that is not 4 digits; a {@code confirmedAmount} on an event that is not {@code completed};
 * a repeated {@code ranked} symbol; an {@code advance} with both {@code seconds} and {@code to} or
 * neither (named at {@code seconds}), with a {@code seconds} that is not a JSON integer of 0 or
 * more ({@code 5.0} and {@code 1e2} are not), or that takes the clock back (a {@code to} before the
 * clock as it stands at that step) or past {@link #LATEST_CLOCK}.
 *
 * <p>What the contract answers with a result code is not malformed: a step's amount, qty, price or
 * confirmed amount of 0, below 0 or with too many decimals; a CLABE with a wrong check digit or
 * length; an unknown user, symbol, deposit, withdrawal or order. Nor is a key repeated in an
 * object: its last value counts.
 */
final class FundingScriptParser {
  /** The latest instant a script's clock may reach. */
  static final Instant LATEST_CLOCK = Instant.parse("9999-12-31T23:59:59Z");

  private FundingScriptParser() {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9./-]{1,20}");
  private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");
  private static final Pattern INSTANT =
      Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z");

  private static final Set<String> SCRIPT_KEYS =
      Set.of("clock", "settings", "users", "instruments", "steps");
  private static final Set<String> SETTINGS_KEYS =
      Set.of(
          "liquidityBuffer",
          "instantFeeRate",
          "instantDailyLimit",
          "instantFeeMin",
          "instantFeeMax",
          "depositMin",
          "depositMax",
          "kycDepositLimit",
          "autoApproveLimit");
  private static final Set<String> USER_KEYS = Set.of("id", "kyc", "instantDailyLimit");
  private static final Set<String> INSTRUMENT_KEYS = Set.of("symbol", "assetClass", "mark");
  private static final Set<String> DESTINATION_KEYS = Set.of("type", "clabe", "last4");
  private static final Set<String> BANK_KEYS = Set.of("type", "clabe");
  private static final Set<String> CARD_KEYS = Set.of("type", "last4");

  /** The keys each op takes, {@code op} included. */
  private static final Map<Op, Set<String>> STEP_KEYS = stepKeys();

  private static final Map<String, Op> OPS = spellings(Op.values(), Op::spelling);
  private static final Map<String, Kyc> KYCS = spellings(Kyc.values(), Kyc::name);
  private static final Map<String, AssetClass> ASSET_CLASSES =
      spellings(AssetClass.values(), FundingScript::spelling);
  private static final Map<String, DepositEventType> DEPOSIT_EVENT_TYPES =
      spellings(DepositEventType.values(), FundingScript::spelling);
  private static final Map<String, PayoutEventType> PAYOUT_EVENT_TYPES =
      spellings(PayoutEventType.values(), FundingScript::spelling);
  private static final Map<String, String> DESTINATION_TYPES =
      spellings(new String[] {"bank", "card"}, Function.identity());

  private static Map<Op, Set<String>> stepKeys() {
    Map<Op, Set<String>> keys = new LinkedHashMap<>();
    keys.put(Op.DEPOSIT_CREATE, Set.of("op", "user", "depositId", "amount"));
    keys.put(Op.DEPOSIT_EVENT, Set.of("op", "eventId", "depositId", "type", "confirmedAmount"));
    keys.put(Op.BUY_FILL, Set.of("op", "user", "execId", "symbol", "qty", "price", "orderId"));
    keys.put(Op.SELL_FILL, Set.of("op", "user", "execId", "symbol", "qty", "price"));
    keys.put(Op.ORDER_CANCEL, Set.of("op", "orderId"));
    Set<String> create = Set.of("op", "user", "withdrawalId", "amount", "destination");
    keys.put(Op.WITHDRAW_INSTANT, create);
    keys.put(Op.WITHDRAW_REQUEST, create);
    Set<String> review = Set.of("op", "withdrawalId", "reviewer");
    keys.put(Op.WITHDRAW_APPROVE, review);
    keys.put(Op.WITHDRAW_REJECT, review);
    keys.put(Op.WITHDRAW_CANCEL, Set.of("op", "withdrawalId"));
    keys.put(Op.WITHDRAW_PROCESS, Set.of("op", "withdrawalId"));
    keys.put(Op.PAYOUT_EVENT, Set.of("op", "eventId", "withdrawalId", "type"));
    keys.put(Op.AUTO_INVEST, Set.of("op", "user", "investId", "amount", "ranked"));
    keys.put(Op.SET_KYC, Set.of("op", "user", "status"));
    keys.put(Op.MARK, Set.of("op", "symbol", "price"));
    keys.put(Op.ADVANCE, Set.of("op", "seconds", "to"));
    keys.put(Op.SETTLE, Set.of("op"));
    keys.put(Op.LIQUIDITY_REPORT, Set.of("op"));
    return Map.copyOf(keys);
  }

  private static <E> Map<String, E> spellings(E[] values, Function<E, String> spelling) {
    Map<String, E> map = new LinkedHashMap<>();
    for (E value : values) {
      map.put(spelling.apply(value), value);
    }
    return map;
  }

  /** See {@link FundingScript#parse}. */
  static FundingScript parse(String text) {
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
    Instant clock = instant(top.requiredText("clock"), top.path("clock"));
    JsonNode settingsNode = top.optional("settings");
    Settings settings =
        settingsNode == null ? Settings.DEFAULTS : settings(settingsNode, top.path("settings"));

    List<User> users = new ArrayList<>();
    Set<String> userIds = new HashSet<>();
    JsonNode userNodes = top.requiredArray("users");
    for (int i = 0; i < userNodes.size(); i++) {
      String path = "users[" + i + "]";
      User user = user(userNodes.get(i), path);
      if (!userIds.add(user.id())) {
        throw new UserInputException(
            path + ".id: user '" + user.id() + "' is listed more than once");
      }
      users.add(user);
    }

    List<Instrument> instruments = new ArrayList<>();
    Set<String> symbols = new HashSet<>();
    JsonNode instrumentNodes = top.optionalArray("instruments");
    if (instrumentNodes != null) {
      for (int i = 0; i < instrumentNodes.size(); i++) {
        String path = "instruments[" + i + "]";
        Instrument instrument = instrument(instrumentNodes.get(i), path);
        if (!symbols.add(instrument.symbol())) {
          throw new UserInputException(
              path + ".symbol: symbol '" + instrument.symbol() + "' is listed more than once");
        }
        instruments.add(instrument);
      }
    }

    List<Step> steps = new ArrayList<>();
    JsonNode stepNodes = top.requiredArray("steps");
    Instant now = clock;
    for (int i = 0; i < stepNodes.size(); i++) {
      Step step = step(stepNodes.get(i), "steps[" + i + "]", now);
      if (step instanceof Advance advance) {
        now = advance.after(now);
      }
      steps.add(step);
    }
    return new FundingScript(clock, settings, users, instruments, steps);
  }

  private static Settings settings(JsonNode node, String path) {
    Settings defaults = Settings.DEFAULTS;
    Fields fields = Fields.of(node, path, SETTINGS_KEYS);
    BigDecimal instantFeeMin = fields.money("instantFeeMin", defaults.instantFeeMin());
    BigDecimal instantFeeMax = fields.money("instantFeeMax", defaults.instantFeeMax());
    BigDecimal depositMin = fields.money("depositMin", defaults.depositMin());
    BigDecimal depositMax = fields.money("depositMax", defaults.depositMax());
    Settings settings =
        new Settings(
            fields.rate("liquidityBuffer", defaults.liquidityBuffer()),
            fields.rate("instantFeeRate", defaults.instantFeeRate()),
            fields.money("instantDailyLimit", defaults.instantDailyLimit()),
            instantFeeMin,
            instantFeeMax,
            depositMin,
            depositMax,
            fields.money("kycDepositLimit", defaults.kycDepositLimit()),
            fields.optionalMoney("autoApproveLimit"));
    if (instantFeeMin.compareTo(instantFeeMax) > 0) {
      throw new UserInputException(
          fields.path("instantFeeMin")
              + ": "
              + instantFeeMin.toPlainString()
              + " is above instantFeeMax, "
              + instantFeeMax.toPlainString());
    }
    if (depositMin.compareTo(depositMax) > 0) {
      throw new UserInputException(
          fields.path("depositMin")
              + ": "
              + depositMin.toPlainString()
              + " is above depositMax, "
              + depositMax.toPlainString());
    }
    return settings;
  }

  private static User user(JsonNode node, String path) {
    Fields fields = Fields.of(node, path, USER_KEYS);
    return new User(
        fields.requiredId("id"),
        fields.requiredEnum("kyc", KYCS),
        fields.optionalMoney("instantDailyLimit"));
  }

  private static Instrument instrument(JsonNode node, String path) {
    Fields fields = Fields.of(node, path, INSTRUMENT_KEYS);
    return new Instrument(
        fields.requiredSymbol("symbol"),
        fields.requiredEnum("assetClass", ASSET_CLASSES),
        fields.requiredPositiveDecimal("mark"));
  }

  /** One step; {@code now} is the clock as it stands before it. */
  private static Step step(JsonNode node, String path, Instant now) {
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
      throw new UserInputException(path + ".op: unknown op '" + abbreviate(spelling) + "'");
    }
    Fields fields = Fields.of(node, path, STEP_KEYS.get(op));
    return switch (op) {
      case DEPOSIT_CREATE ->
          new FundingScript.DepositCreate(
              fields.requiredId("user"),
              fields.requiredId("depositId"),
              fields.requiredDecimal("amount"));
      case DEPOSIT_EVENT -> depositEvent(fields);
      case BUY_FILL ->
          new FundingScript.BuyFill(
              fields.requiredId("user"),
              fields.requiredId("execId"),
              fields.requiredSymbol("symbol"),
              fields.requiredDecimal("qty"),
              fields.requiredDecimal("price"),
              fields.optionalNonEmpty("orderId"));
      case SELL_FILL ->
          new FundingScript.SellFill(
              fields.requiredId("user"),
              fields.requiredId("execId"),
              fields.requiredSymbol("symbol"),
              fields.requiredDecimal("qty"),
              fields.requiredDecimal("price"));
      case ORDER_CANCEL -> new FundingScript.OrderCancel(fields.requiredNonEmpty("orderId"));
      case WITHDRAW_INSTANT ->
          new FundingScript.WithdrawInstant(
              fields.requiredId("user"),
              fields.requiredId("withdrawalId"),
              fields.requiredDecimal("amount"),
              destination(fields));
      case WITHDRAW_REQUEST ->
          new FundingScript.WithdrawRequest(
              fields.requiredId("user"),
              fields.requiredId("withdrawalId"),
              fields.requiredDecimal("amount"),
              destination(fields));
      case WITHDRAW_APPROVE ->
          new FundingScript.WithdrawApprove(
              fields.requiredId("withdrawalId"), fields.requiredNonEmpty("reviewer"));
      case WITHDRAW_REJECT ->
          new FundingScript.WithdrawReject(
              fields.requiredId("withdrawalId"), fields.requiredNonEmpty("reviewer"));
      case WITHDRAW_CANCEL -> new FundingScript.WithdrawCancel(fields.requiredId("withdrawalId"));
      case WITHDRAW_PROCESS -> new FundingScript.WithdrawProcess(fields.requiredId("withdrawalId"));
      case PAYOUT_EVENT ->
          new FundingScript.PayoutEvent(
              fields.requiredId("eventId"),
              fields.requiredId("withdrawalId"),
              fields.requiredEnum("type", PAYOUT_EVENT_TYPES));
      case AUTO_INVEST ->
          new FundingScript.AutoInvest(
              fields.requiredId("user"),
              fields.requiredId("investId"),
              fields.requiredDecimal("amount"),
              ranked(fields));
      case SET_KYC ->
          new FundingScript.SetKyc(fields.requiredId("user"), fields.requiredEnum("status", KYCS));
      case MARK ->
          new FundingScript.Mark(
              fields.requiredSymbol("symbol"), fields.requiredPositiveDecimal("price"));
      case ADVANCE -> advance(fields, now);
      case SETTLE -> new FundingScript.Settle();
      case LIQUIDITY_REPORT -> new FundingScript.LiquidityReport();
    };
  }

  private static FundingScript.DepositEvent depositEvent(Fields fields) {
    String eventId = fields.requiredId("eventId");
    String depositId = fields.requiredId("depositId");
    DepositEventType type = fields.requiredEnum("type", DEPOSIT_EVENT_TYPES);
    BigDecimal confirmedAmount = fields.optionalDecimal("confirmedAmount");
    if (confirmedAmount != null && type != DepositEventType.COMPLETED) {
      throw new UserInputException(
          fields.path("confirmedAmount")
              + ": only a completed event has one, not a "
              + FundingScript.spelling(type)
              + " one");
    }
    return new FundingScript.DepositEvent(eventId, depositId, type, confirmedAmount);
  }

  private static Destination destination(Fields step) {
    String path = step.path("destination");
    JsonNode node = step.required("destination");
    String type = Fields.of(node, path, DESTINATION_KEYS).requiredEnum("type", DESTINATION_TYPES);
    if (type.equals("bank")) {
      return new Bank(Fields.of(node, path, BANK_KEYS).requiredText("clabe"));
    }
    Fields card = Fields.of(node, path, CARD_KEYS);
    String last4 = card.requiredText("last4");
    if (!LAST4.matcher(last4).matches()) {
      throw new UserInputException(
          card.path("last4") + ": must be 4 digits, not '" + abbreviate(last4) + "'");
    }
    return new Card(last4);
  }

  private static List<String> ranked(Fields step) {
    JsonNode nodes = step.optionalArray("ranked");
    if (nodes == null) {
      return List.of();
    }
    List<String> ranked = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      String path = step.path("ranked") + "[" + i + "]";
      String symbol = symbol(nodes.get(i), path);
      if (!seen.add(symbol)) {
        throw new UserInputException(path + ": symbol '" + symbol + "' is ranked more than once");
      }
      ranked.add(symbol);
    }
    return ranked;
  }

  private static Advance advance(Fields fields, Instant now) {
    JsonNode secondsNode = fields.optional("seconds");
    JsonNode toNode = fields.optional("to");
    if ((secondsNode == null) == (toNode == null)) {
      throw new UserInputException(
          fields.path("seconds")
              + ": an advance takes exactly one of seconds and to, not "
              + (secondsNode == null ? "neither" : "both"));
    }
    if (secondsNode != null) {
      BigInteger seconds = fields.integer(secondsNode, "seconds");
      if (seconds.signum() < 0) {
        throw new UserInputException(
            fields.path("seconds") + ": must be 0 or more, not " + abbreviate(seconds.toString()));
      }
      BigInteger left = BigInteger.valueOf(LATEST_CLOCK.getEpochSecond() - now.getEpochSecond());
      if (seconds.compareTo(left) > 0) {
        throw new UserInputException(
            fields.path("seconds") + ": moves the clock from " + now + " past " + LATEST_CLOCK);
      }
      return new Advance(seconds.longValueExact(), null);
    }
    Instant to = instant(text(toNode, fields.path("to")), fields.path("to"));
    if (to.isBefore(now)) {
      throw new UserInputException(
          fields.path("to") + ": takes the clock back, from " + now + " to " + to);
    }
    return new Advance(null, to);
  }

  /** A UTC instant {@code YYYY-MM-DDTHH:MM:SSZ} that exists, of year 0001 or later. */
  private static Instant instant(String text, String path) {
    Matcher m = INSTANT.matcher(text);
    if (!m.matches()) {
      throw new UserInputException(
          path + ": must be a UTC instant YYYY-MM-DDTHH:MM:SSZ, not '" + abbreviate(text) + "'");
    }
    int year = Integer.parseInt(m.group(1));
    if (year < 1) {
      throw new UserInputException(path + ": must be of year 0001 or later, not '" + text + "'");
    }
    try {
      return LocalDateTime.of(
              year,
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)))
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new UserInputException(path + ": '" + text + "' is not an instant that exists");
    }
  }

  /** Decimal places after stripping trailing zeros ({@code 5.000} has none, nor {@code 500}). */
  private static int decimalPlaces(BigDecimal value) {
    return Math.max(0, value.stripTrailingZeros().scale());
  }

  private static String id(JsonNode node, String path) {
    return matching(node, path, ID);
  }

  private static String symbol(JsonNode node, String path) {
    return matching(node, path, SYMBOL);
  }

  private static String matching(JsonNode node, String path, Pattern form) {
    String value = text(node, path);
    if (!form.matcher(value).matches()) {
      throw new UserInputException(
          path + ": must match " + form.pattern() + ", not '" + abbreviate(value) + "'");
    }
    return value;
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
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
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
      return array(required(key), key);
    }

    @Nullable JsonNode optionalArray(String key) {
      JsonNode value = optional(key);
      return value == null ? null : array(value, key);
    }

    private JsonNode array(JsonNode value, String key) {
      if (!value.isArray()) {
        throw new UserInputException(path(key) + ": must be a list, not " + kind(value));
      }
      return value;
    }

    String requiredText(String key) {
      return text(required(key), path(key));
    }

    String requiredNonEmpty(String key) {
      return nonEmpty(required(key), key);
    }

    @Nullable String optionalNonEmpty(String key) {
      JsonNode value = optional(key);
      return value == null ? null : nonEmpty(value, key);
    }

    private String nonEmpty(JsonNode value, String key) {
      String text = text(value, path(key));
      if (text.isEmpty()) {
        throw new UserInputException(path(key) + ": must not be empty");
      }
      return text;
    }

    String requiredId(String key) {
      return id(required(key), path(key));
    }

    String requiredSymbol(String key) {
      return symbol(required(key), path(key));
    }

    <E> E requiredEnum(String key, Map<String, E> values) {
      String text = requiredText(key);
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
      BigDecimal value = requiredDecimal(key);
      if (value.signum() <= 0) {
        throw new UserInputException(
            path(key) + ": must be greater than 0, not " + abbreviate(value.toPlainString()));
      }
      return value;
    }

    /** A rate from 0 (included) to 1 (excluded), or {@code absent}. */
    BigDecimal rate(String key, BigDecimal absent) {
      BigDecimal value = optionalDecimal(key);
      if (value == null) {
        return absent;
      }
      if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) >= 0) {
        throw new UserInputException(
            path(key)
                + ": must be 0 or more and below 1, not "
                + abbreviate(value.toPlainString()));
      }
      return value;
    }

    /** Money, 0 or more with at most 2 decimals, or {@code absent}. */
    BigDecimal money(String key, BigDecimal absent) {
      BigDecimal value = optionalMoney(key);
      return value == null ? absent : value;
    }

    @Nullable BigDecimal optionalMoney(String key) {
      BigDecimal value = optionalDecimal(key);
      if (value != null && (value.signum() < 0 || decimalPlaces(value) > 2)) {
        throw new UserInputException(
            path(key)
                + ": must be 0 or more with at most 2 decimals, not "
                + abbreviate(value.toPlainString()));
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

    BigInteger integer(JsonNode value, String key) {
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
