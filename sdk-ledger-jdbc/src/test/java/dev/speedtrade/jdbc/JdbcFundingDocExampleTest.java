package dev.speedtrade.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.funding.DepositEventType;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.SettlementCalendar;
import dev.speedtrade.funding.WithdrawalStatus;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The {@code JdbcFundingStore} sample of {@code docs/funding.md}, compiled and run on H2, with what
 * the page states: a second host on the same database sees the first one's records.
 */
class JdbcFundingDocExampleTest {

  @Test
  void onADatabase() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC);
    InMemoryMarket market = new InMemoryMarket(true);
    market.put(
        new Instrument("SPY", AssetClass.US_EQUITY, true, true, false, new BigDecimal("500.00")));
    SettlementCalendar calendar = SettlementCalendar.weekdaysExcept(Set.of());
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:funding-doc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    HikariConfig config = new HikariConfig();
    config.setDataSource(h2);
    config.setMaximumPoolSize(4);

    try (HikariDataSource pool = new HikariDataSource(config)) {
      SpeedTradeSchema.migrate(pool);
      FundingService funding =
          FundingService.builder()
              .ledger(JdbcLedger.builder(pool).clock(clock).build())
              .store(new JdbcFundingStore(pool))
              .market(market)
              .calendar(calendar)
              .clock(clock)
              .build();

      funding.openUser("dan", KycStatus.APPROVED, null);
      funding.createDeposit("dan", "d1", new BigDecimal("3000.00"));
      funding.applyDepositEvent("evt_1", "d1", DepositEventType.COMPLETED, null);
      assertThat(
              funding
                  .withdrawInstant(
                      "dan", "w1", new BigDecimal("100.00"), Destination.bank("002010077777777771"))
                  .code())
          .isEqualTo(FundingCode.OK);

      FundingService otherHost =
          FundingService.builder()
              .ledger(JdbcLedger.builder(pool).clock(clock).build())
              .store(new JdbcFundingStore(pool))
              .market(market)
              .calendar(calendar)
              .clock(clock)
              .build();
      assertThat(otherHost.withdrawal("w1").orElseThrow())
          .satisfies(
              w -> {
                assertThat(w.status()).isEqualTo(WithdrawalStatus.PROCESSING);
                assertThat(w.destination().masked()).isEqualTo("bank:****7771");
              });
      assertThat(
              otherHost.applyDepositEvent("evt_1", "d1", DepositEventType.COMPLETED, null).code())
          .isEqualTo(FundingCode.DUPLICATE_EVENT);
      assertThat(otherHost.funds("dan").orElseThrow().withdrawable())
          .isEqualByComparingTo("2900.00");
    }
  }
}
