package dev.speedtrade.oms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each worked script of the contract ({@code orders-scenarios/NN-name.json}) on the engine and
 * compares its results, orders, positions and accounts with {@code NN-name.expected.json}: decimals
 * numerically, everything else exactly.
 */
class OrderScenariosTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> DECIMALS =
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

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01-limit-partial-cancel-late-fill",
        "02-risk-denial-ladder",
        "03-replace-with-fill-while-pending",
        "04-round-trip-partial-sell-pnl"
      })
  void theEngineAnswersEachScenarioAsTheContractExpects(String name) throws IOException {
    JsonNode script = read(name + ".json");
    JsonNode expected = read(name + ".expected.json");

    JsonNode actual = JSON.valueToTree(ScenarioDriver.run(script));

    List<String> differences = new ArrayList<>();
    for (String section : List.of("results", "orders", "positions", "accounts")) {
      compare(section, expected.get(section), actual.get(section), differences);
    }
    assertThat(differences).as(name).isEmpty();
  }

  private static void compare(
      String path, JsonNode expected, JsonNode actual, List<String> differences) {
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        differences.add(path + ": expected " + expected + " got " + actual);
        return;
      }
      for (int i = 0; i < expected.size(); i++) {
        compare(path + "[" + i + "]", expected.get(i), actual.get(i), differences);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> field : expected.properties()) {
      String key = field.getKey();
      JsonNode want = field.getValue();
      JsonNode got = actual.get(key);
      boolean same;
      if (got == null) {
        same = false;
      } else if (DECIMALS.contains(key) && want.isTextual() && got.isTextual()) {
        same = new BigDecimal(want.asText()).compareTo(new BigDecimal(got.asText())) == 0;
      } else {
        same = Objects.equals(want, got);
      }
      if (!same) {
        differences.add(path + "." + key + ": expected " + want + " got " + got);
      }
    }
  }

  private static JsonNode read(String file) throws IOException {
    try (InputStream in =
        OrderScenariosTest.class.getResourceAsStream("/orders-scenarios/" + file)) {
      assertThat(in).as(file).isNotNull();
      return JSON.readTree(in);
    }
  }
}
