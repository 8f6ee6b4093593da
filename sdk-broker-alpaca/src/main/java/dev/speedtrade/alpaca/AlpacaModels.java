package dev.speedtrade.alpaca;

import dev.speedtrade.broker.Account;
import dev.speedtrade.broker.AccountStatus;
import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.broker.AssetStatus;
import dev.speedtrade.broker.BrokerOrder;
import dev.speedtrade.broker.CancelOutcome;
import dev.speedtrade.broker.MarketStatus;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderStatus;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.Position;
import dev.speedtrade.broker.PositionSide;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradingDay;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.money.Quantity;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.Locale;
import net.jacobpeterson.alpaca.model.endpoint.calendar.Calendar;
import net.jacobpeterson.alpaca.model.endpoint.clock.Clock;
import net.jacobpeterson.alpaca.model.endpoint.orders.CancelledOrder;
import net.jacobpeterson.alpaca.model.endpoint.orders.Order;
import net.jacobpeterson.alpaca.model.endpoint.orders.enums.OrderTimeInForce;
import org.jspecify.annotations.Nullable;

/** alpaca-java's models as this SDK's values. Every field read is checked; nothing is guessed. */
final class AlpacaModels {
  static final Currency USD = Currency.getInstance("USD");

  private AlpacaModels() {}

  static Account account(net.jacobpeterson.alpaca.model.endpoint.account.Account account) {
    Currency currency =
        account.getCurrency() == null ? USD : Currency.getInstance(account.getCurrency());
    return new Account(
        required(account.getId(), "account id"),
        // alpaca-java reads a status its enum lacks as null: not active, whatever it was.
        account.getStatus() == null
            ? AccountStatus.ACCOUNT_UPDATED
            : accountStatus(account.getStatus().name()),
        AlpacaNumbers.money(account.getCash(), currency, "cash"),
        AlpacaNumbers.money(account.getEquity(), currency, "equity"),
        AlpacaNumbers.money(account.getBuyingPower(), currency, "buying_power"),
        Boolean.TRUE.equals(account.getTradingBlocked())
            || Boolean.TRUE.equals(account.getAccountBlocked())
            || Boolean.TRUE.equals(account.getTradeSuspendedByUser()));
  }

  private static AccountStatus accountStatus(String name) {
    return switch (name) {
      case "ACTION_REQUIRED" -> AccountStatus.ACCOUNT_UPDATED;
      default -> {
        try {
          yield AccountStatus.valueOf(name);
        } catch (IllegalArgumentException e) {
          throw AlpacaNumbers.unreadable("account status", name);
        }
      }
    };
  }

  static Position position(net.jacobpeterson.alpaca.model.endpoint.positions.Position position) {
    String side = required(position.getSide(), "position side");
    AssetClass assetClass = assetClass(position.getAssetClass());
    return new Position(
        AlpacaSymbols.fromAlpaca(required(position.getSymbol(), "position symbol"), assetClass),
        assetClass,
        side.equalsIgnoreCase("short") ? PositionSide.SHORT : PositionSide.LONG,
        AlpacaNumbers.quantity(position.getQuantity(), "qty"),
        AlpacaNumbers.price(position.getAverageEntryPrice(), "avg_entry_price"),
        AlpacaNumbers.optionalPrice(position.getCurrentPrice(), "current_price"),
        AlpacaNumbers.money(position.getMarketValue(), USD, "market_value"),
        AlpacaNumbers.money(position.getCostBasis(), USD, "cost_basis"));
  }

  /**
   * Returns true when {@code order} can be a {@link BrokerOrder}: it names one symbol and a side. A
   * multi-leg options order ({@code order_class} {@code mleg}) names neither (its legs do), so it
   * cannot; every other class ({@code simple}, {@code bracket}, {@code oco}, {@code oto}, or one
   * Alpaca adds later) is read as the single order it is.
   */
  static boolean isRepresentable(Order order) {
    String symbol = order.getSymbol();
    return symbol != null && !symbol.isBlank() && order.getSide() != null;
  }

  /**
   * Reads an order. A type this SDK does not model ({@code trailing_stop}, or one alpaca-java does
   * not know, which it reads as null) is {@link OrderType#OTHER}.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link ErrorCode#PROVIDER_UNAVAILABLE} for an
   *     order that is not {@link #isRepresentable} or lacks a field every order has
   */
  static BrokerOrder order(Order order) {
    Instant created = instant(order.getCreatedAt());
    AssetClass assetClass = assetClass(order.getAssetClass());
    return new BrokerOrder(
        required(order.getId(), "order id"),
        required(order.getClientOrderId(), "client_order_id"),
        AlpacaSymbols.fromAlpaca(required(order.getSymbol(), "order symbol"), assetClass),
        assetClass,
        OrderSide.valueOf(required(order.getSide(), "side").name()),
        order.getType() == null ? OrderType.OTHER : orderType(order.getType().name()),
        timeInForce(required(order.getTimeInForce(), "time_in_force")),
        AlpacaNumbers.optionalQuantity(order.getQuantity(), "qty"),
        AlpacaNumbers.optionalMoney(order.getNotional(), USD, "notional"),
        AlpacaNumbers.optionalPrice(order.getLimitPrice(), "limit_price"),
        AlpacaNumbers.optionalPrice(order.getStopPrice(), "stop_price"),
        Boolean.TRUE.equals(order.getExtendedHours()),
        orderStatus(required(order.getStatus(), "order status").name()),
        order.getFilledQuantity() == null
            ? Quantity.ZERO
            : AlpacaNumbers.quantity(order.getFilledQuantity(), "filled_qty"),
        AlpacaNumbers.optionalPrice(order.getAverageFillPrice(), "filled_avg_price"),
        created,
        order.getUpdatedAt() == null ? created : instant(order.getUpdatedAt()),
        optionalInstant(order.getFilledAt()),
        optionalInstant(order.getCanceledAt()),
        optionalInstant(order.getExpiredAt()),
        optionalInstant(order.getFailedAt()),
        null,
        blankAsNull(order.getReplaces()),
        blankAsNull(order.getReplacedBy()),
        optionalInstant(order.getReplacedAt()));
  }

  private static @Nullable String blankAsNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text;
  }

  static TimeInForce timeInForce(OrderTimeInForce timeInForce) {
    return switch (timeInForce) {
      case DAY -> TimeInForce.DAY;
      case GOOD_UNTIL_CANCELLED -> TimeInForce.GTC;
      case OPG -> TimeInForce.OPG;
      case CLS -> TimeInForce.CLS;
      case IMMEDIATE_OR_CANCEL -> TimeInForce.IOC;
      case FILL_OR_KILL -> TimeInForce.FOK;
    };
  }

  static OrderTimeInForce timeInForce(TimeInForce timeInForce) {
    return switch (timeInForce) {
      case DAY -> OrderTimeInForce.DAY;
      case GTC -> OrderTimeInForce.GOOD_UNTIL_CANCELLED;
      case OPG -> OrderTimeInForce.OPG;
      case CLS -> OrderTimeInForce.CLS;
      case IOC -> OrderTimeInForce.IMMEDIATE_OR_CANCEL;
      case FOK -> OrderTimeInForce.FILL_OR_KILL;
    };
  }

  /** Alpaca's type by its alpaca-java name; one this SDK does not model is {@code OTHER}. */
  static OrderType orderType(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "MARKET" -> OrderType.MARKET;
      case "LIMIT" -> OrderType.LIMIT;
      case "STOP" -> OrderType.STOP;
      case "STOP_LIMIT" -> OrderType.STOP_LIMIT;
      default -> OrderType.OTHER;
    };
  }

  /**
   * Alpaca's {@code held} (a bracket leg waiting for its parent) is an accepted, not yet working
   * order.
   */
  static OrderStatus orderStatus(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (upper.equals("HELD")) {
      return OrderStatus.ACCEPTED;
    }
    try {
      return OrderStatus.valueOf(upper);
    } catch (IllegalArgumentException e) {
      throw AlpacaNumbers.unreadable("order status", name);
    }
  }

  static CancelOutcome cancelOutcome(CancelledOrder cancelled) {
    String id = required(cancelled.getId(), "canceled order id");
    Integer status = cancelled.getStatus();
    if (status != null && status >= 200 && status < 300) {
      return CancelOutcome.canceled(id);
    }
    ErrorCode code =
        status == null
            ? ErrorCode.PROVIDER_UNAVAILABLE
            : status == 404
                ? ErrorCode.ORDER_NOT_FOUND
                : status == 422
                    ? ErrorCode.ORDER_NOT_CANCELABLE
                    : status >= 500
                        ? ErrorCode.PROVIDER_UNAVAILABLE
                        : ErrorCode.ORDER_NOT_CANCELABLE;
    return new CancelOutcome(id, code, "Alpaca answered HTTP " + status + " for this order");
  }

  static Asset asset(net.jacobpeterson.alpaca.model.endpoint.assets.Asset asset) {
    AssetClass assetClass =
        asset.getAssetClass() == null
            ? AssetClass.US_EQUITY
            : asset.getAssetClass().name().equals("CRYPTO")
                ? AssetClass.CRYPTO
                : AssetClass.US_EQUITY;
    AssetStatus status =
        asset.getStatus() != null && asset.getStatus().name().equals("ACTIVE")
            ? AssetStatus.ACTIVE
            : AssetStatus.INACTIVE;
    String symbol =
        AlpacaSymbols.fromAlpaca(required(asset.getSymbol(), "asset symbol"), assetClass);
    return new Asset(
        symbol,
        asset.getName() == null ? symbol : asset.getName(),
        assetClass,
        status,
        Boolean.TRUE.equals(asset.getTradable()),
        Boolean.TRUE.equals(asset.getFractionable()));
  }

  static MarketStatus marketStatus(Clock clock) {
    return new MarketStatus(
        instant(clock.getTimestamp()),
        Boolean.TRUE.equals(clock.getIsOpen()),
        instant(clock.getNextOpen()),
        instant(clock.getNextClose()));
  }

  static TradingDay tradingDay(Calendar day) {
    return TradingDay.of(
        required(day.getDate(), "calendar date"),
        required(day.getOpen(), "calendar open"),
        required(day.getClose(), "calendar close"));
  }

  static AssetClass assetClass(@Nullable String alpacaClass) {
    return "crypto".equalsIgnoreCase(alpacaClass) ? AssetClass.CRYPTO : AssetClass.US_EQUITY;
  }

  private static Instant instant(@Nullable ZonedDateTime time) {
    return required(time, "timestamp").toInstant();
  }

  private static @Nullable Instant optionalInstant(@Nullable ZonedDateTime time) {
    return time == null ? null : time.toInstant();
  }

  static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw AlpacaNumbers.unreadable(field, null);
    }
    return value;
  }
}
