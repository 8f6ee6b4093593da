package dev.speedtrade.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import org.junit.jupiter.api.Test;

class SecretTest {
  private static final String VALUE = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

  @Test
  void printsRedactedAndRevealsOnlyOnRequest() {
    Secret secret = Secret.of("  " + VALUE + " ");

    assertThat(secret).hasToString("Secret[redacted]");
    assertThat(String.valueOf(secret)).doesNotContain(VALUE);
    assertThat(secret.reveal()).isEqualTo(VALUE);
  }

  @Test
  void equalSecretsAreEqualAndTheHashSaysNothingOfTheValue() {
    assertThat(Secret.of(VALUE)).isEqualTo(Secret.of(VALUE)).isNotEqualTo(Secret.of(VALUE + "x"));
    assertThat(Secret.of(VALUE).hashCode()).isEqualTo(Secret.of("other").hashCode());
  }

  @Test
  void refusesNullBlankAndMultiLineValuesWithoutEchoingThem() {
    for (String bad : new String[] {null, "", "   ", VALUE + "\nX-Injected: 1", VALUE + "\r"}) {
      assertThatThrownBy(() -> Secret.of(bad))
          .isInstanceOfSatisfying(
              SpeedTradeException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                assertThat(e.getMessage()).doesNotContain(VALUE);
              });
    }
  }
}
