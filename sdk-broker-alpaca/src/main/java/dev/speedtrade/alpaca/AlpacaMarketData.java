package dev.speedtrade.alpaca;

import com.squareup.moshi.JsonReader;
import dev.speedtrade.broker.Bar;
import dev.speedtrade.broker.MarketData;
import dev.speedtrade.broker.Quote;
import dev.speedtrade.broker.Snapshot;
import dev.speedtrade.broker.Trade;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * {@link MarketData} over Alpaca's Market Data API on the configured data URL: equities from {@code
 * GET /v2/stocks/snapshots} on the configured feed ({@link MarketDataFeed#IEX} unless configured
 * otherwise), crypto pairs ({@code BTC/USD}) from {@code GET /v1beta3/crypto/us/snapshots}, up to
 * {@value #SYMBOLS_PER_CALL} symbols per call. Obtain one from {@link Alpaca#marketData()}.
 *
 * <p>alpaca-java's snapshot call takes no feed, and reads prices into {@code double}s; this class
 * calls the endpoints itself and reads every number exactly from the JSON text. Thread-safe.
 */
public final class AlpacaMarketData implements MarketData {
  /** The most symbols one snapshots call asks for; longer lists are split into several calls. */
  public static final int SYMBOLS_PER_CALL = 200;

  private final AlpacaHttp http;
  private final URI dataUrl;
  private final MarketDataFeed feed;

  AlpacaMarketData(AlpacaHttp http, URI dataUrl, MarketDataFeed feed) {
    this.http = http;
    this.dataUrl = dataUrl;
    this.feed = feed;
  }

  @Override
  public Map<String, Snapshot> snapshots(Collection<String> symbols) {
    Set<String> equities = new LinkedHashSet<>();
    Set<String> crypto = new LinkedHashSet<>();
    for (String symbol : AlpacaArguments.symbols(symbols)) {
      String normalized = AlpacaSymbols.normalize(symbol);
      (normalized.indexOf('/') < 0 ? equities : crypto).add(normalized);
    }
    Map<String, Snapshot> result = new HashMap<>();
    read(
        List.copyOf(equities),
        "/v2/stocks/snapshots",
        Map.of("feed", feed.name().toLowerCase(Locale.ROOT)),
        false,
        result);
    read(List.copyOf(crypto), "/v1beta3/crypto/us/snapshots", Map.of(), true, result);
    return Collections.unmodifiableMap(result);
  }

  private void read(
      List<String> symbols,
      String path,
      Map<String, String> parameters,
      boolean wrapped,
      Map<String, Snapshot> into) {
    for (int from = 0; from < symbols.size(); from += SYMBOLS_PER_CALL) {
      List<String> chunk = symbols.subList(from, Math.min(symbols.size(), from + SYMBOLS_PER_CALL));
      Map<String, String> query = new LinkedHashMap<>(parameters);
      query.put("symbols", String.join(",", chunk));
      AlpacaHttp.Answer answer =
          http.get(
              dataUrl,
              path,
              query,
              "reading snapshots of " + chunk.size() + " symbols",
              AlpacaErrors.Missing.OTHER);
      try {
        into.putAll(parse(answer.body(), wrapped));
      } catch (IOException | RuntimeException e) {
        throw new SpeedTradeException(
            ErrorCode.PROVIDER_UNAVAILABLE,
            "Alpaca sent unreadable snapshots: " + e.getMessage(),
            null,
            e);
      }
    }
  }

  /**
   * Reads a snapshots answer: an object keyed by symbol, {@code null} for an unknown symbol; for
   * crypto ({@code wrapped}) that object is the answer's {@code snapshots} field.
   */
  static Map<String, Snapshot> parse(String json, boolean wrapped) throws IOException {
    Map<String, Snapshot> snapshots = new HashMap<>();
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      if (wrapped) {
        reader.beginObject();
        while (reader.hasNext()) {
          if (reader.nextName().equals("snapshots")
              && reader.peek() == JsonReader.Token.BEGIN_OBJECT) {
            bySymbol(reader, snapshots);
          } else {
            reader.skipValue();
          }
        }
        reader.endObject();
      } else {
        bySymbol(reader, snapshots);
      }
    }
    return snapshots;
  }

  private static void bySymbol(JsonReader reader, Map<String, Snapshot> into) throws IOException {
    reader.beginObject();
    while (reader.hasNext()) {
      String symbol = reader.nextName();
      if (reader.peek() == JsonReader.Token.NULL) {
        reader.skipValue();
        continue;
      }
      into.put(symbol.toUpperCase(Locale.ROOT), snapshot(symbol, reader));
    }
    reader.endObject();
  }

  private static Snapshot snapshot(String symbol, JsonReader reader) throws IOException {
    Quote quote = null;
    Trade trade = null;
    Bar daily = null;
    Bar previous = null;
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (reader.peek() == JsonReader.Token.NULL) {
        reader.skipValue();
        continue;
      }
      switch (name) {
        case "latestQuote" -> quote = quote(fields(reader));
        case "latestTrade" -> trade = trade(fields(reader));
        case "dailyBar" -> daily = bar(fields(reader));
        case "prevDailyBar" -> previous = bar(fields(reader));
        default -> reader.skipValue();
      }
    }
    reader.endObject();
    return new Snapshot(symbol.toUpperCase(Locale.ROOT), quote, trade, daily, previous);
  }

  /** Reads an object's scalar fields as their JSON text: numbers exactly as sent. */
  private static Map<String, String> fields(JsonReader reader) throws IOException {
    Map<String, String> fields = new HashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      JsonReader.Token token = reader.peek();
      if (token == JsonReader.Token.NUMBER || token == JsonReader.Token.STRING) {
        fields.put(name, reader.nextString());
      } else {
        reader.skipValue();
      }
    }
    reader.endObject();
    return fields;
  }

  private static Quote quote(Map<String, String> fields) {
    return new Quote(
        positivePrice(fields.get("bp")),
        size(fields.get("bs")),
        positivePrice(fields.get("ap")),
        size(fields.get("as")),
        time(fields.get("t")));
  }

  private static Trade trade(Map<String, String> fields) {
    return new Trade(
        AlpacaNumbers.price(fields.get("p"), "trade price"),
        size(fields.get("s")),
        time(fields.get("t")));
  }

  private static Bar bar(Map<String, String> fields) {
    return new Bar(
        AlpacaNumbers.price(fields.get("o"), "bar open"),
        AlpacaNumbers.price(fields.get("h"), "bar high"),
        AlpacaNumbers.price(fields.get("l"), "bar low"),
        AlpacaNumbers.price(fields.get("c"), "bar close"),
        AlpacaNumbers.decimal(fields.get("v"), "bar volume"),
        time(fields.get("t")));
  }

  /** A quote side with price 0 has no order on it. */
  private static @Nullable Price positivePrice(@Nullable String text) {
    if (text == null || AlpacaNumbers.decimal(text, "quote price").signum() <= 0) {
      return null;
    }
    return AlpacaNumbers.price(text, "quote price");
  }

  private static Quantity size(@Nullable String text) {
    return text == null
        ? Quantity.ZERO
        : Quantity.of(AlpacaNumbers.decimal(text, "size").abs().stripTrailingZeros());
  }

  private static Instant time(@Nullable String text) {
    return OffsetDateTime.parse(AlpacaModels.required(text, "timestamp")).toInstant();
  }

  @Override
  public String toString() {
    return "AlpacaMarketData{" + dataUrl + ", feed=" + feed + "}";
  }
}
