package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link ExpectedOrdersOutput}: numbers numerically, everything else exactly. */
class OrdersRunExpectedOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void numbersMatchWhateverTheirTrailingZeros() throws IOException {
    assertThat(
            ExpectedOrdersOutput.differences(
                json("{'orders': [{'qty': '20', 'avgFillPrice': '189.636667', 'remaining': '0'}]}"),
                json(
                    "{'orders': [{'qty': '20.000', 'avgFillPrice': '189.6366670',"
                        + " 'remaining': '0.00'}]}")))
        .isEmpty();
    assertThat(
            ExpectedOrdersOutput.differences(
                json("{'results': [{'step': 1}]}"), json("{'results': [{'step': 1.0}]}")))
        .isEmpty();
    assertThat(ExpectedOrdersOutput.differences(json("{'cash': '-0'}"), json("{'cash': '0.00'}")))
        .isEmpty();
  }

  @Test
  void differentNumbersAreDifferencesNamingTheirPath() throws IOException {
    assertThat(
            ExpectedOrdersOutput.differences(
                json("{'accounts': [{'id': 'a', 'cash': '7155.45'}]}"),
                json("{'accounts': [{'id': 'a', 'cash': '7155.46'}]}")))
        .containsExactly("$.accounts[0].cash: \"7155.45\", expected \"7155.46\"");
    assertThat(
            ExpectedOrdersOutput.differences(
                json("{'results': [{'step': 2}]}"), json("{'results': [{'step': 1}]}")))
        .containsExactly("$.results[0].step: 2, expected 1");
  }

  @Test
  void everythingElseIsComparedExactly() throws IOException {
    assertThat(
            ExpectedOrdersOutput.differences(
                json("{'clientOrderId': '007', 'status': 'FILLED', 'reason': null}"),
                json("{'clientOrderId': '7', 'status': 'filled', 'reason': 'x'}")))
        .hasSize(3);
    assertThat(ExpectedOrdersOutput.differences(json("{'qty': null}"), json("{'qty': '0'}")))
        .hasSize(1);
    assertThat(ExpectedOrdersOutput.differences(json("{'qty': '1e1'}"), json("{'qty': '10'}")))
        .as("not a plain decimal, so compared exactly")
        .hasSize(1);
    assertThat(ExpectedOrdersOutput.differences(json("{'qty': 20}"), json("{'qty': '20'}")))
        .as("a JSON number is not a string holding one")
        .hasSize(1);
  }

  @Test
  void missingAndExtraKeysAndItemsAreDifferences() throws IOException {
    assertThat(
            ExpectedOrdersOutput.differences(
                json("{'a': 1, 'extra': 2}"), json("{'a': 1, 'missing': 3}")))
        .containsExactly("$.extra: not expected (is 2)", "$.missing: missing (expected 3)");
    assertThat(ExpectedOrdersOutput.differences(json("{'l': [1, 2]}"), json("{'l': [1]}")))
        .singleElement()
        .asString()
        .startsWith("$.l: 2 items, expected 1");
    assertThat(ExpectedOrdersOutput.differences(json("{'l': [2, 1]}"), json("{'l': [1, 2]}")))
        .as("lists keep their order")
        .hasSize(2);
  }

  @Test
  void everyExpectedFileMatchesItselfWithItsNumbersRewritten() throws Exception {
    Path dir = Path.of(getClass().getResource("/orders-scenarios").toURI());
    for (String name :
        new String[] {
          "01-limit-partial-cancel-late-fill",
          "02-risk-denial-ladder",
          "03-replace-with-fill-while-pending",
          "04-round-trip-partial-sell-pnl"
        }) {
      JsonNode expected = JSON.readTree(dir.resolve(name + ".expected.json").toFile());
      JsonNode rewritten = expected.deepCopy();
      padNumbers(rewritten);

      assertThat(rewritten).as(name).isNotEqualTo(expected);
      ExpectedOrdersOutput.assertMatches(rewritten, expected);
    }
  }

  /** Adds a trailing zero to every number field holding a decimal. */
  private static void padNumbers(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (String name : iterable(object)) {
        JsonNode value = object.get(name);
        if (ExpectedOrdersOutput.NUMBER_FIELDS.contains(name) && value.isTextual()) {
          String text = value.asText();
          object.put(name, text.contains(".") ? text + "0" : text + ".000");
        } else {
          padNumbers(value);
        }
      }
    } else if (node.isArray()) {
      node.forEach(OrdersRunExpectedOutputTest::padNumbers);
    }
  }

  private static java.util.List<String> iterable(ObjectNode object) {
    java.util.List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
