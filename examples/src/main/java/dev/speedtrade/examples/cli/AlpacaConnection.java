package dev.speedtrade.examples.cli;

import dev.speedtrade.alpaca.Alpaca;
import dev.speedtrade.alpaca.AlpacaAccounts;
import dev.speedtrade.alpaca.AlpacaConfig;
import dev.speedtrade.alpaca.AlpacaCredentials;
import dev.speedtrade.alpaca.LiveTrading;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.Map;
import java.util.Optional;

/**
 * How the CLI connects to Alpaca: keys from {@code APCA_API_KEY_ID} and {@code
 * APCA_API_SECRET_KEY}, endpoints from {@code APCA_API_BASE_URL} and {@code APCA_API_DATA_URL} when
 * set, paper unless live is asked for.
 */
final class AlpacaConnection {
  /**
   * The variable that must hold {@link LiveTrading#I_UNDERSTAND_THIS_TRADES_REAL_MONEY} to trade
   * live.
   */
  static final String LIVE_OPT_IN_VARIABLE = "SPEEDTRADE_LIVE_TRADING";

  private AlpacaConnection() {}

  /**
   * Connects to the paper account, or to the live one when {@code live}, for reading only: reading
   * a live account needs no opt-in, which {@link AlpacaAccounts} (built for trading) would ask for.
   */
  static Alpaca forReading(Map<String, String> environment, boolean live) {
    return Alpaca.connect(config(environment, live));
  }

  /**
   * Returns the accounts of a platform on which {@code userId}'s account in {@code mode} is the one
   * the environment's keys open (paper, or live with the environment's opt-in), and no other user
   * has one.
   *
   * @throws UserInputException naming {@value #LIVE_OPT_IN_VARIABLE} when live lacks the opt-in, or
   *     the missing keys
   */
  static AlpacaAccounts accountsFor(
      Map<String, String> environment, String userId, TradingMode mode) {
    boolean live = mode == TradingMode.LIVE;
    if (live
        && !LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY
            .name()
            .equals(environment.get(LIVE_OPT_IN_VARIABLE))) {
      throw new UserInputException(
          "--mode live on Alpaca trades real money: set "
              + LIVE_OPT_IN_VARIABLE
              + "="
              + LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY.name()
              + " to allow it");
    }
    AlpacaConfig config = config(environment, live);
    AlpacaAccounts.Builder accounts =
        AlpacaAccounts.builder()
            .credentials(
                (user, requested) ->
                    user.equals(userId) && requested == mode
                        ? Optional.of(config.credentials())
                        : Optional.empty())
            .paperUrl(config.baseUrl())
            .liveUrl(config.baseUrl())
            .dataUrl(config.dataUrl())
            .feed(config.feed())
            .timeout(config.timeout())
            .requestsPerMinute(config.requestsPerMinute())
            .maximumSize(1);
    if (live) {
      accounts.liveTrading(LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY);
    }
    return accounts.build();
  }

  private static AlpacaConfig config(Map<String, String> environment, boolean live) {
    AlpacaCredentials credentials;
    try {
      credentials = AlpacaCredentials.fromEnvironment(environment);
    } catch (SpeedTradeException e) {
      throw new UserInputException(
          "missing Alpaca keys: set "
              + AlpacaCredentials.KEY_ID_VARIABLE
              + " and "
              + AlpacaCredentials.SECRET_KEY_VARIABLE);
    }
    AlpacaConfig config =
        live
            ? AlpacaConfig.live(credentials, LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY)
            : AlpacaConfig.paper(credentials);
    return config.withEnvironment(environment);
  }
}
