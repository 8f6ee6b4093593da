package dev.speedtrade.examples.serve;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request's JSON object, read so that every number is exact: a JSON number is read as a {@link
 * BigDecimal} (never a double), trailing zeros kept, and a decimal may also be a string ({@code
 * "12.50"}). Duplicate keys and trailing content are refused. Every refusal is a 400 naming the
 * field.
 */
final class RequestBody {
  /** Digits before the point an amount, price or quantity may have: far above any real one. */
  static final int MAX_INTEGER_DIGITS = 15;

  /** Digits after the point a decimal may have. */
  static final int MAX_SCALE = 10;

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private static final RequestBody EMPTY = new RequestBody(MAPPER.createObjectNode());

  private final JsonNode root;

  private RequestBody(JsonNode root) {
    this.root = root;
  }

  /** Reads {@code body}: an empty body is an empty object; anything but an object is a 400. */
  static RequestBody parse(byte[] body) {
    if (body.length == 0) {
      return EMPTY;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiError.badRequest("INVALID_JSON", "the body is not valid JSON");
    } catch (java.io.IOException e) {
      throw ApiError.badRequest("INVALID_JSON", "the body could not be read");
    }
    if (root == null || root.isMissingNode()) {
      return EMPTY;
    }
    if (!root.isObject()) {
      throw ApiError.badRequest("INVALID_JSON", "the body must be a JSON object");
    }
    return new RequestBody(root);
  }

  /** The text of {@code name}; 400 when missing, null or not a string. */
  String text(String name) {
    return optionalText(name)
        .orElseThrow(() -> ApiError.badRequest("INVALID_ARGUMENT", name + " is required"));
  }

  /** The text of {@code name}, empty when missing or null; 400 when not a string. */
  Optional<String> optionalText(String name) {
    JsonNode node = field(name);
    if (node == null) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw ApiError.badRequest("INVALID_ARGUMENT", name + " must be a string");
    }
    return Optional.of(node.textValue());
  }

  /** The decimal of {@code name}; 400 when missing or null. */
  BigDecimal decimal(String name) {
    BigDecimal value = optionalDecimal(name);
    if (value == null) {
      throw ApiError.badRequest("INVALID_ARGUMENT", name + " is required");
    }
    return value;
  }

  /**
   * The decimal of {@code name} (a JSON number or a string of one), null when missing or null; 400
   * for anything else or for a decimal out of range ({@value #MAX_INTEGER_DIGITS} digits before the
   * point, {@value #MAX_SCALE} after), which keeps {@code 1e400} from ever becoming a number.
   */
  @Nullable BigDecimal optionalDecimal(String name) {
    JsonNode node = field(name);
    if (node == null) {
      return null;
    }
    BigDecimal value;
    if (node.isNumber()) {
      value = node.decimalValue();
    } else if (node.isTextual()) {
      String text = node.textValue().strip();
      if (text.length() > 64) {
        throw ApiError.badRequest("INVALID_AMOUNT", name + " is too long to be a decimal");
      }
      try {
        value = new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw ApiError.badRequest(
            "INVALID_AMOUNT", name + " must be a decimal, got '" + node.textValue() + "'");
      }
    } else {
      throw ApiError.badRequest(
          "INVALID_AMOUNT", name + " must be a decimal (a JSON number or a string of one)");
    }
    if (value.precision() - value.scale() > MAX_INTEGER_DIGITS || value.scale() > MAX_SCALE) {
      throw ApiError.badRequest(
          "INVALID_AMOUNT",
          name
              + " is out of range: at most "
              + MAX_INTEGER_DIGITS
              + " digits before the point and "
              + MAX_SCALE
              + " after");
    }
    return value;
  }

  /** The strings of {@code name}, empty when missing or null; 400 when not an array of strings. */
  List<String> texts(String name) {
    JsonNode node = field(name);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw ApiError.badRequest("INVALID_ARGUMENT", name + " must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw ApiError.badRequest("INVALID_ARGUMENT", name + " must be an array of strings");
      }
      values.add(item.textValue());
    }
    return values;
  }

  /** The object of {@code name}, null when missing or null; 400 when not an object. */
  @Nullable RequestBody object(String name) {
    JsonNode node = field(name);
    if (node == null) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiError.badRequest("INVALID_ARGUMENT", name + " must be an object");
    }
    return new RequestBody(node);
  }

  /** An enum constant named by the text of {@code name} (any case); 400 naming the choices. */
  <E extends Enum<E>> @Nullable E optionalEnum(String name, List<E> allowed) {
    Optional<String> text = optionalText(name);
    if (text.isEmpty()) {
      return null;
    }
    for (E value : allowed) {
      if (value.name().equalsIgnoreCase(text.get().strip())) {
        return value;
      }
    }
    throw ApiError.badRequest(
        "INVALID_ARGUMENT", name + " must be one of " + allowed + ", got '" + text.get() + "'");
  }

  private @Nullable JsonNode field(String name) {
    JsonNode node = root.get(name);
    return node == null || node.isNull() ? null : node;
  }
}
