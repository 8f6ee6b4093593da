package dev.speedtrade.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StripeConfigTest {
  private static StripeConfig.Builder complete() {
    return StripeConfig.builder()
        .apiKey(Secret.of(Fixtures.API_KEY))
        .webhookSecret(Secret.of(Fixtures.WEBHOOK_SECRET))
        .payoutAccount(Fixtures.PAYOUT_ACCOUNT)
        .successUrl(URI.create("https://app.example.com/done"))
        .cancelUrl(URI.create("https://app.example.com/back"));
  }

  @Test
  void theDefaultsAreStripesApiFiveMinutesAndTwoRetries() {
    StripeConfig config = complete().build();

    assertThat(config.apiBase()).isEqualTo(URI.create("https://api.stripe.com"));
    assertThat(config.webhookTolerance()).isEqualTo(Duration.ofSeconds(300));
    assertThat(config.maxNetworkRetries()).isEqualTo(2);
  }

  @Test
  void toStringNeverShowsTheSecrets() {
    assertThat(complete().build().toString())
        .doesNotContain(Fixtures.API_KEY)
        .doesNotContain(Fixtures.WEBHOOK_SECRET)
        .contains(Fixtures.PAYOUT_ACCOUNT);
  }

  @Test
  void buildNamesWhatIsMissingOrInvalid() {
    refused(() -> StripeConfig.builder().build(), "apiKey");
    refused(() -> complete().payoutAccount("ba_123").build(), "payoutAccount");
    refused(() -> complete().successUrl(URI.create("/done")).build(), "successUrl");
    refused(() -> complete().webhookTolerance(Duration.ZERO).build(), "webhookTolerance");
    refused(() -> complete().maxNetworkRetries(6).build(), "maxNetworkRetries");
    refused(() -> complete().readTimeout(Duration.ZERO).build(), "readTimeout");
  }

  private static void refused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String named) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).contains(named);
            });
  }
}
