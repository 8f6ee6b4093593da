package dev.speedtrade.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * A transfer as the ledger applied it: the request (with a post's omitted amount filled in) and
 * what it resolved to. Immutable: a pending transfer's later fate is its {@link PendingStatus}.
 *
 * @param transfer the transfer as requested, a post's amount filled in
 * @param debitAccountId the account debited (a post or void takes its pending transfer's)
 * @param creditAccountId the account credited
 * @param amount the amount moved: for a post the amount posted, for a void the amount released
 * @param code the movement's code (a post or void takes its pending transfer's)
 * @param timestamp the ledger timestamp: unique, and increasing in the order transfers were applied
 * @param createdAt the ledger clock's reading when the transfer was applied
 */
public record RecordedTransfer(
    Transfer transfer,
    String debitAccountId,
    String creditAccountId,
    long amount,
    String code,
    long timestamp,
    Instant createdAt) {

  /** Checks that every field is present. */
  public RecordedTransfer {
    Objects.requireNonNull(transfer, "transfer");
    Objects.requireNonNull(debitAccountId, "debitAccountId");
    Objects.requireNonNull(creditAccountId, "creditAccountId");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Returns the transfer's id. */
  public String id() {
    return transfer.id();
  }

  /** Returns the transfer's kind. */
  public TransferKind kind() {
    return transfer.kind();
  }

  /** Returns when a pending transfer with a timeout counts as voided; null otherwise. */
  public @org.jspecify.annotations.Nullable Instant expiresAt() {
    Long timeout = transfer.timeoutSeconds();
    return timeout == null ? null : createdAt.plusSeconds(timeout);
  }
}
