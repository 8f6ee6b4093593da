package dev.speedtrade.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.SpeedTrade;
import dev.speedtrade.broker.Brokerage;
import dev.speedtrade.broker.OrderSide;
import dev.speedtrade.broker.OrderType;
import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TimeInForce;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.kyc.KycUpdateCode;
import dev.speedtrade.kyc.KycWebhookDelivery;
import dev.speedtrade.kyc.MockKycProvider;
import dev.speedtrade.money.Money;
import dev.speedtrade.oms.OrderCode;
import dev.speedtrade.oms.OrderResult;
import dev.speedtrade.oms.SubmitOrder;
import dev.speedtrade.rebalance.BotInvestment;
import dev.speedtrade.secret.Secret;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a platform built with a KYC provider, each guarded action needs the user APPROVED by the
 * provider's signed webhook: an order, a deposit above the KYC deposit limit, a withdrawal, an
 * auto-invest and a bot rebalance. Each refusal says KYC_REQUIRED and records nothing.
 */
class KycGatingTest {
  /** Tuesday 2026-11-24, 10:30 in New York: the simulated market is open. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T15:30:00Z"), ZoneOffset.UTC);

  private final MockKycProvider provider =
      MockKycProvider.builder().webhookSecret(Secret.of("kyc_gating_secret")).clock(CLOCK).build();
  private final SimulatedPaymentGateway gateway =
      SimulatedPaymentGateway.builder()
          .webhookSecret(Secret.of("whsec_gating"))
          .clock(CLOCK)
          .build();
  private final SimulatedBroker venue =
      SimulatedBroker.builder()
          .clock(CLOCK)
          .demoListings()
          .cash(Money.of("1000000.00", "USD"))
          .build();
  private final SpeedTrade platform =
      SpeedTrade.builder()
          .omnibus(new Brokerage(TradingMode.PAPER, venue, venue.marketData(), venue.marketClock()))
          .orderExecutor(Runnable::run)
          .payments(gateway)
          .kyc(provider)
          .funding(FundingSettings.builder().kycDepositLimit(new BigDecimal("1000.00")).build())
          .build();
  private final FundingService funding = platform.funding();

  @AfterEach
  void close() {
    platform.close();
  }

  private static BigDecimal d(String text) {
    return new BigDecimal(text);
  }

  private void deliver(KycWebhookDelivery webhook) {
    assertThat(platform.kyc().handleWebhook(webhook.body(), webhook.headers()).code())
        .isEqualTo(KycUpdateCode.APPLIED);
  }

  private void pay(String depositId) {
    Deposit d = funding.deposit(depositId).orElseThrow();
    SignedWebhook done = gateway.completeDeposit(d.session().providerReference());
    assertThat(funding.apply(gateway.parseWebhook(done.body(), done.headers())))
        .isEqualTo(FundingCode.OK);
  }

  private OrderResult buy(String coid) {
    return platform
        .orders()
        .submit(
            SubmitOrder.builder()
                .account("vic")
                .clientOrderId(coid)
                .symbol("SPY")
                .side(OrderSide.BUY)
                .type(OrderType.MARKET)
                .timeInForce(TimeInForce.DAY)
                .qty("1")
                .build());
  }

  private static void refusedForKyc(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SpeedTradeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KYC_REQUIRED));
  }

  @Test
  void anUnverifiedUserIsRefusedEachGuardedActionUntilTheProvidersWebhookApprovesIt() {
    funding.openUser("vic", KycStatus.APPROVED, null); // the record's status no longer decides
    String applicant = platform.kyc().start("vic").verification().applicantId();
    assertThat(funding.funds("vic").orElseThrow().kyc()).isEqualTo(KycStatus.PENDING);

    assertThat(funding.createDeposit("vic", "d-big", d("1000.01")).code())
        .isEqualTo(FundingCode.KYC_REQUIRED);
    assertThat(funding.createDeposit("vic", "d-small", d("1000.00")).code())
        .as("up to the KYC deposit limit")
        .isEqualTo(FundingCode.OK);
    pay("d-small");
    assertThat(funding.withdrawInstant("vic", "w1", d("50.00"), Destination.card("4242")).code())
        .isEqualTo(FundingCode.KYC_REQUIRED);
    assertThat(funding.requestWithdrawal("vic", "w2", d("50.00"), Destination.card("4242")).code())
        .isEqualTo(FundingCode.KYC_REQUIRED);
    assertThat(funding.autoInvest("vic", "i1", d("100.00"), List.of()).code())
        .isEqualTo(FundingCode.KYC_REQUIRED);
    assertThat(buy("c1").outcome()).isEqualTo(OrderCode.KYC_REQUIRED);
    assertThat(platform.orders().orders("vic")).as("nothing recorded").isEmpty();
    refusedForKyc(
        () ->
            platform
                .accounts()
                .brokerage("vic", TradingMode.PAPER)
                .broker()
                .submitOrder(
                    dev.speedtrade.broker.OrderRequest.builder()
                        .symbol("SPY")
                        .side(OrderSide.BUY)
                        .qty("1")
                        .build()));
    platform
        .rebalance()
        .investments()
        .put("vic", TradingMode.PAPER, BotInvestment.percent("bot", d("50")));
    refusedForKyc(() -> platform.rebalance().executeNow("vic", TradingMode.PAPER, false));
    assertThat(platform.rebalance().executeNow("vic", TradingMode.PAPER, true).record())
        .as("a dry run previews, records nothing")
        .isNull();
    assertThat(funding.withdrawals()).isEmpty();
    assertThat(funding.investOrders()).isEmpty();

    deliver(provider.approve(applicant));

    assertThat(platform.kyc().status("vic")).isEqualTo(KycStatus.APPROVED);
    assertThat(funding.createDeposit("vic", "d-big", d("1000.01")).code())
        .isEqualTo(FundingCode.OK);
    assertThat(buy("c1").outcome()).isEqualTo(OrderCode.OK);
    assertThat(funding.withdrawInstant("vic", "w1", d("50.00"), Destination.card("4242")).code())
        .isEqualTo(FundingCode.OK);
    assertThat(funding.autoInvest("vic", "i1", d("100.00"), List.of()).code())
        .isEqualTo(FundingCode.OK);
  }

  @Test
  void aFinallyRejectedUserDepositsNothingAtAllAndCancelsStillWork() {
    funding.openUser("vic", KycStatus.PENDING, null);
    String applicant = platform.kyc().start("vic").verification().applicantId();
    deliver(provider.approve(applicant));
    funding.createDeposit("vic", "d1", d("5000.00"));
    pay("d1");
    dev.speedtrade.oms.ClientOrder open =
        platform
            .orders()
            .submit(
                SubmitOrder.builder()
                    .account("vic")
                    .clientOrderId("lim-1")
                    .symbol("SPY")
                    .side(OrderSide.BUY)
                    .type(OrderType.LIMIT)
                    .timeInForce(TimeInForce.DAY)
                    .qty("1")
                    .limitPrice("1.00")
                    .build())
            .order();
    assertThat(open).isNotNull();

    deliver(provider.reject(applicant, KycRejectType.FINAL, List.of("FORGERY")));

    assertThat(funding.createDeposit("vic", "d2", d("1.00")).code())
        .isEqualTo(FundingCode.KYC_REQUIRED);
    assertThat(buy("c2").outcome()).isEqualTo(OrderCode.KYC_REQUIRED);
    assertThat(platform.orders().cancel("vic", "lim-1").outcome())
        .as("a rejected user may still cancel")
        .isEqualTo(OrderCode.OK);
  }

  @Test
  void aPlatformWithoutAKycProviderHasNoKycService() {
    SpeedTrade plain = SpeedTrade.embedded(CLOCK);
    try {
      assertThatThrownBy(plain::kyc)
          .isInstanceOfSatisfying(
              SpeedTradeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_ADAPTER));
    } finally {
      plain.close();
    }
  }
}
