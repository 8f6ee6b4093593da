package dev.speedtrade.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The one rule for builders, on {@link HttpAllocationSource.Builder}: a setter refuses null with a
 * {@link NullPointerException} naming the parameter; {@code build()} without the bots' URLs is
 * {@link ErrorCode#MISSING_ADAPTER}; ranges and malformed URLs keep {@link
 * ErrorCode#INVALID_ARGUMENT}.
 */
class HttpAllocationSourceBuilderTest {

  @Test
  void settersRefuseNullNamingTheParameter() {
    HttpAllocationSource.Builder builder = HttpAllocationSource.builder();

    assertNullRefused(() -> builder.urls(nullValue()), "urlsByBot");
    assertNullRefused(() -> builder.urlTemplate(nullValue()), "template");
    assertNullRefused(() -> builder.bearerToken(nullValue()), "token");
    assertNullRefused(() -> builder.timeout(nullValue()), "timeout");
    assertNullRefused(() -> builder.client(nullValue()), "client");
    assertCode(() -> builder.timeout(Duration.ZERO), ErrorCode.INVALID_ARGUMENT);
    assertCode(
        () -> builder.urlTemplate("http://signals.example/weights"), ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void buildingWithoutTheBotsUrlsNamesTheSettersToCall() {
    assertThatThrownBy(() -> HttpAllocationSource.builder().build())
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MISSING_ADAPTER);
              assertThat(e.getMessage())
                  .contains("HttpAllocationSource.builder().urls(")
                  .contains("urlTemplate(");
            });
    assertThat(HttpAllocationSource.builder().urls(Map.of()).build()).isNotNull();
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
