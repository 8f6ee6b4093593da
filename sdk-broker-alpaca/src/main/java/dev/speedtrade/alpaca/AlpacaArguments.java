package dev.speedtrade.alpaca;

import dev.speedtrade.broker.OrderRequest;
import dev.speedtrade.broker.ReplaceRequest;
import dev.speedtrade.broker.TradeUpdateListener;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.Collection;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The refusals of null and blank arguments the {@code Broker} and {@code MarketData} Javadoc names,
 * made before any request reaches Alpaca, with the codes every implementation uses.
 */
final class AlpacaArguments {
  /** Alpaca's order ids: UUIDs, in their canonical 8-4-4-4-12 hexadecimal form. */
  private static final Pattern ORDER_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private AlpacaArguments() {}

  /** Refuses a null replace request: {@link ErrorCode#INVALID_ORDER}. */
  static ReplaceRequest replace(@Nullable ReplaceRequest request) {
    if (request == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ORDER, "replace request must not be null");
    }
    return request;
  }

  /**
   * Returns true when {@code id} could be one of Alpaca's order ids. One that could not names no
   * order: it is answered as unknown without asking Alpaca, which would refuse it as malformed.
   */
  static boolean isOrderId(String id) {
    return ORDER_ID.matcher(id).matches();
  }

  /** The refusal of an order id Alpaca never issued: {@link ErrorCode#ORDER_NOT_FOUND}. */
  static SpeedTradeException noSuchOrder(String id) {
    return new SpeedTradeException(
        ErrorCode.ORDER_NOT_FOUND, "no order with id '" + id + "': Alpaca's order ids are UUIDs");
  }

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
