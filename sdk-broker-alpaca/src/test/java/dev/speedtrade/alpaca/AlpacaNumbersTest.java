package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import dev.speedtrade.money.Quantity;
import java.math.BigDecimal;
import java.util.Random;
import net.jacobpeterson.alpaca.util.format.FormatUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one path from BigDecimal to alpaca-java's Double: exact or refused, never rounded. */
class AlpacaNumbersTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1",
        "10",
        "0.5",
        "0.001",
        "0.123456789",
        "1234.5",
        "9999999.5",
        "123456.123456789"
      })
  void aQuantityAlpacaJavaPrintsBackExactlyIsSent(String qty) {
    Double sent = AlpacaNumbers.quantity(Quantity.of(qty));

    assertThat(new BigDecimal(Double.toString(sent))).isEqualByComparingTo(qty);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0001", "0.000000001", "10000000", "99999999.999999999"})
  void aQuantityAlpacaJavaWouldPrintOtherwiseIsRefusedNamingBoth(String qty) {
    assertThatThrownBy(() -> AlpacaNumbers.quantity(Quantity.of(qty)))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER))
        .hasMessageStartingWith(
            "qty " + new BigDecimal(qty).toPlainString() + " cannot be sent to Alpaca exactly")
        .hasMessageContaining("E");
  }

  @Test
  void pricesGoThroughAlpacaJavasCurrencyFormatAndAreRefusedBeyondItsFourDecimals() {
    assertThat(FormatUtil.toCurrencyFormat(AlpacaNumbers.price(Price.of("185.50"), "limit price")))
        .isEqualTo("185.50");
    assertThat(FormatUtil.toCurrencyFormat(AlpacaNumbers.price(Price.of("0.1234"), "limit price")))
        .isEqualTo("0.1234");
    assertThat(FormatUtil.toCurrencyFormat(AlpacaNumbers.price(Price.of("25000000"), "stop price")))
        .isEqualTo("25000000.00");

    assertThatThrownBy(() -> AlpacaNumbers.price(Price.of("0.12345"), "limit price"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER))
        .hasMessageContaining(
            "limit price 0.12345 cannot be sent to Alpaca exactly: alpaca-java would send it as 0.1235");
  }

  @Test
  void notionalsAreExactToTheCent() {
    assertThat(AlpacaNumbers.notional(Money.of("1234.56", "USD"))).isEqualTo(1234.56);
    assertThatThrownBy(() -> AlpacaNumbers.notional(Money.of("123456789.01", "USD")))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ORDER));
  }

  @Test
  void everyTypicalQuantityAndPriceIsAcceptedAndPrintsBackAsItself() {
    Random random = new Random(20261124);
    for (int i = 0; i < 100_000; i++) {
      BigDecimal qty =
          BigDecimal.valueOf(1_000 + random.nextInt(999_000_000), 3 + random.nextInt(4));
      BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(10_000_000), 2);
      assertThat(new BigDecimal(Double.toString(AlpacaNumbers.quantity(Quantity.of(qty)))))
          .isEqualByComparingTo(qty);
      assertThat(
              new BigDecimal(
                  FormatUtil.toCurrencyFormat(AlpacaNumbers.price(Price.of(price), "limit price"))))
          .isEqualByComparingTo(price);
    }
  }

  @Test
  void readsAlpacasNumberStringsExactlyAndRoundsOnlyAveragePricesBeyondNineDecimals() {
    assertThat(AlpacaNumbers.quantity("1790.86", "qty")).isEqualTo(Quantity.of("1790.86"));
    assertThat(AlpacaNumbers.quantity("-10", "qty")).isEqualTo(Quantity.of(10));
    assertThat(AlpacaNumbers.price("105.8988475", "price")).isEqualTo(Price.of("105.8988475"));
    assertThat(AlpacaNumbers.price("187.12333333333333", "filled_avg_price"))
        .isEqualTo(Price.of("187.123333333"));
    assertThat(AlpacaNumbers.money("1886.5", AlpacaModels.USD, "market_value"))
        .isEqualTo(Money.of("1886.50", "USD"));
    assertThatThrownBy(() -> AlpacaNumbers.decimal("12,5", "qty"))
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE))
        .hasMessageContaining("unreadable qty");
  }
}
