package dev.speedtrade.sumsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.time.Clock;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SumsubConfigTest {
  private static void assertCode(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(SpeedTradeException.class)
        .satisfies(e -> assertThat(((SpeedTradeException) e).code()).isEqualTo(code));
  }

  private static SumsubConfig.Builder complete() {
    return SumsubConfig.builder()
        .appToken(Secret.of(Fixtures.APP_TOKEN))
        .secretKey(Secret.of(Fixtures.SECRET_KEY))
        .webhookSecretKey(Secret.of(Fixtures.WEBHOOK_SECRET))
        .levelName(Fixtures.LEVEL);
  }

  @Test
  void theDefaultsAreSumsubsApiTenMinuteTokensTenSecondCallsAndTheSystemClock() {
    SumsubConfig config = complete().build();

    assertThat(config.baseUrl()).isEqualTo("https://api.sumsub.com/");
    assertThat(config.accessTokenTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.clock()).isEqualTo(Clock.systemUTC());
    assertThat(config.levelName()).isEqualTo("basic-kyc-level");
  }

  @Test
  void buildNamesEveryMissingPart() {
    assertThatThrownBy(() -> SumsubConfig.builder().levelName("l").build())
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MISSING_ADAPTER);
              assertThat(e.getMessage()).contains("appToken, secretKey, webhookSecretKey");
            });
  }

  @Test
  @SuppressWarnings("NullAway")
  void settersRefuseNullAndBadValues() {
    assertThatThrownBy(() -> SumsubConfig.builder().appToken(null))
        .isInstanceOf(NullPointerException.class);
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> SumsubConfig.builder().levelName(" "));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> SumsubConfig.builder().baseUrl("ftp://x"));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> SumsubConfig.builder().baseUrl("https://x/?a=b"));
    assertCode(
        ErrorCode.INVALID_ARGUMENT,
        () -> SumsubConfig.builder().accessTokenTtl(Duration.ofMillis(1500)));
    assertCode(
        ErrorCode.INVALID_ARGUMENT, () -> SumsubConfig.builder().accessTokenTtl(Duration.ZERO));
    assertCode(ErrorCode.INVALID_ARGUMENT, () -> SumsubConfig.builder().timeout(Duration.ZERO));
  }

  @Test
  void toStringShowsNoSecret() {
    SumsubConfig config = complete().build();

    assertThat(config.toString())
        .doesNotContain(Fixtures.APP_TOKEN)
        .doesNotContain(Fixtures.SECRET_KEY)
        .doesNotContain(Fixtures.WEBHOOK_SECRET)
        .contains("basic-kyc-level");
    assertThat(SumsubKycProvider.create(config).toString())
        .isEqualTo("SumsubKycProvider{baseUrl=https://api.sumsub.com/, levelName=basic-kyc-level}");
  }
}
