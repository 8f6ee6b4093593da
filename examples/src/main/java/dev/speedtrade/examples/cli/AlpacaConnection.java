package dev.speedtrade.examples.cli;

import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.alpaca.Alpaca;
import dev.speedtrade.alpaca.AlpacaConfig;
import dev.speedtrade.alpaca.AlpacaCredentials;
import dev.speedtrade.alpaca.LiveTrading;
import java.util.Map;

/**
 * How the CLI connects to Alpaca: keys from {@code APCA_API_KEY_ID} and {@code APCA_API_SECRET_KEY},
 * endpoints from {@code APCA_API_BASE_URL} and {@code APCA_API_DATA_URL} when set, paper unless live is
 * asked for.
 */
final class AlpacaConnection {
  /** The variable that must hold {@link LiveTrading#I_UNDERSTAND_THIS_TRADES_REAL_MONEY} to trade live. */
  static final String LIVE_OPT_IN_VARIABLE = "SPEEDTRADE_LIVE_TRADING";

  private AlpacaConnection() {}

  /** Connects to the paper account, or to the live one when {@code live}, reading only. */
  static Alpaca forReading(Map<String, String> environment, boolean live) {
    return Alpaca.connect(config(environment, live));
  }

  /**
   * Connects for trading: paper, or live when {@code live} and the environment's opt-in both say so.
   *
   * @throws UserInputException naming {@value #LIVE_OPT_IN_VARIABLE} when live lacks the opt-in
   */
  static Alpaca forTrading(Map<String, String> environment, boolean live) {
    if (live && !LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY.name().equals(environment.get(LIVE_OPT_IN_VARIABLE))) {
      throw new UserInputException("--mode live on Alpaca trades real money: set " + LIVE_OPT_IN_VARIABLE + "="
          + LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY.name() + " to allow it");
    }
    return Alpaca.connect(config(environment, live));
  }

  private static AlpacaConfig config(Map<String, String> environment, boolean live) {
    AlpacaCredentials credentials;
    try {
      credentials = AlpacaCredentials.fromEnvironment(environment);
    } catch (SpeedTradeException e) {
      throw new UserInputException("missing Alpaca keys: set " + AlpacaCredentials.KEY_ID_VARIABLE + " and "
          + AlpacaCredentials.SECRET_KEY_VARIABLE);
    }
    AlpacaConfig config = live
        ? AlpacaConfig.live(credentials, LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY)
        : AlpacaConfig.paper(credentials);
    return config.withEnvironment(environment);
  }
}
