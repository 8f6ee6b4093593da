package dev.speedtrade.ledger;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A movement of money to apply to a {@link Ledger}, identified by an idempotency key chosen by the
 * caller. Build one with {@link #single}, {@link #pending}, {@link #post} or {@link #voidPending}.
 *
 * <p>The ledger judges the business rules (the id's format, a positive amount, existing accounts,
 * balance limits, ...) and answers with a {@link TransferResult}. What no caller should ever send is
 * refused here with {@link ErrorCode#INVALID_TRANSFER}: a null id, a single or pending transfer
 * without accounts or code, a post or void that names accounts or a code, a void with an amount, a
 * timeout on a transfer that is not pending or a timeout of zero or less, oversized metadata.
 *
 * @param id the idempotency key: 1 to 128 characters of {@code [A-Za-z0-9:._-]}
 * @param kind single, pending, post or void
 * @param debitAccountId the account debited (single and pending); null for post and void
 * @param creditAccountId the account credited (single and pending); null for post and void
 * @param amount minor units: required for single and pending, optional for post (null: the whole
 *     pending amount), null for void
 * @param code what kind of movement this is ({@code deposit}, {@code fee}, ...); null for post and void,
 *     which take the pending transfer's
 * @param timeoutSeconds for a pending transfer, seconds after which it counts as voided; null for none
 * @param pendingId the pending transfer a post or void resolves; null otherwise
 * @param metadata a small map of references (payment id, order id); empty for none
 */
public record Transfer(
    String id,
    TransferKind kind,
    @Nullable String debitAccountId,
    @Nullable String creditAccountId,
    @Nullable Long amount,
    @Nullable String code,
    @Nullable Long timeoutSeconds,
    @Nullable String pendingId,
    Map<String, String> metadata) {

  /** The longest code accepted. */
  public static final int MAX_CODE_LENGTH = 64;
  /** The most metadata entries accepted. */
  public static final int MAX_METADATA_ENTRIES = 16;
  /** The longest metadata key accepted. */
  public static final int MAX_METADATA_KEY_LENGTH = 64;
  /** The longest metadata value accepted. */
  public static final int MAX_METADATA_VALUE_LENGTH = 512;

  /**
   * Creates a transfer, checking that its fields fit its kind.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_TRANSFER} naming the misfit field
   */
  public Transfer {
    if (id == null) {
      throw invalid("transfer id must not be null");
    }
    if (kind == null) {
      throw invalid("kind of transfer '" + id + "' must not be null");
    }
    metadata = checkMetadata(id, metadata);
    switch (kind) {
      case SINGLE, PENDING -> {
        if (debitAccountId == null) {
          throw invalid("a " + kind + " transfer '" + id + "' needs a debit account");
        }
        if (creditAccountId == null) {
          throw invalid("a " + kind + " transfer '" + id + "' needs a credit account");
        }
        if (amount == null) {
          throw invalid("a " + kind + " transfer '" + id + "' needs an amount");
        }
        if (code == null || code.isBlank() || code.length() > MAX_CODE_LENGTH) {
          throw invalid("transfer '" + id + "' needs a code of 1-" + MAX_CODE_LENGTH + " characters, got '"
              + code + "'");
        }
        if (pendingId != null) {
          throw invalid("a " + kind + " transfer '" + id + "' resolves no pending transfer");
        }
        if (kind == TransferKind.SINGLE && timeoutSeconds != null) {
          throw invalid("transfer '" + id + "' is not pending and takes no timeout");
        }
        if (kind == TransferKind.PENDING && timeoutSeconds != null && timeoutSeconds <= 0) {
          throw invalid("timeout of pending transfer '" + id + "' must be positive, got " + timeoutSeconds);
        }
      }
      case POST, VOID -> {
        if (debitAccountId != null || creditAccountId != null) {
          throw invalid("a " + kind + " transfer '" + id + "' names no accounts: it takes the pending transfer's");
        }
        if (code != null) {
          throw invalid("a " + kind + " transfer '" + id + "' names no code: it takes the pending transfer's");
        }
        if (timeoutSeconds != null) {
          throw invalid("transfer '" + id + "' is not pending and takes no timeout");
        }
        if (pendingId == null) {
          throw invalid("a " + kind + " transfer '" + id + "' needs the pending transfer's id");
        }
        if (kind == TransferKind.VOID && amount != null) {
          throw invalid("a void transfer '" + id + "' takes no amount: it releases the whole pending amount");
        }
      }
      default -> throw new IllegalStateException("unhandled kind " + kind);
    }
  }

  /** Returns a transfer that posts {@code amount} from {@code debit} to {@code credit} at once. */
  public static Transfer single(String id, String debit, String credit, long amount, String code) {
    return new Transfer(id, TransferKind.SINGLE, debit, credit, amount, code, null, null, Map.of());
  }

  /** Returns a pending transfer that reserves {@code amount} until it is posted or voided. */
  public static Transfer pending(String id, String debit, String credit, long amount, String code) {
    return new Transfer(id, TransferKind.PENDING, debit, credit, amount, code, null, null, Map.of());
  }

  /** Returns a pending transfer that counts as voided {@code timeoutSeconds} after it is applied. */
  public static Transfer pending(
      String id, String debit, String credit, long amount, String code, long timeoutSeconds) {
    return new Transfer(
        id, TransferKind.PENDING, debit, credit, amount, code, timeoutSeconds, null, Map.of());
  }

  /** Returns a post of the whole amount of pending transfer {@code pendingId}. */
  public static Transfer post(String id, String pendingId) {
    return new Transfer(id, TransferKind.POST, null, null, null, null, null, pendingId, Map.of());
  }

  /** Returns a post of {@code amount} of pending transfer {@code pendingId}; the rest is released. */
  public static Transfer post(String id, String pendingId, long amount) {
    return new Transfer(id, TransferKind.POST, null, null, amount, null, null, pendingId, Map.of());
  }

  /** Returns a void of pending transfer {@code pendingId}. */
  public static Transfer voidPending(String id, String pendingId) {
    return new Transfer(id, TransferKind.VOID, null, null, null, null, null, pendingId, Map.of());
  }

  /** Returns this transfer with {@code metadata} (replacing any it had). */
  public Transfer withMetadata(Map<String, String> metadata) {
    return new Transfer(id, kind, debitAccountId, creditAccountId, amount, code, timeoutSeconds,
        pendingId, metadata);
  }

  private static Map<String, String> checkMetadata(String id, @Nullable Map<String, String> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Map.of();
    }
    if (metadata.size() > MAX_METADATA_ENTRIES) {
      throw invalid(
          "transfer '" + id + "' has " + metadata.size() + " metadata entries, more than " + MAX_METADATA_ENTRIES);
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    metadata.forEach((key, value) -> {
      if (key == null || key.isEmpty() || key.length() > MAX_METADATA_KEY_LENGTH) {
        throw invalid(
            "metadata key of transfer '" + id + "' must be 1-" + MAX_METADATA_KEY_LENGTH + " characters");
      }
      if (value == null || value.length() > MAX_METADATA_VALUE_LENGTH) {
        throw invalid("metadata '" + key + "' of transfer '" + id + "' must be at most "
            + MAX_METADATA_VALUE_LENGTH + " characters, not null");
      }
      sorted.put(key, value);
    });
    return java.util.Collections.unmodifiableMap(sorted);
  }

  private static SpeedTradeException invalid(String message) {
    return new SpeedTradeException(ErrorCode.INVALID_TRANSFER, message);
  }
}
