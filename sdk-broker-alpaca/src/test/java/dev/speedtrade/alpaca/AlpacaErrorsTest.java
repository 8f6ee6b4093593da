package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alpaca's documented error bodies (the fixtures) map to our codes, keeping Alpaca's code. */
class AlpacaErrorsTest {
  private static String fixture(String name) throws IOException {
    try (InputStream in = AlpacaErrorsTest.class.getResourceAsStream("/alpaca/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest(name = "{0} with HTTP {1}")
  @CsvSource({
    "error-insufficient-buying-power.json, 403, OTHER,    INSUFFICIENT_BUYING_POWER, 40310000",
    "error-insufficient-qty.json,          403, POSITION, INSUFFICIENT_QUANTITY,     40310000",
    "error-wash-trade.json,                403, OTHER,    WASH_TRADE,                40310000",
    "error-wash-trade.json,                422, OTHER,    WASH_TRADE,                40310000",
    "error-not-found.json,                 404, POSITION, POSITION_NOT_FOUND,        40410000",
    "error-not-found.json,                 404, ORDER,    ORDER_NOT_FOUND,           40410000",
    "error-unprocessable.json,             422, OTHER,    UNKNOWN_SYMBOL,            42210000",
    "error-unauthorized.json,              401, OTHER,    FORBIDDEN,                 40110000",
    "error-forbidden.json,                 403, OTHER,    FORBIDDEN,                 HTTP 403",
    "error-rate-limit.json,                429, OTHER,    RATE_LIMITED,              42910000",
    "error-pattern-day-trading.json,       403, ASSET,    ORDER_REJECTED,            40310100",
    "error-not-allowed-to-short.json,      403, POSITION, ORDER_REJECTED,            40310000",
    "error-replace-unchanged.json,         403, REPLACED_ORDER, INVALID_ORDER,       40310000",
    "error-replace-not-sent.json,          422, REPLACED_ORDER, ORDER_NOT_REPLACEABLE, 42210000",
    "error-not-found.json,                 404, REPLACED_ORDER, ORDER_NOT_FOUND,     40410000"
  })
  void mapsEachDocumentedErrorBody(
      String file,
      int status,
      AlpacaErrors.Missing missing,
      ErrorCode expected,
      String providerCode)
      throws IOException {
    SpeedTradeException e = AlpacaErrors.toException(status, fixture(file), "the call", missing);

    assertThat(e.code()).isEqualTo(expected);
    assertThat(e.providerCode()).contains(providerCode);
    assertThat(e.getMessage()).startsWith("Alpaca refused the call: ").contains("HTTP " + status);
  }

  @ParameterizedTest(name = "HTTP {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "502 | <html>bad gateway</html> | PROVIDER_UNAVAILABLE",
        "422 | {\"code\":42210000,\"message\":\"asset \\\"XYZQ\\\" not found\"} | UNKNOWN_SYMBOL",
        "422 | {\"code\":42210000,\"message\":\"asset \\\"OLDCO\\\" is not tradable\"} | ASSET_NOT_TRADABLE",
        "403 | {\"code\":40310000,\"message\":\"asset \\\"BRK.A\\\" is not fractionable\"} | ASSET_NOT_FRACTIONABLE",
        "422 | {\"code\":40010001,\"message\":\"client_order_id must be unique\"} | DUPLICATE_CLIENT_ORDER_ID",
        "503 |                          | PROVIDER_UNAVAILABLE",
        "400 | {\"code\": 40010001, \"message\": \"invalid order type for crypto order\"} | INVALID_ORDER",
        "500 | {\"code\": \"oops\"        | PROVIDER_UNAVAILABLE",
        "403 | <html>403 Forbidden</html> | FORBIDDEN",
        "403 | {\"code\":40310000,\"message\":\"account is not authorized to trade\"} | FORBIDDEN",
        "403 | {\"code\":40310000,\"message\":\"account is restricted to liquidation only\"} | ORDER_REJECTED"
      })
  void oddBodiesStillMapByStatus(int status, String body, ErrorCode expected) {
    assertThat(
            AlpacaErrors.toException(status, body, "the call", AlpacaErrors.Missing.OTHER).code())
        .isEqualTo(expected);
  }
}
