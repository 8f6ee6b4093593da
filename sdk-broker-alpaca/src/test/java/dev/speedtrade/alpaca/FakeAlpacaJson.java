package dev.speedtrade.alpaca;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.AssetStatus;
import dev.speedtrade.broker.Bar;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.MarketStatus;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.Quote;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.broker.Trade;
import dev.speedtrade.broker.TradeUpdate;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Alpaca's JSON for {@link FakeAlpaca}, in the shapes of the fixtures under {@code
 * src/test/resources/alpaca}: the same keys in the same order, Trading API numbers as strings,
 * Market Data numbers as numbers, timestamps RFC 3339 (UTC for orders, New York offsets for the
 * clock), and nulls where Alpaca sends null.
 */
final class FakeAlpacaJson {
  private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter SESSION_TIME = DateTimeFormatter.ofPattern("HHmm");

  /** Extended hours end four hours after the regular close, as in {@code SimulatedMarketClock}. */
  private static final long AFTER_HOURS = 4;

  private static final int FRACTION_SCALE = 16;
  private static final String IEX = "V";

  private FakeAlpacaJson() {}

  /** Writes one JSON document. */
  interface Document {
    void write(JsonWriter json) throws IOException;
  }

  static String write(Document document) {
    Buffer buffer = new Buffer();
    try (JsonWriter json = JsonWriter.of(buffer)) {
      json.setSerializeNulls(true);
      document.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  // ---------------------------------------------------------------- trading API

  static String order(BrokerOrder order) {
    return write(json -> order(json, order, false));
  }

  static String orders(List<BrokerOrder> orders) {
    return write(
        json -> {
          json.beginArray();
          for (BrokerOrder order : orders) {
            order(json, order, false);
          }
          json.endArray();
        });
  }

  /**
   * The order object: {@code order.json} for REST; in the stream, the shape of the documented
   * {@code trade_updates} examples (with {@code cancel_requested_at}, without {@code subtag} and
   * {@code source}). {@code expires_at} is left out: Alpaca sends it only sometimes, and a {@link
   * BrokerOrder} does not carry it.
   */
  static void order(JsonWriter json, BrokerOrder order, boolean inStream) throws IOException {
    json.beginObject();
    string(json, "id", order.id());
    string(json, "client_order_id", order.clientOrderId());
    time(json, "created_at", order.createdAt());
    time(json, "updated_at", order.updatedAt());
    time(json, "submitted_at", order.createdAt());
    time(json, "filled_at", order.filledAt());
    time(json, "expired_at", order.expiredAt());
    if (inStream) {
      time(json, "cancel_requested_at", order.canceledAt());
    }
    time(json, "canceled_at", order.canceledAt());
    time(json, "failed_at", order.failedAt());
    time(json, "replaced_at", order.replacedAt());
    string(json, "replaced_by", order.replacedBy());
    string(json, "replaces", order.replaces());
    string(json, "asset_id", assetId(order.symbol()));
    string(json, "symbol", order.symbol());
    string(json, "asset_class", lower(order.assetClass()));
    decimal(json, "notional", order.notional() == null ? null : order.notional().amount());
    decimal(json, "qty", order.qty() == null ? null : order.qty().value());
    decimal(json, "filled_qty", order.filledQty().value());
    decimal(json, "filled_avg_price", value(order.filledAvgPrice()));
    string(json, "order_class", "");
    string(json, "order_type", lower(order.type()));
    string(json, "type", lower(order.type()));
    string(json, "side", lower(order.side()));
    string(
        json, "position_intent", order.side() == OrderSide.BUY ? "buy_to_open" : "sell_to_close");
    string(json, "time_in_force", lower(order.timeInForce()));
    decimal(json, "limit_price", value(order.limitPrice()));
    decimal(json, "stop_price", value(order.stopPrice()));
    string(json, "status", lower(order.status()));
    json.name("extended_hours").value(order.extendedHours());
    nullValue(json, "legs");
    nullValue(json, "trail_percent");
    nullValue(json, "trail_price");
    nullValue(json, "hwm");
    if (!inStream) {
      nullValue(json, "subtag");
      nullValue(json, "source");
    }
    json.endObject();
  }

  /** {@code cancel-all.json}: HTTP 207, one entry per order with the order as its {@code body}. */
  static String canceledOrders(List<BrokerOrder> orders) {
    return write(
        json -> {
          json.beginArray();
          for (BrokerOrder order : orders) {
            json.beginObject();
            string(json, "id", order.id());
            json.name("status").value(200);
            json.name("body");
            order(json, order, false);
            json.endObject();
          }
          json.endArray();
        });
  }

  /** {@code account.json}, for a cash account: no margin, no shorting, multiplier 1. */
  static String account(Account account, Money longMarketValue, Instant createdAt, LocalDate asOf) {
    return write(
        json -> {
          String buyingPower = plain(account.buyingPower());
          json.beginObject();
          string(json, "id", account.id());
          json.name("admin_configurations").beginObject().endObject();
          nullValue(json, "user_configurations");
          string(json, "account_number", account.id());
          string(json, "status", account.status().name());
          string(json, "crypto_status", "ACTIVE");
          json.name("crypto_tier").value(1);
          json.name("options_approved_level").value(0);
          json.name("options_trading_level").value(0);
          string(json, "currency", account.cash().currency().getCurrencyCode());
          string(json, "buying_power", buyingPower);
          string(json, "regt_buying_power", buyingPower);
          string(json, "options_buying_power", buyingPower);
          string(json, "effective_buying_power", buyingPower);
          string(json, "non_marginable_buying_power", buyingPower);
          string(json, "cash", plain(account.cash()));
          string(json, "accrued_fees", "0");
          string(json, "pending_transfer_in", "0");
          string(json, "pending_transfer_out", "0");
          string(json, "portfolio_value", plain(account.equity()));
          json.name("trading_blocked").value(account.tradingBlocked());
          json.name("transfers_blocked").value(false);
          json.name("account_blocked").value(false);
          time(json, "created_at", createdAt);
          json.name("trade_suspended_by_user").value(false);
          string(json, "multiplier", "1");
          json.name("shorting_enabled").value(false);
          string(json, "equity", plain(account.equity()));
          string(json, "last_equity", plain(account.equity()));
          string(json, "long_market_value", plain(longMarketValue));
          string(json, "short_market_value", "0");
          string(json, "position_market_value", plain(longMarketValue));
          string(json, "initial_margin", "0");
          string(json, "maintenance_margin", "0");
          string(json, "last_maintenance_margin", "0");
          string(json, "sma", "0");
          string(json, "intraday_adjustments", "0");
          string(json, "pending_reg_taf_fees", "0");
          string(json, "balance_asof", asOf.toString());
          json.endObject();
        });
  }

  /**
   * What a position needs beyond the {@link Position}: its last close and the units free to sell.
   */
  record PositionContext(@Nullable BigDecimal lastdayPrice, BigDecimal qtyAvailable) {}

  static String positions(List<Position> positions, Map<String, PositionContext> contexts) {
    return write(
        json -> {
          json.beginArray();
          for (Position position : positions) {
            position(json, position, contexts.get(position.symbol()));
          }
          json.endArray();
        });
  }

  static String position(Position position, @Nullable PositionContext context) {
    return write(json -> position(json, position, context));
  }

  /** {@code positions.json}; P/L fractions to 16 decimals {@link RoundingMode#HALF_EVEN}. */
  private static void position(
      JsonWriter json, Position position, @Nullable PositionContext context) throws IOException {
    BigDecimal qty = position.signedQty();
    BigDecimal current =
        position.currentPrice() == null
            ? position.avgEntryPrice().value()
            : position.currentPrice().value();
    BigDecimal lastday =
        context == null || context.lastdayPrice() == null ? current : context.lastdayPrice();
    BigDecimal marketValue = position.marketValue().amount();
    BigDecimal costBasis = position.costBasis().amount();
    BigDecimal pl = marketValue.subtract(costBasis);
    BigDecimal intradayPl = current.subtract(lastday).multiply(qty);
    BigDecimal changeToday = fraction(current.subtract(lastday), lastday);
    json.beginObject();
    string(json, "asset_id", assetId(position.symbol()));
    // Alpaca reports a crypto USD pair's position in its old symbology: BTCUSD, not BTC/USD.
    string(
        json,
        "symbol",
        position.symbol().endsWith("/USD")
            ? position.symbol().replace("/", "")
            : position.symbol());
    string(json, "exchange", exchange(position.assetClass()));
    string(json, "asset_class", lower(position.assetClass()));
    json.name("asset_marginable").value(position.assetClass() == AssetClass.US_EQUITY);
    decimal(json, "qty", qty);
    decimal(json, "avg_entry_price", position.avgEntryPrice().value());
    string(json, "side", lower(position.side()));
    decimal(json, "market_value", marketValue);
    decimal(json, "cost_basis", costBasis);
    decimal(json, "unrealized_pl", pl);
    string(json, "unrealized_plpc", fractionText(fraction(pl, costBasis.abs())));
    decimal(json, "unrealized_intraday_pl", intradayPl);
    string(json, "unrealized_intraday_plpc", fractionText(changeToday));
    decimal(json, "current_price", value(position.currentPrice()));
    decimal(json, "lastday_price", lastday);
    string(json, "change_today", fractionText(changeToday));
    decimal(json, "qty_available", context == null ? qty : context.qtyAvailable());
    json.endObject();
  }

  /**
   * {@code asset.json}. The sim offers no shorting or margin, so {@code shortable} is false; the
   * exchange and margin requirements are fixed values of the right types.
   */
  static String asset(Asset asset) {
    return write(
        json -> {
          boolean equity = asset.assetClass() == AssetClass.US_EQUITY;
          json.beginObject();
          string(json, "id", assetId(asset.symbol()));
          string(json, "class", lower(asset.assetClass()));
          string(json, "exchange", exchange(asset.assetClass()));
          string(json, "symbol", asset.symbol());
          string(json, "name", asset.name());
          string(json, "status", asset.status() == AssetStatus.ACTIVE ? "active" : "inactive");
          json.name("tradable").value(asset.tradable());
          json.name("marginable").value(equity);
          json.name("maintenance_margin_requirement").value(equity ? 30 : 100);
          string(json, "margin_requirement_long", equity ? "30" : "100");
          string(json, "margin_requirement_short", equity ? "30" : "100");
          json.name("shortable").value(false);
          json.name("easy_to_borrow").value(false);
          string(json, "borrow_status", "hard_to_borrow");
          json.name("fractionable").value(asset.fractionable());
          nullValue(json, "cusip");
          json.name("attributes").beginArray();
          if (equity && asset.fractionable()) {
            json.value("fractional_eh_enabled");
          }
          json.endArray();
          json.endObject();
        });
  }

  /** {@code clock.json}: New York offsets. */
  static String clock(MarketStatus status) {
    return write(
        json -> {
          json.beginObject();
          string(json, "timestamp", newYork(status.timestamp()));
          json.name("is_open").value(status.open());
          string(json, "next_open", newYork(status.nextOpen()));
          string(json, "next_close", newYork(status.nextClose()));
          json.endObject();
        });
  }

  /**
   * {@code calendar.json}: each day of {@code days} with its settlement date, the next trading day
   * in {@code days} or {@code following} (T+1).
   */
  static String calendar(List<TradingDay> days, List<TradingDay> following) {
    return write(
        json -> {
          json.beginArray();
          for (int i = 0; i < days.size(); i++) {
            TradingDay day = days.get(i);
            TradingDay next =
                i + 1 < days.size() ? days.get(i + 1) : firstAfter(following, day.date());
            json.beginObject();
            string(json, "date", day.date().toString());
            string(json, "open", HOURS_MINUTES.format(day.open()));
            string(json, "close", HOURS_MINUTES.format(day.close()));
            string(json, "session_open", "0400");
            string(json, "session_close", SESSION_TIME.format(day.close().plusHours(AFTER_HOURS)));
            string(json, "settlement_date", next == null ? null : next.date().toString());
            json.endObject();
          }
          json.endArray();
        });
  }

  private static @Nullable TradingDay firstAfter(List<TradingDay> days, LocalDate date) {
    for (TradingDay day : days) {
      if (day.date().isAfter(date)) {
        return day;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- market data API

  /**
   * {@code snapshots.json}: an object keyed by symbol, {@code null} for a symbol the sim does not
   * list. The sim has no minute bars; {@code minuteBar} is the latest trade's minute. Trade counts
   * {@code n} and {@code vw} are stand-ins (one trade, at the close).
   */
  static String snapshots(List<String> requested, Map<String, Snapshot> snapshots) {
    return write(
        json -> {
          json.beginObject();
          for (String symbol : requested) {
            Snapshot snapshot = snapshots.get(symbol);
            json.name(symbol);
            if (snapshot == null) {
              json.nullValue();
              continue;
            }
            json.beginObject();
            json.name("latestTrade");
            trade(json, snapshot.latestTrade());
            json.name("latestQuote");
            quote(json, snapshot.latestQuote());
            json.name("minuteBar");
            minuteBar(json, snapshot.latestTrade());
            json.name("dailyBar");
            dailyBar(json, snapshot.dailyBar());
            json.name("prevDailyBar");
            dailyBar(json, snapshot.previousDailyBar());
            json.endObject();
          }
          json.endObject();
        });
  }

  private static void trade(JsonWriter json, @Nullable Trade trade) throws IOException {
    if (trade == null) {
      json.nullValue();
      return;
    }
    json.beginObject();
    time(json, "t", trade.timestamp());
    string(json, "x", IEX);
    number(json, "p", trade.price().value());
    number(json, "s", trade.size().value());
    json.name("c").beginArray().value("@").endArray();
    json.name("i").value(Math.floorMod(trade.timestamp().toEpochMilli(), 1_000_000L));
    string(json, "z", "C");
    json.endObject();
  }

  private static void quote(JsonWriter json, @Nullable Quote quote) throws IOException {
    if (quote == null) {
      json.nullValue();
      return;
    }
    json.beginObject();
    time(json, "t", quote.timestamp());
    string(json, "ax", IEX);
    number(json, "ap", quote.askPrice() == null ? BigDecimal.ZERO : quote.askPrice().value());
    number(json, "as", quote.askSize().value());
    string(json, "bx", IEX);
    number(json, "bp", quote.bidPrice() == null ? BigDecimal.ZERO : quote.bidPrice().value());
    number(json, "bs", quote.bidSize().value());
    json.name("c").beginArray().value("R").endArray();
    string(json, "z", "C");
    json.endObject();
  }

  private static void minuteBar(JsonWriter json, @Nullable Trade trade) throws IOException {
    if (trade == null) {
      json.nullValue();
      return;
    }
    BigDecimal price = trade.price().value();
    bar(
        json,
        trade.timestamp().truncatedTo(ChronoUnit.MINUTES),
        price,
        price,
        price,
        price,
        trade.size().value());
  }

  /** Daily bars are stamped at midnight New York time, as Alpaca stamps them. */
  private static void dailyBar(JsonWriter json, @Nullable Bar bar) throws IOException {
    if (bar == null) {
      json.nullValue();
      return;
    }
    Instant midnight =
        bar.start()
            .atZone(TradingDay.NEW_YORK)
            .toLocalDate()
            .atStartOfDay(TradingDay.NEW_YORK)
            .toInstant();
    bar(
        json,
        midnight,
        bar.open().value(),
        bar.high().value(),
        bar.low().value(),
        bar.close().value(),
        bar.volume());
  }

  private static void bar(
      JsonWriter json,
      Instant start,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      BigDecimal volume)
      throws IOException {
    json.beginObject();
    time(json, "t", start);
    number(json, "o", open);
    number(json, "h", high);
    number(json, "l", low);
    number(json, "c", close);
    number(json, "v", volume);
    json.name("n").value(volume.signum() == 0 ? 0 : 1);
    number(json, "vw", close);
    json.endObject();
  }

  // ---------------------------------------------------------------- streaming

  /** A {@code trade_updates} message as {@code trade-updates.md} documents it. */
  static String tradeUpdate(TradeUpdate update, String executionId) {
    return write(
        json -> {
          json.beginObject();
          string(json, "stream", "trade_updates");
          json.name("data").beginObject();
          string(json, "event", lower(update.event()));
          string(json, "execution_id", executionId);
          time(json, "timestamp", update.timestamp());
          if (update.event().isFill()) {
            decimal(json, "price", value(update.price()));
            decimal(json, "qty", update.qty() == null ? null : update.qty().value());
            if (update.positionQty() != null) {
              decimal(json, "position_qty", update.positionQty());
            }
          }
          json.name("order");
          order(json, update.order(), true);
          json.endObject();
          json.endObject();
        });
  }

  static String authorization(boolean authorized, String action) {
    return write(
        json -> {
          json.beginObject();
          string(json, "stream", "authorization");
          json.name("data").beginObject();
          string(json, "status", authorized ? "authorized" : "unauthorized");
          string(json, "action", action);
          json.endObject();
          json.endObject();
        });
  }

  static String listening(List<String> streams) {
    return write(
        json -> {
          json.beginObject();
          string(json, "stream", "listening");
          json.name("data").beginObject();
          json.name("streams").beginArray();
          for (String stream : streams) {
            json.value(stream);
          }
          json.endArray();
          json.endObject();
          json.endObject();
        });
  }

  // ---------------------------------------------------------------- errors

  /** Alpaca's error body: {@code {"code": 40410000, "message": "order not found"}}. */
  static String error(long code, String message) {
    return write(
        json -> {
          json.beginObject();
          json.name("code").value(code);
          string(json, "message", message);
          json.endObject();
        });
  }

  /** An error body without a code, as Alpaca's gateway and data API send. */
  static String message(String message) {
    return write(json -> json.beginObject().name("message").value(message).endObject());
  }

  /** {@code error-insufficient-buying-power.json}; keys sorted, as Alpaca sends them. */
  static String insufficientBuyingPower(Money buyingPower, BigDecimal costBasis) {
    return write(
        json -> {
          json.beginObject();
          string(json, "buying_power", plain(buyingPower));
          json.name("code").value(40310000);
          decimal(json, "cost_basis", costBasis);
          string(json, "message", "insufficient buying power");
          json.endObject();
        });
  }

  /**
   * {@code error-insufficient-qty.json}; {@code related_orders} only when open orders hold units.
   */
  static String insufficientQty(
      String symbol,
      BigDecimal requested,
      BigDecimal existing,
      BigDecimal held,
      List<String> relatedOrders) {
    BigDecimal available = existing.subtract(held).max(BigDecimal.ZERO);
    return write(
        json -> {
          json.beginObject();
          decimal(json, "available", available);
          json.name("code").value(40310000);
          decimal(json, "existing_qty", existing);
          decimal(json, "held_for_orders", held);
          string(
              json,
              "message",
              "insufficient qty available for order (requested: "
                  + plain(requested)
                  + ", available: "
                  + plain(available)
                  + ")");
          if (!relatedOrders.isEmpty()) {
            json.name("related_orders").beginArray();
            for (String id : relatedOrders) {
              json.value(id);
            }
            json.endArray();
          }
          string(json, "symbol", symbol);
          json.endObject();
        });
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads a JSON object: scalars as their text (numbers too, exactly as sent), booleans as {@link
   * Boolean}, nested values as Moshi's maps and lists.
   *
   * @throws IOException or {@link JsonDataException} when the text is not one JSON object
   */
  static Map<String, @Nullable Object> readObject(String text) throws IOException {
    JsonReader reader = JsonReader.of(new Buffer().writeString(text, StandardCharsets.UTF_8));
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new JsonDataException("expected a JSON object");
    }
    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      switch (reader.peek()) {
        case STRING, NUMBER -> fields.put(name, reader.nextString());
        case BOOLEAN -> fields.put(name, reader.nextBoolean());
        case NULL -> fields.put(name, reader.nextNull());
        default -> fields.put(name, reader.readJsonValue());
      }
    }
    reader.endObject();
    if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
      throw new JsonDataException("expected one JSON object");
    }
    return fields;
  }

  // ---------------------------------------------------------------- values

  /** A stable made-up asset id per symbol (Alpaca's are UUIDs). */
  static String assetId(String symbol) {
    return UUID.nameUUIDFromBytes(("asset:" + symbol).getBytes(StandardCharsets.UTF_8)).toString();
  }

  static String plain(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  static String plain(Money money) {
    return plain(money.amount());
  }

  private static String exchange(AssetClass assetClass) {
    return assetClass == AssetClass.US_EQUITY ? "NASDAQ" : "CRYPTO";
  }

  private static BigDecimal fraction(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0
        ? BigDecimal.ZERO
        : part.divide(whole, FRACTION_SCALE, RoundingMode.HALF_EVEN);
  }

  private static String fractionText(BigDecimal fraction) {
    return fraction.signum() == 0 ? "0" : fraction.toPlainString();
  }

  private static @Nullable BigDecimal value(@Nullable Price price) {
    return price == null ? null : price.value();
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String newYork(Instant instant) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(TradingDay.NEW_YORK));
  }

  private static void string(JsonWriter json, String name, @Nullable String value)
      throws IOException {
    json.name(name);
    if (value == null) {
      json.nullValue();
    } else {
      json.value(value);
    }
  }

  private static void decimal(JsonWriter json, String name, @Nullable BigDecimal value)
      throws IOException {
    string(json, name, value == null ? null : plain(value));
  }

  /** A JSON number written as plain decimal text, never in exponent form. */
  private static void number(JsonWriter json, String name, BigDecimal value) throws IOException {
    json.name(name).value(new BigDecimal(plain(value)));
  }

  private static void time(JsonWriter json, String name, @Nullable Instant value)
      throws IOException {
    string(json, name, value == null ? null : DateTimeFormatter.ISO_INSTANT.format(value));
  }

  private static void nullValue(JsonWriter json, String name) throws IOException {
    json.name(name).nullValue();
  }
}
