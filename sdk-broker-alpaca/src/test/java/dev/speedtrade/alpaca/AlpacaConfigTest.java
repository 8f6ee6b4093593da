package dev.speedtrade.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlpacaConfigTest {
  private static final String KEY = "PKTESTKEYID0000000001";
  private static final String SECRET = "sEcReT-abcdefghijklmnopqrstuvwxyz0123456789";
  private final AlpacaCredentials credentials = AlpacaCredentials.of(KEY, SECRET);

  @Test
  void paperIsTheDefaultAndNeedsOnlyCredentials() {
    AlpacaConfig config = AlpacaConfig.paper(credentials);

    assertThat(config.live()).isFalse();
    assertThat(config.baseUrl()).isEqualTo(URI.create("https://paper-api.alpaca.markets"));
    assertThat(config.dataUrl()).isEqualTo(URI.create("https://data.alpaca.markets"));
    assertThat(config.feed()).isEqualTo(MarketDataFeed.IEX);
    assertThat(config.requestsPerMinute()).isEqualTo(200);
  }

  @Test
  void liveNeedsTheOptInByName() {
    assertThatThrownBy(() -> AlpacaConfig.live(credentials, null))
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
        .hasMessageContaining("I_UNDERSTAND_THIS_TRADES_REAL_MONEY");

    AlpacaConfig live =
        AlpacaConfig.live(credentials, LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY);
    assertThat(live.live()).isTrue();
    assertThat(live.baseUrl()).isEqualTo(URI.create("https://api.alpaca.markets"));
  }

  @Test
  void urlsFeedAndLimitsCanBeChangedButStayValid() {
    AlpacaConfig config =
        AlpacaConfig.paper(credentials)
            .withBaseUrl(URI.create("http://localhost:8080"))
            .withDataUrl(URI.create("http://localhost:8081"))
            .withFeed(MarketDataFeed.SIP)
            .withTimeout(Duration.ofSeconds(3))
            .withRequestsPerMinute(100);

    assertThat(config.live()).isFalse();
    assertThat(config.feed().parameter()).isEqualTo("sip");
    assertThatThrownBy(() -> config.withBaseUrl(URI.create("ftp://example.com")))
        .isInstanceOf(SpeedTradeException.class)
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> config.withTimeout(Duration.ZERO)).hasMessageContaining("timeout");
    assertThatThrownBy(() -> config.withRequestsPerMinute(0))
        .hasMessageContaining("requestsPerMinute");
  }

  @Test
  void secretsNeverShowInToStringOrErrors() {
    AlpacaConfig config =
        AlpacaConfig.live(credentials, LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY);

    assertThat(credentials.toString()).doesNotContain(KEY).doesNotContain(SECRET);
    assertThat(config.toString()).doesNotContain(KEY).doesNotContain(SECRET).contains("LIVE");
    assertThatThrownBy(() -> AlpacaCredentials.of(KEY, SECRET + "\n"))
        .isInstanceOf(SpeedTradeException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).contains("secret key"));
  }
}
