package dev.speedtrade.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.InMemoryLedger;
import dev.speedtrade.oms.InMemoryMarket;
import dev.speedtrade.secret.Secret;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receipts rendered with PDFBox and read back with it: every value on its line, the CLABE nowhere,
 * the same bytes each time, and the record's checks.
 */
class WithdrawalReceiptPdfTest {
  /** A valid CLABE (its check digit is right): the receipt shows only its last four digits. */
  private static final String CLABE = "032180000118359719";

  private static final Instant REQUESTED = Instant.parse("2026-03-02T15:00:00Z");
  private static final Instant REVIEWED = Instant.parse("2026-03-02T16:30:15Z");
  private static final Instant COMPLETED = Instant.parse("2026-03-03T09:05:00.250Z");

  private static Withdrawal instant(WithdrawalStatus status) {
    return new Withdrawal(
        "w-instant-1",
        "dan",
        WithdrawalKind.INSTANT,
        new BigDecimal("100"),
        new BigDecimal("1.75"),
        new BigDecimal("98.25"),
        status,
        Destination.bank(CLABE),
        null,
        null,
        REQUESTED,
        REQUESTED,
        null);
  }

  private static Withdrawal reviewed() {
    return new Withdrawal(
        "w-reviewed-7",
        "ana",
        WithdrawalKind.REVIEWED,
        new BigDecimal("2500.5"),
        new BigDecimal("0.00"),
        new BigDecimal("2500.5"),
        WithdrawalStatus.COMPLETED,
        Destination.card("4242"),
        "ops.maria",
        REVIEWED,
        REQUESTED,
        REVIEWED,
        null);
  }

  private static WithdrawalReceipt completedInstant() {
    return WithdrawalReceipt.of(instant(WithdrawalStatus.COMPLETED), "po_1QxYz42", COMPLETED);
  }

  /** The text of the PDF as PDFBox reads it back, one string per line. */
  private static List<String> text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      return Arrays.stream(new PDFTextStripper().getText(document).split("\\R"))
          .map(String::strip)
          .toList();
    }
  }

  @Test
  void theClabeOfTheseTestsIsAValidOne() {
    assertThat(Destination.isValidClabe(CLABE)).isTrue();
  }

  @Test
  void aCompletedInstantWithdrawalShowsEveryValueOnItsLabelledLine() throws IOException {
    List<String> lines = text(WithdrawalReceiptPdf.render(completedInstant()));

    assertThat(lines)
        .containsSubsequence(
            "SpeedTrade withdrawal receipt",
            "Withdrawal w-instant-1",
            "User dan",
            "Kind INSTANT",
            "Status COMPLETED",
            "Amount 100.00 USD",
            "Fee 1.75 USD",
            "Net paid 98.25 USD",
            "Destination bank:****9719",
            "Reference po_1QxYz42",
            "Requested at 2026-03-02T15:00:00Z",
            "Reviewed at -",
            "Reviewed by -",
            "Completed at 2026-03-03T09:05:00.250Z");
  }

  @Test
  void aBankWithdrawalPaidThroughTheGatewayGetsItsReceipt() throws IOException {
    Clock clock = Clock.fixed(REQUESTED, ZoneOffset.UTC);
    SimulatedPaymentGateway gateway =
        SimulatedPaymentGateway.builder()
            .webhookSecret(Secret.of("whsec_test_receipts"))
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
    funding.createDeposit("dan", "d1", new BigDecimal("500.00"));
    funding.applyDepositEvent("e0", "d1", DepositEventType.COMPLETED, null);
    Withdrawal w =
        funding
            .withdrawInstant("dan", "w1", new BigDecimal("200.00"), Destination.bank(CLABE))
            .withdrawal();
    String reference = w.payoutReference();
    SignedWebhook paid = gateway.markPayoutPaid(reference);
    assertThat(funding.apply(gateway.parseWebhook(paid.body(), paid.headers())))
        .isEqualTo(FundingCode.OK);

    WithdrawalReceipt receipt = funding.receipt("w1").orElseThrow();
    assertThat(funding.receipt("w2")).isEmpty();
    List<String> lines = text(WithdrawalReceiptPdf.render(receipt));

    assertThat(lines)
        .contains(
            "Status COMPLETED",
            "Amount 200.00 USD",
            "Fee 3.50 USD",
            "Net paid 196.50 USD",
            "Destination bank:****9719",
            "Reference " + reference,
            "Completed at 2026-03-02T15:00:00Z");
    assertThat(String.join("\n", lines)).doesNotContain(CLABE);
  }

  @Test
  void aReviewedWithdrawalShowsItsReviewerAndReviewTime() throws IOException {
    WithdrawalReceipt receipt = WithdrawalReceipt.of(reviewed(), "po_9", COMPLETED);

    List<String> lines = text(WithdrawalReceiptPdf.render(receipt));

    assertThat(lines)
        .contains(
            "Kind REVIEWED",
            "Amount 2500.50 USD",
            "Fee 0.00 USD",
            "Net paid 2500.50 USD",
            "Destination card:****4242",
            "Reviewed at 2026-03-02T16:30:15Z",
            "Reviewed by ops.maria");
  }

  @Test
  void theWholeClabeAppearsNowhere() throws IOException {
    WithdrawalReceipt receipt = completedInstant();
    byte[] pdf = WithdrawalReceiptPdf.render(receipt);

    assertThat(receipt.destination()).isEqualTo("bank:****9719");
    assertThat(receipt.toString()).doesNotContain(CLABE);
    assertThat(String.join("\n", text(pdf))).doesNotContain(CLABE).doesNotContain("0321800001");
    assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).doesNotContain(CLABE);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDDocumentInformation info = document.getDocumentInformation();
      assertThat(info.getTitle()).doesNotContain(CLABE);
    }
  }

  @Test
  void absentValuesShowADash() throws IOException {
    WithdrawalReceipt receipt =
        WithdrawalReceipt.of(instant(WithdrawalStatus.PROCESSING), null, null);

    List<String> lines = text(WithdrawalReceiptPdf.render(receipt));

    assertThat(lines)
        .contains(
            "Status PROCESSING", "Reference -", "Reviewed at -", "Reviewed by -", "Completed at -");
  }

  @Test
  void renderingTheSameReceiptTwiceGivesTheSameBytes() {
    byte[] first = WithdrawalReceiptPdf.render(completedInstant());
    byte[] second = WithdrawalReceiptPdf.render(completedInstant());

    assertThat(second).isEqualTo(first);
    assertThat(WithdrawalReceiptPdf.render(WithdrawalReceipt.of(reviewed(), "po_9", COMPLETED)))
        .isNotEqualTo(first);
  }

  @Test
  void theDocumentIsDatedByTheReceiptAndNamedAfterIt() throws IOException {
    try (PDDocument completed = Loader.loadPDF(WithdrawalReceiptPdf.render(completedInstant()));
        PDDocument pending =
            Loader.loadPDF(
                WithdrawalReceiptPdf.render(
                    WithdrawalReceipt.of(instant(WithdrawalStatus.PROCESSING), null, null)))) {
      PDDocumentInformation info = completed.getDocumentInformation();
      assertThat(info.getTitle()).isEqualTo("SpeedTrade withdrawal receipt w-instant-1");
      assertThat(info.getProducer()).isEqualTo("SpeedTrade");
      // PDF dates have whole seconds
      assertThat(info.getCreationDate().toInstant()).isEqualTo("2026-03-03T09:05:00Z");
      assertThat(pending.getDocumentInformation().getCreationDate().toInstant())
          .isEqualTo(REQUESTED);
    }
  }

  @Test
  void amountsAreHeldAtTwoDecimals() {
    WithdrawalReceipt receipt = completedInstant();

    assertThat(receipt.amount()).isEqualTo(new BigDecimal("100.00"));
    assertThat(receipt.fee()).isEqualTo(new BigDecimal("1.75"));
    assertThat(receipt.net()).isEqualTo(new BigDecimal("98.25"));
    assertThat(receipt.currency()).isEqualTo("USD");
    assertThat(receipt.requestedAt()).isEqualTo(REQUESTED);
  }

  @Test
  void theLongestValuesAreWrappedOnOnePage() throws IOException {
    String longest = "W".repeat(WithdrawalReceipt.MAX_TEXT);
    WithdrawalReceipt r = completedInstant();
    WithdrawalReceipt receipt =
        new WithdrawalReceipt(
            longest,
            longest,
            r.kind(),
            r.amount(),
            r.fee(),
            r.net(),
            r.currency(),
            r.destination(),
            r.status(),
            longest,
            r.requestedAt(),
            REVIEWED,
            longest,
            r.completedAt());

    List<String> lines = text(WithdrawalReceiptPdf.render(receipt)); // asserts one page

    assertThat(String.join("", lines))
        .contains("Withdrawal " + longest + "User " + longest + "Kind");
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThan(70));
  }

  @Test
  void charactersTheStandardFontCannotShowArePrintedAsQuestionMarks() throws IOException {
    WithdrawalReceipt receipt =
        WithdrawalReceipt.of(
            new Withdrawal(
                "w-2",
                "dan",
                WithdrawalKind.REVIEWED,
                BigDecimal.TEN,
                BigDecimal.ZERO,
                BigDecimal.TEN,
                WithdrawalStatus.COMPLETED,
                Destination.card("4242"),
                "José 李\n",
                REVIEWED,
                REQUESTED,
                REVIEWED,
                null),
            null,
            null);

    assertThat(text(WithdrawalReceiptPdf.render(receipt))).contains("Reviewed by José ??");
  }

  @Test
  void writeWritesAFileThatParsesBack(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("w-instant-1.pdf");
    Files.writeString(file, "an older, longer file that the receipt replaces ".repeat(1000));

    WithdrawalReceiptPdf.write(completedInstant(), file);

    byte[] written = Files.readAllBytes(file);
    assertThat(written).isEqualTo(WithdrawalReceiptPdf.render(completedInstant()));
    assertThat(text(written)).contains("Net paid 98.25 USD", "Destination bank:****9719");
  }

  @Test
  void writeNamesTheFileItCannotWrite(@TempDir Path directory) {
    Path file = directory.resolve("missing").resolve("w.pdf");

    assertThatThrownBy(() -> WithdrawalReceiptPdf.write(completedInstant(), file))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void nullArgumentsAreRefusedByName(@TempDir Path directory) {
    invalid(() -> WithdrawalReceiptPdf.render(null), "receipt");
    invalid(() -> WithdrawalReceiptPdf.write(completedInstant(), null), "file");
    invalid(() -> WithdrawalReceiptPdf.write(null, directory.resolve("w.pdf")), "receipt");
    invalid(() -> WithdrawalReceipt.of(null, null, null), "withdrawal");
  }

  @Test
  void theReceiptRefusesBadValuesNamingTheField() {
    WithdrawalReceipt r = completedInstant();
    invalid(() -> copy(r, "withdrawalId", null), "withdrawalId must not be null");
    invalid(() -> copy(r, "withdrawalId", " "), "withdrawalId must not be blank");
    invalid(
        () -> copy(r, "user", "u".repeat(WithdrawalReceipt.MAX_TEXT + 1)),
        "user must be at most 200 characters, got 201");
    invalid(() -> copy(r, "kind", null), "kind must not be null");
    invalid(
        () -> copy(r, "amount", new BigDecimal("100.001")),
        "amount must be greater than 0 with at most 2 decimals, got 100.001");
    invalid(() -> copy(r, "amount", BigDecimal.ZERO), "amount must be greater than 0");
    invalid(() -> copy(r, "fee", new BigDecimal("-0.01")), "fee must be at least 0");
    invalid(() -> copy(r, "fee", null), "fee must not be null");
    invalid(
        () -> copy(r, "net", new BigDecimal("98.00")),
        "net must be amount - fee = 98.25 (100.00 - 1.75), got 98.00");
    invalid(() -> copy(r, "currency", "EUR"), "currency must be USD, got 'EUR'");
    invalid(() -> copy(r, "status", null), "status must not be null");
    invalid(() -> copy(r, "reference", ""), "reference must not be blank");
    invalid(() -> copy(r, "requestedAt", null), "requestedAt must not be null");
    invalid(() -> copy(r, "reviewedAt", REVIEWED), "reviewedBy must be given with reviewedAt");
    invalid(() -> copy(r, "reviewedBy", "ops"), "reviewedAt must be given with reviewedBy 'ops'");
    invalid(
        () -> WithdrawalReceipt.of(instant(WithdrawalStatus.FAILED), null, COMPLETED),
        "completedAt must be null unless status is COMPLETED, got status FAILED");
  }

  @Test
  void aDestinationThatIsNotMaskedIsRefusedWithoutRepeatingIt() {
    WithdrawalReceipt r = completedInstant();
    for (String unmasked :
        List.of(CLABE, "bank:" + CLABE, "bank:****59719", "card:4242", "card:****424")) {
      assertThatThrownBy(() -> copy(r, "destination", unmasked))
          .isInstanceOfSatisfying(
              SpeedTradeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessageContaining("destination must be masked")
          .hasMessageNotContaining(unmasked);
    }
    invalid(() -> copy(r, "destination", null), "destination must not be null");
  }

  /** {@code r} with the one field {@code name} set to {@code value}. */
  private static WithdrawalReceipt copy(WithdrawalReceipt r, String name, Object value) {
    return new WithdrawalReceipt(
        name.equals("withdrawalId") ? (String) value : r.withdrawalId(),
        name.equals("user") ? (String) value : r.user(),
        name.equals("kind") ? (WithdrawalKind) value : r.kind(),
        name.equals("amount") ? (BigDecimal) value : r.amount(),
        name.equals("fee") ? (BigDecimal) value : r.fee(),
        name.equals("net") ? (BigDecimal) value : r.net(),
        name.equals("currency") ? (String) value : r.currency(),
        name.equals("destination") ? (String) value : r.destination(),
        name.equals("status") ? (WithdrawalStatus) value : r.status(),
        name.equals("reference") ? (String) value : r.reference(),
        name.equals("requestedAt") ? (Instant) value : r.requestedAt(),
        name.equals("reviewedAt") ? (Instant) value : r.reviewedAt(),
        name.equals("reviewedBy") ? (String) value : r.reviewedBy(),
        name.equals("completedAt") ? (Instant) value : r.completedAt());
  }

  private static void invalid(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            SpeedTradeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining(message);
  }
}
