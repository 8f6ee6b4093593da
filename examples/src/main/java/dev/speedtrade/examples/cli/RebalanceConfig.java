package dev.speedtrade.examples.cli;

import dev.speedtrade.rebalance.Allocation;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.rebalance.Holding;
import dev.speedtrade.rebalance.TradingSettings;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@code speedtrade rebalance --config FILE} file: whose rebalance, the simulated account it
 * starts from, when it runs, and the user's settings, investments and bots' allocations (the fields
 * of a {@code plan} scenario). Checked whole before anything runs.
 *
 * @param user the user id
 * @param at when the run happens; null for the configured minutes before the next close
 * @param cash the simulated account's starting cash
 * @param positions its starting positions, bought at the listing price
 * @param settings the user's settings
 * @param investments the user's investments
 * @param allocations each bot's allocation for the day
 * @param allocationUrls for bots whose weights come from a signal service, its URL
 */
record RebalanceConfig(
    String user,
    @Nullable OffsetDateTime at,
    BigDecimal cash,
    List<Holding> positions,
    TradingSettings settings,
    List<BotInvestment> investments,
    Map<String, Allocation> allocations,
    Map<String, String> allocationUrls) {

  /** Starting cash of the simulated account when the config gives none. */
  static final BigDecimal DEFAULT_CASH = new BigDecimal("100000");

  /**
   * Reads a config.
   *
   * @throws UserInputException naming the first malformed field
   */
  static RebalanceConfig parse(String text) {
    JsonTree.Obj root = PlanScenario.object(JsonTree.parse(text), "config");
    JsonTree userNode = root.get("user");
    String user = userNode == null ? "cli-user" : PlanScenario.string(userNode, "user");
    if (user.isBlank()) {
      throw new UserInputException("user: must not be blank");
    }
    OffsetDateTime at = null;
    JsonTree atNode = root.get("at");
    if (atNode != null) {
      String value = PlanScenario.string(atNode, "at");
      try {
        at = OffsetDateTime.parse(value);
      } catch (DateTimeParseException e) {
        throw new UserInputException(
            "at: must be a date and time with an offset, such as"
                + " 2026-11-24T15:50:00-05:00, got '"
                + value
                + "'");
      }
    }
    BigDecimal cash = DEFAULT_CASH;
    List<Holding> positions = List.of();
    JsonTree accountNode = root.get("account");
    if (accountNode != null) {
      JsonTree.Obj account = PlanScenario.object(accountNode, "account");
      JsonTree cashNode = account.get("cash");
      if (cashNode != null) {
        cash = PlanScenario.number(cashNode, "account.cash");
        if (cash.signum() < 0) {
          throw new UserInputException(
              "account.cash: must be 0 or more, got " + cash.toPlainString());
        }
      }
      positions = PlanScenario.holdings(account.get("positions"));
      for (int i = 0; i < positions.size(); i++) {
        if (positions.get(i).qty().signum() <= 0) {
          throw new UserInputException(
              "account.positions["
                  + i
                  + "].qty: the simulated account starts long,"
                  + " got "
                  + positions.get(i).qty().toPlainString());
        }
      }
    }
    JsonTree settingsNode = root.get("settings");
    TradingSettings settings =
        settingsNode == null
            ? TradingSettings.defaults()
            : PlanScenario.settings(PlanScenario.object(settingsNode, "settings"));
    Map<String, String> urls = new java.util.LinkedHashMap<>();
    JsonTree urlsNode = root.get("allocationUrls");
    if (urlsNode != null) {
      for (Map.Entry<String, JsonTree> member :
          PlanScenario.object(urlsNode, "allocationUrls").members()) {
        String path = "allocationUrls." + member.getKey();
        String url = PlanScenario.string(member.getValue(), path);
        if (okhttp3.HttpUrl.parse(url) == null) {
          throw new UserInputException(path + ": not an http(s) URL: '" + url + "'");
        }
        urls.put(member.getKey(), url);
      }
    }
    return new RebalanceConfig(
        user,
        at,
        cash,
        positions,
        settings,
        PlanScenario.investments(root.get("investments")),
        PlanScenario.allocations(root.get("allocations")),
        Map.copyOf(urls));
  }
}
