package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The one rule for builders, on the Alpaca adapter's: a setter (or an {@code AlpacaConfig} wither)
 * refuses null with a {@link NullPointerException} naming the parameter; {@code build()} names a
 * missing part with {@link ErrorCode#MISSING_ADAPTER}; ranges keep {@link
 * ErrorCode#INVALID_ARGUMENT}.
 */
class AlpacaBuildersTest {
  private final AlpacaConfig config =
      AlpacaConfig.paper(AlpacaCredentials.of(Fixtures.KEY, Fixtures.SECRET));

  @Test
  void alpacaBuilderSettersRefuseNullNamingTheParameter() {
    Alpaca.Builder builder = Alpaca.builder(config);

    assertNullRefused(() -> Alpaca.builder(nullValue()), "config");
    assertNullRefused(() -> builder.httpClient(nullValue()), "httpClient");
    assertNullRefused(() -> builder.clock(nullValue()), "clock");
    assertNullRefused(() -> builder.retryBackoff(nullValue()), "retryBackoff");
    assertNullRefused(() -> builder.pollInterval(nullValue()), "pollInterval");
    assertNullRefused(() -> builder.streamBackoff(nullValue()), "streamBackoff");
    assertCode(() -> builder.pollInterval(Duration.ZERO), ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void alpacaConfigWithersRefuseNullNamingTheParameter() {
    assertNullRefused(() -> config.withBaseUrl(nullValue()), "url");
    assertNullRefused(() -> config.withDataUrl(nullValue()), "url");
    assertNullRefused(() -> config.withFeed(nullValue()), "feed");
    assertNullRefused(() -> config.withTimeout(nullValue()), "timeout");
    assertNullRefused(() -> config.withEnvironment(nullValue()), "environment");
    assertCode(() -> config.withTimeout(Duration.ZERO), ErrorCode.INVALID_ARGUMENT);
    assertCode(() -> AlpacaConfig.paper(nullValue()), ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void alpacaAccountsBuilderRefusesNullAndNamesTheMissingCredentials() {
    AlpacaAccounts.Builder builder = AlpacaAccounts.builder();

    assertNullRefused(() -> builder.credentials(nullValue()), "credentials");
    assertNullRefused(() -> builder.liveTrading(nullValue()), "liveTrading");
    assertNullRefused(() -> builder.paperUrl(nullValue()), "paperUrl");
    assertNullRefused(() -> builder.liveUrl(nullValue()), "liveUrl");
    assertNullRefused(() -> builder.dataUrl(nullValue()), "dataUrl");
    assertNullRefused(() -> builder.feed(nullValue()), "feed");
    assertNullRefused(() -> builder.timeout(nullValue()), "timeout");
    assertNullRefused(() -> builder.httpClient(nullValue()), "httpClient");
    assertNullRefused(() -> builder.clock(nullValue()), "clock");
    assertNullRefused(() -> builder.retryBackoff(nullValue()), "retryBackoff");
    assertNullRefused(() -> builder.pollInterval(nullValue()), "pollInterval");
    assertNullRefused(() -> builder.streamBackoff(nullValue()), "streamBackoff");

    assertThatThrownBy(() -> AlpacaAccounts.builder().build())
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MISSING_ADAPTER);
              assertThat(e.getMessage()).contains("AlpacaAccounts.builder().credentials(");
            });
  }

  private static void assertNullRefused(ThrowingCallable call, String parameter) {
    assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(parameter);
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue", "TypeParameterUnusedInFormals"})
  private static <T> T nullValue() {
    return null;
  }
}
