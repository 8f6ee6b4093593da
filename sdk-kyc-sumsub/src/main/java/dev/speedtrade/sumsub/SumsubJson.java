package dev.speedtrade.sumsub;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The little JSON this adapter reads and writes, through Moshi's streaming reader and writer (no
 * reflection): Sumsub's answers and webhooks are read as trees of maps, lists and strings, and only
 * the fields the adapter needs are taken from them; unknown fields are ignored.
 */
final class SumsubJson {
  private SumsubJson() {}

  /**
   * Returns the JSON object {@code bytes} hold, or null when they hold anything else (malformed
   * JSON, another kind of value, more than one value).
   */
  static @Nullable Map<?, ?> object(byte[] bytes) {
    try (JsonReader reader = JsonReader.of(new Buffer().write(bytes))) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        return null;
      }
      Object value = reader.readJsonValue();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        return null;
      }
      return value instanceof Map<?, ?> map ? map : null;
    } catch (JsonEncodingException | JsonDataException e) {
      return null;
    } catch (IOException e) {
      // The document ends too early (an EOFException); a Buffer has no other I/O to fail.
      return null;
    }
  }

  /** Returns the string at {@code key}, or null when it is absent or not a string. */
  static @Nullable String string(Map<?, ?> map, String key) {
    return map.get(key) instanceof String text ? text : null;
  }

  /** Returns the object at {@code key}, or null when it is absent or not an object. */
  static @Nullable Map<?, ?> object(Map<?, ?> map, String key) {
    return map.get(key) instanceof Map<?, ?> inner ? inner : null;
  }

  /** Returns the non-blank strings of the list at {@code key}; empty when there is no list. */
  static List<String> strings(Map<?, ?> map, String key) {
    List<String> strings = new ArrayList<>();
    if (map.get(key) instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof String text && !text.isBlank()) {
          strings.add(text);
        }
      }
    }
    return strings;
  }

  /**
   * Writes a flat JSON object of strings and whole numbers, in the order given, as UTF-8: the exact
   * bytes that are both sent and signed.
   */
  static byte[] write(Map<String, Object> fields) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.beginObject();
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        writer.name(field.getKey());
        if (field.getValue() instanceof Long number) {
          writer.value(number.longValue());
        } else {
          writer.value(String.valueOf(field.getValue()));
        }
      }
      writer.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a Buffer cannot fail", e);
    }
    return buffer.readByteArray();
  }
}
