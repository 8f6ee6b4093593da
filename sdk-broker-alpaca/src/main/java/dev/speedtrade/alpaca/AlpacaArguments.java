package dev.speedtrade.alpaca;

import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * The refusals of null and blank arguments the {@code Broker} and {@code MarketData} Javadoc names,
 * made before any request reaches Alpaca, with the codes every implementation uses.
 */
final class AlpacaArguments {
  private AlpacaArguments() {}

  /** Refuses a null order request: {@link ErrorCode#INVALID_ORDER}. */
  static OrderRequest request(@Nullable OrderRequest request) {
    if (request == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ORDER, "order request must not be null");
    }
    return request;
  }

  /** Refuses a null or blank order id or client order id: {@link ErrorCode#INVALID_ARGUMENT}. */
  static String id(@Nullable String id, String what) {
    if (id == null || id.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, what + " must not be " + (id == null ? "null" : "blank"));
    }
    return id;
  }

  /** Refuses a null listener: {@link ErrorCode#INVALID_ARGUMENT}. */
  static TradeUpdateListener listener(@Nullable TradeUpdateListener listener) {
    if (listener == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "listener must not be null");
    }
    return listener;
  }

  /**
   * Refuses a null collection of symbols ({@link ErrorCode#INVALID_ARGUMENT}); its null, blank and
   * malformed symbols are refused by {@link AlpacaSymbols#normalize} ({@link
   * ErrorCode#INVALID_SYMBOL}).
   */
  static Collection<String> symbols(@Nullable Collection<String> symbols) {
    if (symbols == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "symbols must not be null");
    }
    return symbols;
  }
}
