package dev.speedtrade.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.funding.DepositEventType;
import dev.speedtrade.funding.DepositResult;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.FundingSettings;
import dev.speedtrade.funding.PayoutEventType;
import dev.speedtrade.funding.SettlementCalendar;
import dev.speedtrade.funding.WithdrawalResult;
import dev.speedtrade.funding.WithdrawalStatus;
import dev.speedtrade.funding.spi.InMemoryFundingStore;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The code sample of {@code docs/funding.md}, compiled and run, with what the page states. */
class FundingDocExamplesTest {

  @Test
  void buildingTheService() {
    Set<LocalDate> nyseHolidays = Set.of(LocalDate.of(2026, 4, 3));

    InMemoryLedger ledger = new InMemoryLedger();
    InMemoryMarket market = new InMemoryMarket(true);
    market.put(
        new Instrument("SPY", AssetClass.US_EQUITY, true, true, false, new BigDecimal("500.00")));
    market.put(
        new Instrument("BIL", AssetClass.US_EQUITY, true, true, false, new BigDecimal("91.50")));

    FundingService funding =
        FundingService.builder()
            .ledger(ledger)
            .market(market)
            .calendar(SettlementCalendar.weekdaysExcept(nyseHolidays))
            .clock(Clock.systemUTC())
            .store(new InMemoryFundingStore())
            .settings(FundingSettings.builder().autoApproveLimit(new BigDecimal("100.00")).build())
            .build();

    funding.openUser("dan", KycStatus.APPROVED, null);
    DepositResult created = funding.createDeposit("dan", "d1", new BigDecimal("3000.00"));
    funding.applyDepositEvent("evt_1", "d1", DepositEventType.COMPLETED, null);
    WithdrawalResult w =
        funding.withdrawInstant("dan", "w1", new BigDecimal("100.00"), Destination.card("4242"));
    funding.applyPayoutEvent("evt_2", "w1", PayoutEventType.PAID);

    assertThat(created.code()).isEqualTo(FundingCode.OK);
    assertThat(w.withdrawal().fee()).isEqualByComparingTo("1.75");
    assertThat(funding.withdrawal("w1").orElseThrow().status())
        .isEqualTo(WithdrawalStatus.COMPLETED);
    assertThat(funding.funds("dan").orElseThrow().cash()).isEqualByComparingTo("2900.00");
    assertThat(w.withdrawal().destination().toString()).isEqualTo("card:****4242");
  }
}
