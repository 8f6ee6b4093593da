package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferKind;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract at the edges of its input, as fuzzing finds them: timeouts and clock readings
 * at and beyond the documented range, metadata, codes and types at their limits in non-ASCII text,
 * ids no database takes as text, and null arguments. Every store answers each of them alike: a
 * result code, or a {@link SpeedTradeException} of a {@link ErrorCode.Category#BAD_INPUT} code
 * before any write, never {@link ErrorCode#STORE_UNAVAILABLE} and never a half-applied chain.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class BadInputContract extends LedgerContractBase {
  /** A character of the Basic Multilingual Plane that URL-encodes to nine characters. */
  private static final String CJK = "\u4e2d";

  /** A character outside the Basic Multilingual Plane: two UTF-16 code units, four UTF-8 bytes. */
  private static final String EMOJI = "\ud83d\udcb8";

  /** Creates the contract; the ledger is made before each test. */
  protected BadInputContract() {}

  // ------------------------------------------------------------------ timeouts

  @Test
  void aTimeoutBeyondTheMaximumOrNotPositiveIsRefusedWhereTheTransferIsMade() {
    for (long timeout :
        List.of(
            Transfer.MAX_TIMEOUT_SECONDS + 1,
            Long.MAX_VALUE,
            Long.MAX_VALUE - 1,
            0L,
            -1L,
            Long.MIN_VALUE)) {
      assertThrowsCode(
          ErrorCode.INVALID_TRANSFER, () -> Transfer.pending("p", "a", "b", 5, "hold", timeout));
      assertThrowsCode(
          ErrorCode.INVALID_TRANSFER,
          () ->
              new Transfer(
                  "p", TransferKind.PENDING, "a", "b", 5L, "hold", timeout, null, Map.of()));
    }
  }

  @Test
  void aLinkedChainEndingInAPendingTransferOfTheLongestTimeoutIsAppliedWhole() {
    createAccounts(usd("a"), usd("b"));
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.single("t1", "a", "b", 5, "x"),
                    Transfer.pending("t2", "a", "b", 7, "hold", Transfer.MAX_TIMEOUT_SECONDS))))
        .containsExactly(TransferResult.OK, TransferResult.OK);
    assertBalances("a", 7, 5, 0, 0);
    RecordedTransfer held = ledger.transfer("t2").orElseThrow();
    assertThat(held.expiresAt()).isEqualTo(START.plusSeconds(Transfer.MAX_TIMEOUT_SECONDS));
    assertThat(ledger.pendingStatus("t2")).contains(PendingStatus.PENDING);
  }

  @Test
  void theLongestTimeoutAtTheLatestClockReadingIsAcceptedAndDoesNotExpireBeforeItsTime() {
    createAccounts(usd("a"), usd("b"));
    clock.set(Ledger.LATEST_INSTANT.minusSeconds(10));
    ok(Transfer.pending("long", "a", "b", 7, "hold", Transfer.MAX_TIMEOUT_SECONDS));
    ok(Transfer.pending("short", "a", "b", 3, "hold", 10));
    clock.set(Ledger.LATEST_INSTANT);
    assertBalances("a", 7, 0, 0, 0);
    assertThat(ledger.pendingStatus("long")).contains(PendingStatus.PENDING);
    assertThat(ledger.pendingStatus("short")).contains(PendingStatus.EXPIRED);
    ok(Transfer.post("post-long", "long"));
    assertBalances("a", 0, 7, 0, 0);
  }

  // ------------------------------------------------------------------ the clock's range

  @Test
  void aClockPastTheLatestInstantRefusesEveryCallBeforeAnyWrite() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("held", "a", "b", 5, "hold", 60));
    clock.set(Ledger.LATEST_INSTANT.plusNanos(1));
    assertRefusesEveryCall();
    clock.set(Instant.MAX);
    assertRefusesEveryCall();
    clock.set(START);
    assertNothingWrittenWhileRefusing();
  }

  @Test
  void aClockBeforeTheEpochRefusesEveryCallBeforeAnyWrite() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("held", "a", "b", 5, "hold", 60));
    clock.set(Ledger.EARLIEST_INSTANT.minusNanos(1));
    assertRefusesEveryCall();
    clock.set(START);
    assertNothingWrittenWhileRefusing();
  }

  @Test
  void theLedgerWorksAtBothEndsOfItsClockRange() {
    clock.set(Ledger.EARLIEST_INSTANT);
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.single("first", "a", "b", 5, "x"));
    clock.set(Ledger.LATEST_INSTANT);
    ok(Transfer.single("last", "a", "b", 6, "x"));
    assertBalances("a", 0, 11, 0, 0);
    assertThat(ledger.transfer("first").orElseThrow().createdAt())
        .isEqualTo(Ledger.EARLIEST_INSTANT);
    assertThat(ledger.transfer("last").orElseThrow().createdAt()).isEqualTo(Ledger.LATEST_INSTANT);
    assertThat(ledger.transfer("last").orElseThrow().timestamp())
        .isGreaterThan(ledger.transfer("first").orElseThrow().timestamp());
  }

  @Test
  void theClockIsReadToTheMicrosecondOnEveryStore() {
    createAccounts(usd("a"), usd("b"));
    clock.set(START.plusNanos(1_999));
    ok(Transfer.pending("p", "a", "b", 5, "hold", 1));
    RecordedTransfer held = ledger.transfer("p").orElseThrow();
    assertThat(held.createdAt()).isEqualTo(START.plusNanos(1_000));
    assertThat(held.expiresAt()).isEqualTo(START.plusSeconds(1).plusNanos(1_000));
    clock.set(START.plusSeconds(1).plusNanos(999));
    assertThat(ledger.pendingStatus("p")).contains(PendingStatus.PENDING);
    clock.set(START.plusSeconds(1).plusNanos(1_000));
    assertThat(ledger.pendingStatus("p")).contains(PendingStatus.EXPIRED);
  }

  @Test
  void aClockAdvancedTenThousandYearsIsRefusedAlike() {
    createAccounts(usd("a"), usd("b"));
    clock.advance(Duration.ofDays(365L * 10_000));
    assertThrowsCode(
        ErrorCode.INVALID_ARGUMENT,
        () -> ledger.createTransfers(List.of(Transfer.single("t", "a", "b", 5, "x"))));
    clock.set(START);
    assertThat(ledger.transfer("t")).isEmpty();
  }

  private void assertRefusesEveryCall() {
    List<ThrowingCallable> calls =
        List.of(
            () -> ledger.createAccounts(List.of(usd("c"))),
            () -> ledger.createTransfers(List.of(Transfer.single("t", "a", "b", 5, "x"))),
            () ->
                ledger.createLinkedTransfers(
                    List.of(Transfer.single("l1", "a", "b", 5, "x"), Transfer.post("l2", "held"))),
            () -> ledger.account("a"),
            () -> ledger.balances("a"),
            () -> ledger.balancesAt("a", 1),
            () -> ledger.transfer("held"),
            () -> ledger.pendingStatus("held"),
            () -> ledger.transfers("a", 0, 10));
    for (ThrowingCallable call : calls) {
      assertThrowsCode(ErrorCode.INVALID_ARGUMENT, call);
    }
  }

  private void assertNothingWrittenWhileRefusing() {
    assertThat(ledger.account("c")).isEmpty();
    assertThat(ledger.transfer("t")).isEmpty();
    assertThat(ledger.transfer("l1")).isEmpty();
    assertThat(ledger.transfer("l2")).isEmpty();
    assertThat(ledger.pendingStatus("held")).contains(PendingStatus.PENDING);
    assertBalances("a", 5, 0, 0, 0);
    assertBalances("b", 0, 0, 5, 0);
  }

  // ------------------------------------------------------------------ text at its limits

  @Test
  void metadataAtEveryLimitInNonAsciiTextIsRecordedAsGivenAndReplaysAsExists() {
    createAccounts(usd("a"), usd("b"));
    for (String text : List.of(CJK, EMOJI, "\u00e9", "%&=+ ")) {
      Map<String, String> metadata = new LinkedHashMap<>();
      for (int i = 0; i < Transfer.MAX_METADATA_ENTRIES; i++) {
        String key =
            (i + fill(text, Transfer.MAX_METADATA_KEY_LENGTH))
                .substring(0, Transfer.MAX_METADATA_KEY_LENGTH);
        metadata.put(trimToWhole(key), fill(text, Transfer.MAX_METADATA_VALUE_LENGTH));
      }
      String id = "meta-" + Integer.toHexString(text.codePointAt(0));
      Transfer transfer = Transfer.single(id, "a", "b", 5, "x").withMetadata(metadata);
      assertThat(apply(transfer)).as("metadata of %s", text).isEqualTo(TransferResult.OK);
      assertThat(ledger.transfer(id).orElseThrow().transfer().metadata()).isEqualTo(metadata);
      assertThat(apply(transfer)).isEqualTo(TransferResult.EXISTS);
    }
  }

  @Test
  void aCodeAndAnAccountTypeOfTheLongestNonAsciiTextAreRecordedAsGiven() {
    String type = fill(CJK, LedgerAccount.MAX_TYPE_LENGTH);
    LedgerAccount account = LedgerAccount.of("a", "USD", type);
    createAccounts(account, usd("b"));
    assertThat(ledger.account("a")).contains(account);
    String code = fill(EMOJI, Transfer.MAX_CODE_LENGTH);
    ok(Transfer.single("t", "a", "b", 5, code));
    assertThat(ledger.transfer("t").orElseThrow().code()).isEqualTo(code);
    assertThat(apply(Transfer.single("t", "a", "b", 5, code))).isEqualTo(TransferResult.EXISTS);
  }

  @Test
  void textNoStoreCanKeepAsGivenIsRefusedWhereTheTransferIsMade() {
    Transfer base = Transfer.single("t", "a", "b", 5, "x");
    List<ThrowingCallable> malformed =
        List.of(
            () -> Transfer.single("t", "a", "b", 5, "x\u0000"),
            () -> Transfer.single("t", "a", "b", 5, "x\n"),
            () -> Transfer.single("t", "a", "b", 5, "x\ud800"),
            () -> Transfer.single("t", "a", "b", 5, "\udc00x"),
            () -> Transfer.single("t", "a", "b", 5, fill(CJK, Transfer.MAX_CODE_LENGTH + 1)),
            () -> base.withMetadata(Map.of("k\u0000", "v")),
            () -> base.withMetadata(Map.of("k\ud800", "v")),
            () -> base.withMetadata(Map.of("k", "v\udc00")),
            () -> base.withMetadata(Map.of("k", fill(CJK, Transfer.MAX_METADATA_VALUE_LENGTH + 1))),
            () -> base.withMetadata(Map.of(fill(CJK, Transfer.MAX_METADATA_KEY_LENGTH + 1), "v")),
            () -> base.withMetadata(tooManyEntries()));
    for (ThrowingCallable call : malformed) {
      assertThrowsCode(ErrorCode.INVALID_TRANSFER, call);
    }
    assertThrowsCode(ErrorCode.INVALID_ACCOUNT, () -> LedgerAccount.of("a", "USD", "t\u0000"));
    assertThrowsCode(ErrorCode.INVALID_ACCOUNT, () -> LedgerAccount.of("a", "USD", "t\ud800"));
    assertThrowsCode(
        ErrorCode.INVALID_ACCOUNT,
        () -> LedgerAccount.of("a", "USD", fill(CJK, LedgerAccount.MAX_TYPE_LENGTH + 1)));
  }

  @Test
  void metadataValuesMayHoldControlCharactersAndTheyAreRecordedAsGiven() {
    createAccounts(usd("a"), usd("b"));
    Map<String, String> metadata = Map.of("note", "line 1\nline 2\u0000\t end");
    ok(Transfer.single("t", "a", "b", 5, "x").withMetadata(metadata));
    assertThat(ledger.transfer("t").orElseThrow().transfer().metadata()).isEqualTo(metadata);
  }

  // ------------------------------------------------------------------ ids no store takes as text

  @Test
  void idsThatBreakTheIdRulesAreAnsweredByCodesAndReadsFindNothing() {
    createAccounts(usd("a"), usd("b"));
    ok(Transfer.pending("p", "a", "b", 5, "hold"));
    List<String> broken =
        List.of("t\u0000", "t\ud800", "\udc00", "x".repeat(10_000), "t\u00e9", " ");
    for (String id : broken) {
      assertThat(ledger.createAccounts(List.of(LedgerAccount.of(id, "USD", "x"))))
          .as("account '%s'", id)
          .containsExactly(AccountResult.INVALID_ID);
      rejects(TransferResult.INVALID_ID, Transfer.single(id, "a", "b", 5, "x"));
      rejects(
          TransferResult.ACCOUNT_NOT_FOUND, Transfer.single("ok-" + id.length(), id, "b", 5, "x"));
      rejects(
          TransferResult.ACCOUNT_NOT_FOUND, Transfer.single("ok-" + id.length(), "a", id, 5, "x"));
      rejects(TransferResult.PENDING_NOT_FOUND, Transfer.post("ok-" + id.length(), id));
      assertThat(
              ledger.createLinkedTransfers(
                  List.of(Transfer.single("l1", "a", "b", 5, "x"), Transfer.voidPending("l2", id))))
          .containsExactly(TransferResult.LINKED_EVENT_FAILED, TransferResult.PENDING_NOT_FOUND);
      assertThat(ledger.account(id)).isEmpty();
      assertThat(ledger.balances(id)).isEmpty();
      assertThat(ledger.balancesAt(id, Long.MAX_VALUE)).isEmpty();
      assertThat(ledger.transfer(id)).isEmpty();
      assertThat(ledger.pendingStatus(id)).isEmpty();
      assertThat(ledger.transfers(id, 0, 10)).isEmpty();
    }
    assertBalances("a", 5, 0, 0, 0);
  }

  // ------------------------------------------------------------------ null arguments

  @Test
  void nullArgumentsOfReadsThrowInvalidArgument() {
    createAccounts(usd("a"));
    String none = nullString();
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.account(none));
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.balances(none));
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.balancesAt(none, 0));
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.transfer(none));
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.pendingStatus(none));
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.transfers(none, 0, 10));
    assertThat(ledger.account("a")).isPresent();
  }

  @Test
  void nullFieldsOfAccountsAndTransfersThrowWhereTheyAreMade() {
    String none = nullString();
    assertThrowsCode(ErrorCode.INVALID_ACCOUNT, () -> LedgerAccount.of(none, "USD", "x"));
    assertThrowsCode(ErrorCode.INVALID_ACCOUNT, () -> LedgerAccount.of("a", none, "x"));
    assertThrowsCode(ErrorCode.INVALID_ACCOUNT, () -> LedgerAccount.of("a", "USD", none));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> Transfer.single(none, "a", "b", 5, "x"));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> Transfer.single("t", none, "b", 5, "x"));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> Transfer.single("t", "a", none, 5, "x"));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> Transfer.single("t", "a", "b", 5, none));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> Transfer.post("t", none));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> Transfer.voidPending("t", none));
    assertThrowsCode(
        ErrorCode.INVALID_TRANSFER, () -> Transfer.single("t", "a", "b", nullMoney(), "x"));
    assertThrowsCode(
        ErrorCode.INVALID_TRANSFER,
        () -> Transfer.single("t", "a", "b", 5, "x").withMetadata(mapWithNullValue()));
  }

  @Test
  void aBadInputIsNeverReportedAsARetryableOutage() {
    createAccounts(usd("a"), usd("b"));
    clock.set(Ledger.LATEST_INSTANT.plusSeconds(1));
    try {
      ledger.createTransfers(List.of(Transfer.single("t", "a", "b", 5, "x")));
      throw new AssertionError("a clock out of range was accepted");
    } catch (SpeedTradeException e) {
      assertThat(e.code().category()).isEqualTo(ErrorCode.Category.BAD_INPUT);
      assertThat(e.code().isRetryable()).isFalse();
      assertThat(e.getMessage()).contains(Ledger.LATEST_INSTANT.toString());
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Returns {@code text} repeated up to {@code length} UTF-16 code units, never splitting a pair.
   */
  private static String fill(String text, int length) {
    StringBuilder out = new StringBuilder();
    while (out.length() + text.length() <= length) {
      out.append(text);
    }
    while (out.length() < length) {
      out.append('x');
    }
    return out.toString();
  }

  /** Drops a high surrogate left alone at the end by a cut. */
  private static String trimToWhole(String text) {
    return Character.isHighSurrogate(text.charAt(text.length() - 1))
        ? text.substring(0, text.length() - 1) + "y"
        : text;
  }

  private static Map<String, String> tooManyEntries() {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (int i = 0; i <= Transfer.MAX_METADATA_ENTRIES; i++) {
      metadata.put("k" + i, "v");
    }
    return metadata;
  }

  private static Map<String, String> mapWithNullValue() {
    Map<String, String> metadata = new java.util.HashMap<>();
    metadata.put("k", null);
    return metadata;
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  private static String nullString() {
    return null;
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  private static Money nullMoney() {
    return null;
  }
}
