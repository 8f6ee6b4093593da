package dev.speedtrade.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.error.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferTest {
  private static final TransferKind SINGLE = TransferKind.SINGLE;
  private static final TransferKind PENDING = TransferKind.PENDING;
  private static final TransferKind POST = TransferKind.POST;
  private static final TransferKind VOID = TransferKind.VOID;

  @Test
  void eachMisfitOfASingleOrPendingTransferIsNamed() {
    assertRefused(
        () -> make("t1", SINGLE, null, "b", 5L, "x", null, null, null),
        "a SINGLE transfer 't1' needs a debit account");
    assertRefused(
        () -> make("t1", PENDING, "a", null, 5L, "x", null, null, null),
        "a PENDING transfer 't1' needs a credit account");
    assertRefused(
        () -> make("t1", SINGLE, "a", "b", null, "x", null, null, null),
        "a SINGLE transfer 't1' needs an amount");
    assertRefused(
        () -> make("t1", SINGLE, "a", "b", 5L, " ", null, null, null),
        "transfer 't1' needs a code of 1-64 characters, got ' '");
    assertRefused(
        () -> make("t1", SINGLE, "a", "b", 5L, "x".repeat(65), null, null, null),
        "transfer 't1' needs a code of 1-64 characters");
    assertRefused(
        () -> make("t1", SINGLE, "a", "b", 5L, "x\u0001", null, null, null),
        "code of transfer 't1' must hold no control character");
    assertRefused(
        () -> make("t1", SINGLE, "a", "b", 5L, "x", null, "p", null),
        "a SINGLE transfer 't1' resolves no pending transfer");
    assertRefused(
        () -> make("t1", SINGLE, "a", "b", 5L, "x", 10L, null, null),
        "transfer 't1' is not pending and takes no timeout");
    assertRefused(
        () -> make("t1", PENDING, "a", "b", 5L, "x", 0L, null, null),
        "timeout of pending transfer 't1' must be 1-4294967295 seconds, got 0");
    assertRefused(
        () -> make("t1", PENDING, "a", "b", 5L, "x", Transfer.MAX_TIMEOUT_SECONDS + 1, null, null),
        "got 4294967296");
    assertThat(make("t1", PENDING, "a", "b", 5L, "x", Transfer.MAX_TIMEOUT_SECONDS, null, null))
        .extracting(Transfer::timeoutSeconds)
        .isEqualTo(Transfer.MAX_TIMEOUT_SECONDS);
  }

  @Test
  void eachMisfitOfAPostOrVoidIsNamed() {
    assertRefused(
        () -> make("t2", POST, "a", null, null, null, null, "p", null),
        "a POST transfer 't2' names no accounts: it takes the pending transfer's");
    assertRefused(
        () -> make("t2", VOID, null, null, null, "x", null, "p", null),
        "a VOID transfer 't2' names no code: it takes the pending transfer's");
    assertRefused(
        () -> make("t2", POST, null, null, null, null, 10L, "p", null),
        "transfer 't2' is not pending and takes no timeout");
    assertRefused(
        () -> make("t2", VOID, null, null, null, null, null, null, null),
        "a VOID transfer 't2' needs the pending transfer's id");
    assertRefused(
        () -> make("t2", VOID, null, null, 5L, null, null, "p", null),
        "a void transfer 't2' takes no amount");
    assertThat(make("t2", POST, null, null, 5L, null, null, "p", null).amount()).isEqualTo(5L);
  }

  @Test
  void theIdKindAndCurrencyAreCheckedFirst() {
    assertRefused(
        () -> make(null, SINGLE, "a", "b", 5L, "x", null, null, null),
        "transfer id must not be null");
    assertRefused(
        () -> make("t3", null, "a", "b", 5L, "x", null, null, null),
        "kind of transfer 't3' must not be null");
    assertRefused(
        () -> make("t3", SINGLE, "a", "b", 5L, "x", null, null, "usd"),
        "currency of transfer 't3' must be an upper-case ISO 4217 code, got 'usd'");
    assertRefused(
        () -> make("t3", POST, null, null, null, null, null, "p", "USD"),
        "transfer 't3' states currency USD without an amount");
    assertThat(make("t3", SINGLE, "a", "b", 5L, "x", null, null, "USD").currency())
        .isEqualTo("USD");
  }

  @SuppressWarnings("NullAway")
  private static Transfer make(
      String id,
      TransferKind kind,
      String debit,
      String credit,
      Long amount,
      String code,
      Long timeout,
      String pendingId,
      String currency) {
    return new Transfer(
        id, kind, debit, credit, amount, code, timeout, pendingId, Map.of(), currency);
  }

  private static void assertRefused(Runnable make, String message) {
    Refusals.assertRefused(ErrorCode.INVALID_TRANSFER, make, message);
  }
}
