package dev.speedtrade.signals;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.SymbolWeight;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSource;

/**
 * A bot's allocation as JSON: an object {@code {"SPY": 0.6, "TLT": "0.4"}} (numbers or strings
 * holding numbers, read exactly from their text; a symbol named twice has its weights added by the
 * planner), or a ranked list {@code ["SPY", "QQQ", "TLT"]}, whose i-th symbol (from 0) gets {@code
 * 1/(i+1)} normalized to sum to one, in {@link MathContext#DECIMAL128}. Anything else fails the bot
 * with a reason, including a weight that {@link SymbolWeight} refuses (above 1e15 in size, more
 * than 60 decimals) or whose text is longer than 100 characters; nothing here throws for bad
 * content.
 */
final class AllocationJson {
  private static final MathContext MC = MathContext.DECIMAL128;

  /** The longest weight text read, as for the SDK's other decimals. */
  private static final int MAX_NUMBER_LENGTH = 100;

  private AllocationJson() {}

  /** Reads one allocation from {@code source}; malformed content is a failed allocation. */
  static Allocation read(BufferedSource source) throws IOException {
    try (JsonReader reader = JsonReader.of(source)) {
      Allocation allocation =
          switch (reader.peek()) {
            case BEGIN_OBJECT -> weights(reader);
            case BEGIN_ARRAY -> ranked(reader);
            case NULL -> Allocation.failed("no allocation");
            default ->
                Allocation.failed(
                    "malformed allocation: expected an object of weights or a ranked list, got "
                        + reader.peek());
          };
      if (allocation instanceof Allocation.Weights
          && reader.peek() != JsonReader.Token.END_DOCUMENT) {
        return Allocation.failed("malformed allocation: more than one JSON value");
      }
      return allocation;
    } catch (JsonEncodingException | JsonDataException e) {
      return Allocation.failed("malformed JSON: " + e.getMessage());
    } catch (java.io.EOFException e) {
      return Allocation.failed("malformed JSON: the document ends too early");
    }
  }

  private static Allocation weights(JsonReader reader) throws IOException {
    List<SymbolWeight> weights = new ArrayList<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String symbol = reader.nextName();
      JsonReader.Token token = reader.peek();
      if (token != JsonReader.Token.NUMBER && token != JsonReader.Token.STRING) {
        return Allocation.failed("weight for " + symbol + " is not a number");
      }
      String text = reader.nextString().strip();
      if (text.length() > MAX_NUMBER_LENGTH) {
        // Parsing a million digits takes seconds; no weight a bot means needs more than a hundred.
        return Allocation.failed(
            "weight for " + symbol + " is longer than " + MAX_NUMBER_LENGTH + " characters");
      }
      try {
        weights.add(new SymbolWeight(symbol, new BigDecimal(text)));
      } catch (NumberFormatException e) {
        return Allocation.failed("weight for " + symbol + " is not a number");
      } catch (SpeedTradeException e) {
        return Allocation.failed(String.valueOf(e.getMessage()));
      }
    }
    reader.endObject();
    return Allocation.of(weights);
  }

  private static Allocation ranked(JsonReader reader) throws IOException {
    List<String> symbols = new ArrayList<>();
    reader.beginArray();
    while (reader.hasNext()) {
      if (reader.peek() != JsonReader.Token.STRING) {
        return Allocation.failed("ranked list entry " + symbols.size() + " is not a symbol");
      }
      symbols.add(reader.nextString());
    }
    reader.endArray();
    return harmonic(symbols);
  }

  /** Weights {@code 1/(i+1)} normalized to sum to one. */
  static Allocation harmonic(List<String> ranked) {
    BigDecimal sum = BigDecimal.ZERO;
    List<BigDecimal> raw = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      BigDecimal weight = BigDecimal.ONE.divide(BigDecimal.valueOf(i + 1L), MC);
      raw.add(weight);
      sum = sum.add(weight, MC);
    }
    List<SymbolWeight> weights = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      weights.add(new SymbolWeight(ranked.get(i), raw.get(i).divide(sum, MC)));
    }
    return Allocation.of(weights);
  }
}
