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
import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.funding.SimulatedPaymentGateway;
import dev.speedtrade.funding.Withdrawal;
import dev.speedtrade.funding.WithdrawalReceipt;
import dev.speedtrade.funding.WithdrawalReceiptPdf;
import dev.speedtrade.funding.WithdrawalResult;
import dev.speedtrade.funding.WithdrawalStatus;
import dev.speedtrade.funding.spi.InMemoryFundingStore;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.risk.Instrument;
import dev.speedtrade.secret.Secret;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code samples of {@code docs/funding.md}, compiled and run, with what the page states. */
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

  /** docs/funding.md, "Receipts": a paid withdrawal's receipt, rendered and written. */
  @Test
  void receipts(@TempDir Path receipts) throws IOException {
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC);
    SimulatedPaymentGateway gateway =
        SimulatedPaymentGateway.builder()
            .webhookSecret(Secret.of("whsec_docs"))
            .clock(clock)
            .build();
    FundingService funding =
        FundingService.builder()
            .ledger(new InMemoryLedger(clock))
            .market(new InMemoryMarket(true))
            .calendar(SettlementCalendar.weekdaysExcept(Set.of()))
            .clock(clock)
            .payments(gateway)
            .build();
    funding.openUser("dan", KycStatus.APPROVED, null);
    funding.createDeposit("dan", "d1", new BigDecimal("3000.00"));
    funding.applyDepositEvent("dep_evt_1", "d1", DepositEventType.COMPLETED, null);
    Withdrawal w =
        funding
            .withdrawInstant("dan", "w1", new BigDecimal("100.00"), Destination.card("4242"))
            .withdrawal();
    SignedWebhook webhook = gateway.markPayoutPaid(w.payoutReference());
    assertThat(funding.apply(gateway.parseWebhook(webhook.body(), webhook.headers())))
        .isEqualTo(FundingCode.OK);
    Withdrawal paid = funding.withdrawal("w1").orElseThrow();

    WithdrawalReceipt receipt = funding.receipt("w1").orElseThrow(); // as w1 stands now
    byte[] pdf = WithdrawalReceiptPdf.render(receipt);
    WithdrawalReceiptPdf.write(receipt, receipts.resolve("w1.pdf"));

    assertThat(paid.status()).isEqualTo(WithdrawalStatus.COMPLETED);
    assertThat(Files.readAllBytes(receipts.resolve("w1.pdf"))).isEqualTo(pdf);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document))
          .contains(
              "SpeedTrade withdrawal receipt",
              "Amount 100.00 USD",
              "Fee 1.75 USD",
              "Net paid 98.25 USD",
              "Destination card:****4242",
              "Reference " + w.payoutReference(),
              "Completed at 2026-03-02T15:00:00Z",
              "Reviewed by -");
    }
  }
}
