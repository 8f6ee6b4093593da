package dev.speedtrade.examples.serve;

import static dev.speedtrade.examples.serve.ServeFixture.ALICE_TOKEN;
import static dev.speedtrade.examples.serve.ServeFixture.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.examples.serve.ServeFixture.Answer;
import dev.speedtrade.oms.Portfolio;
import dev.speedtrade.rebalance.BotInvestment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/dashboard} and the P&amp;L of {@code GET /positions}, over HTTP. */
class DashboardRoutesTest {
  private final ServeFixture f = new ServeFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void refusesTheDashboardWithoutCredentials() {
    Answer answer = f.call("GET", "/v1/dashboard", null, null);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(f.call("GET", "/v1/dashboard", BOB_TOKEN + "x", null).status()).isEqualTo(401);
  }

  @Test
  void summarizesTheCallersMoneyPortfolioAndBotInvestments() {
    aliceBuysThreeSpy();
    f.platform
        .rebalance()
        .investments()
        .put("alice", TradingMode.PAPER, BotInvestment.dollars("core", new BigDecimal("1000.00")));
    f.platform
        .rebalance()
        .investments()
        .put("alice", TradingMode.LIVE, BotInvestment.percent("growth", new BigDecimal("40")));

    Answer answer = f.call("GET", "/v1/dashboard", ALICE_TOKEN, null);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.get("clientId").asText()).isEqualTo("alice");
    JsonNode balances = f.call("GET", "/balances", ALICE_TOKEN, null).json();
    assertThat(body.get("balances")).isEqualTo(balances);
    assertThat(body.get("saldo_retirable").asText())
        .isEqualTo(balances.get("withdrawable").asText());
    assertThat(new BigDecimal(body.get("saldo_retirable").asText())).isPositive();

    Portfolio portfolio = f.platform.orders().portfolio("alice");
    JsonNode p = body.get("portfolio");
    assertThat(p.get("cash").asText()).isEqualTo(portfolio.cash().toPlainString());
    assertThat(p.get("buyingPower").asText()).isEqualTo(portfolio.buyingPower().toPlainString());
    assertThat(p.get("marketValue").asText()).isEqualTo(portfolio.marketValue().toPlainString());
    assertThat(p.get("equity").asText()).isEqualTo(portfolio.equity().toPlainString());
    assertThat(p.get("unrealizedPnl").asText())
        .isEqualTo(portfolio.unrealizedPnl().toPlainString());
    assertThat(p.get("realizedPnl").asText()).isEqualTo(portfolio.realizedPnl().toPlainString());

    assertThat(body.get("positions")).hasSize(1);
    JsonNode spy = body.get("positions").get(0);
    assertThat(spy.get("symbol").asText()).isEqualTo("SPY");
    assertThat(spy.get("mark").asText())
        .isEqualTo(portfolio.mark("SPY").orElseThrow().toPlainString());
    assertThat(spy.get("marketValue").asText()).isEqualTo(p.get("marketValue").asText());
    assertThat(spy.get("unrealizedPnl").asText()).isEqualTo(p.get("unrealizedPnl").asText());

    JsonNode strategies = body.get("estrategias");
    assertThat(strategies).hasSize(2);
    assertThat(strategies.get(0).get("botId").asText()).isEqualTo("core");
    assertThat(strategies.get(0).get("mode").asText()).isEqualTo("paper");
    assertThat(strategies.get(0).get("amount").asText()).isEqualTo("1000.00");
    assertThat(strategies.get(0).get("weightMode").asText()).isEqualTo("dollars");
    assertThat(strategies.get(1).get("botId").asText()).isEqualTo("growth");
    assertThat(strategies.get(1).get("mode").asText()).isEqualTo("live");
    assertThat(strategies.get(1).get("amount").asText()).isEqualTo("40");
    assertThat(strategies.get(1).get("weightMode").asText()).isEqualTo("percent");
  }

  @Test
  void showsBobNothingOfAlices() {
    aliceBuysThreeSpy();
    f.platform
        .rebalance()
        .investments()
        .put("alice", TradingMode.PAPER, BotInvestment.dollars("core", new BigDecimal("1000.00")));

    Answer answer = f.call("GET", "/v1/dashboard", BOB_TOKEN, null);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode body = answer.json();
    assertThat(body.get("clientId").asText()).isEqualTo("bob");
    assertThat(body.get("saldo_retirable").asText()).isEqualTo("0.00");
    assertThat(body.get("positions")).isEmpty();
    assertThat(body.get("estrategias")).isEmpty();
    assertThat(answer.body()).doesNotContain("alice").doesNotContain("SPY").doesNotContain("core");
  }

  @Test
  void valuesEachPositionAtTheMarkOfThePortfolio() {
    aliceBuysThreeSpy();
    Portfolio portfolio = f.platform.orders().portfolio("alice");
    BigDecimal mark = portfolio.mark("SPY").orElseThrow();

    Answer answer = f.call("GET", "/positions", ALICE_TOKEN, null);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode spy = answer.json().get(0);
    assertThat(spy.get("mark").asText()).isEqualTo(mark.toPlainString());
    BigDecimal marketValue = new BigDecimal("3").multiply(mark).setScale(2, RoundingMode.HALF_EVEN);
    assertThat(spy.get("marketValue").asText()).isEqualTo(marketValue.toPlainString());
    BigDecimal costBasis = new BigDecimal(spy.get("costBasis").asText());
    assertThat(spy.get("unrealizedPnl").asText())
        .isEqualTo(marketValue.subtract(costBasis).toPlainString());
    assertThat(f.call("GET", "/positions", BOB_TOKEN, null).json()).isEmpty();
  }

  private void aliceBuysThreeSpy() {
    f.fund("alice", "dep-d", "10000.00");
    Answer order =
        f.call(
            "POST",
            "/orders",
            ALICE_TOKEN,
            "{\"symbol\":\"SPY\",\"side\":\"BUY\",\"type\":\"MARKET\",\"qty\":\"3\"}");
    assertThat(order.status()).as(order.body()).isEqualTo(201);
  }
}
