package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compares the output of {@code orders run} with an expected file as the spec compares them:
 * numbers numerically (the spec's number fields, JSON strings holding plain decimals, and JSON
 * numbers such as {@code step}), so that trailing zeros do not matter; everything else exactly: the
 * same keys in every object, the same items in the same order in every list, the same strings,
 * booleans and nulls. A number field holding something that is not a plain decimal is compared
 * exactly too.
 */
final class ExpectedOrdersOutput {
  private ExpectedOrdersOutput() {}

  /** The output's fields that hold numbers. */
  static final Set<String> NUMBER_FIELDS =
      Set.of(
          "qty",
          "notional",
          "limitPrice",
          "stopPrice",
          "filledQty",
          "avgFillPrice",
          "remaining",
          "avgEntryPrice",
          "costBasis",
          "realizedPnl",
          "unrealizedPnl",
          "marketValue",
          "cash",
          "buyingPower",
          "equity");

  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  /** Asserts that {@code actual} matches {@code expected}, listing every difference if not. */
  static void assertMatches(JsonNode actual, JsonNode expected) {
    assertThat(differences(actual, expected)).as("differences from the expected output").isEmpty();
  }

  /** Every difference, each as {@code path: what}; empty when they match. */
  static List<String> differences(JsonNode actual, JsonNode expected) {
    return differences(actual, expected, NUMBER_FIELDS);
  }

  /** As {@link #differences(JsonNode, JsonNode)}, with another output's number fields. */
  static List<String> differences(JsonNode actual, JsonNode expected, Set<String> numberFields) {
    List<String> differences = new ArrayList<>();
    compare("$", null, actual, expected, differences, numberFields);
    return differences;
  }

  private static void compare(
      String path,
      @Nullable String key,
      JsonNode actual,
      JsonNode expected,
      List<String> differences,
      Set<String> numberFields) {
    if (expected.isObject() && actual.isObject()) {
      Set<String> keys = new TreeSet<>();
      expected.fieldNames().forEachRemaining(keys::add);
      actual.fieldNames().forEachRemaining(keys::add);
      for (String name : keys) {
        JsonNode a = actual.get(name);
        JsonNode e = expected.get(name);
        if (a == null) {
          differences.add(path + "." + name + ": missing (expected " + e + ")");
        } else if (e == null) {
          differences.add(path + "." + name + ": not expected (is " + a + ")");
        } else {
          compare(path + "." + name, name, a, e, differences, numberFields);
        }
      }
      return;
    }
    if (expected.isArray() && actual.isArray()) {
      if (actual.size() != expected.size()) {
        differences.add(
            path + ": " + actual.size() + " items, expected " + expected.size() + ": " + actual);
        return;
      }
      Iterator<JsonNode> a = actual.elements();
      Iterator<JsonNode> e = expected.elements();
      for (int i = 0; a.hasNext(); i++) {
        compare(path + "[" + i + "]", key, a.next(), e.next(), differences, numberFields);
      }
      return;
    }
    if (expected.isNumber() && actual.isNumber()) {
      if (actual.decimalValue().compareTo(expected.decimalValue()) != 0) {
        differences.add(path + ": " + actual + ", expected " + expected);
      }
      return;
    }
    if (key != null
        && numberFields.contains(key)
        && isPlainDecimal(actual)
        && isPlainDecimal(expected)) {
      if (new BigDecimal(actual.asText()).compareTo(new BigDecimal(expected.asText())) != 0) {
        differences.add(path + ": " + actual + ", expected " + expected);
      }
      return;
    }
    if (!actual.equals(expected)) {
      differences.add(path + ": " + actual + ", expected " + expected);
    }
  }

  private static boolean isPlainDecimal(JsonNode node) {
    return node.isTextual() && PLAIN_DECIMAL.matcher(node.asText()).matches();
  }
}
