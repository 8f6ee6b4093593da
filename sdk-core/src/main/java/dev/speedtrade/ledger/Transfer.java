package dev.speedtrade.ledger;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A movement of money to apply to a {@link Ledger}, identified by an idempotency key chosen by the
 * caller. Build one with {@link #single}, {@link #pending}, {@link #post} or {@link #voidPending},
 * each of which takes the amount as {@code long} minor units or as {@link Money}.
 *
 * <p>The ledger judges the business rules (the id's format, a positive amount, existing accounts,
 * balance limits, ...) and answers with a {@link TransferResult}. What no caller should ever send
 * is refused here with {@link ErrorCode#INVALID_TRANSFER}, so that it fails the same way on every
 * ledger and before any write: a null id, a single or pending transfer without accounts or code, a
 * post or void that names accounts or a code, a void with an amount, a timeout on a transfer that
 * is not pending or a timeout outside 1 to {@value #MAX_TIMEOUT_SECONDS} seconds, a currency
 * without an amount, and a code or metadata outside their limits.
 *
 * <p>Lengths count UTF-16 code units ({@link String#length()}); a code point outside the Basic
 * Multilingual Plane counts two. Codes and metadata keys take no control characters; codes, keys
 * and values must be well-formed UTF-16 (no unpaired surrogate), since a store of UTF-8 text could
 * not keep them as given.
 *
 * @param id the idempotency key: 1 to 128 characters of {@code [A-Za-z0-9:._-]}
 * @param kind single, pending, post or void
 * @param debitAccountId the account debited (single and pending); null for post and void
 * @param creditAccountId the account credited (single and pending); null for post and void
 * @param amount minor units: required for single and pending, optional for post (null: the whole
 *     pending amount), null for void
 * @param code what kind of movement this is ({@code deposit}, {@code fee}, ...); null for post and
 *     void, which take the pending transfer's
 * @param timeoutSeconds for a pending transfer, seconds after which it counts as voided: 1 to
 *     {@value #MAX_TIMEOUT_SECONDS}; null for none
 * @param pendingId the pending transfer a post or void resolves; null otherwise
 * @param metadata a small map of references (payment id, order id); empty for none
 * @param currency the ISO 4217 code the amount is in, as a {@link Money} amount states it; null
 *     when not stated. The ledger answers {@link TransferResult#CURRENCY_MISMATCH} when it is not
 *     the accounts' currency. It is a check, not a field: the ledger records the transfer without
 *     it, and a replay with or without it is the same transfer.
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
    Map<String, String> metadata,
    @Nullable String currency) {

  /** The longest code accepted. */
  public static final int MAX_CODE_LENGTH = 64;

  /** The most metadata entries accepted. */
  public static final int MAX_METADATA_ENTRIES = 16;

  /** The longest metadata key accepted. */
  public static final int MAX_METADATA_KEY_LENGTH = 64;

  /** The longest metadata value accepted. */
  public static final int MAX_METADATA_VALUE_LENGTH = 512;

  /**
   * The longest timeout accepted, in seconds: 2<sup>32</sup> - 1 (about 136 years, TigerBeetle's
   * bound). Every expiry then falls within the range of an {@link java.time.Instant}, of the JDBC
   * ledger's microseconds, and of the ledger's clock range plus this timeout.
   */
  public static final long MAX_TIMEOUT_SECONDS = 4_294_967_295L;

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
    if (currency != null) {
      checkCurrency(id, amount, currency);
    }
    if (kind == TransferKind.SINGLE || kind == TransferKind.PENDING) {
      checkMove(id, kind, debitAccountId, creditAccountId, amount, code, timeoutSeconds, pendingId);
    } else {
      checkResolve(
          id, kind, debitAccountId, creditAccountId, amount, code, timeoutSeconds, pendingId);
    }
  }

  /**
   * Creates a transfer that states no currency: its amount is in its accounts' currency.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_TRANSFER} naming the misfit field
   */
  public Transfer(
      String id,
      TransferKind kind,
      @Nullable String debitAccountId,
      @Nullable String creditAccountId,
      @Nullable Long amount,
      @Nullable String code,
      @Nullable Long timeoutSeconds,
      @Nullable String pendingId,
      Map<String, String> metadata) {
    this(
        id,
        kind,
        debitAccountId,
        creditAccountId,
        amount,
        code,
        timeoutSeconds,
        pendingId,
        metadata,
        null);
  }

  /** Returns a transfer that posts {@code amount} from {@code debit} to {@code credit} at once. */
  public static Transfer single(String id, String debit, String credit, long amount, String code) {
    return new Transfer(id, TransferKind.SINGLE, debit, credit, amount, code, null, null, Map.of());
  }

  /** Returns a pending transfer that reserves {@code amount} until it is posted or voided. */
  public static Transfer pending(String id, String debit, String credit, long amount, String code) {
    return new Transfer(
        id, TransferKind.PENDING, debit, credit, amount, code, null, null, Map.of());
  }

  /**
   * Returns a pending transfer that counts as voided {@code timeoutSeconds} after it is applied.
   */
  public static Transfer pending(
      String id, String debit, String credit, long amount, String code, long timeoutSeconds) {
    return new Transfer(
        id, TransferKind.PENDING, debit, credit, amount, code, timeoutSeconds, null, Map.of());
  }

  /** Returns a post of the whole amount of pending transfer {@code pendingId}. */
  public static Transfer post(String id, String pendingId) {
    return new Transfer(id, TransferKind.POST, null, null, null, null, null, pendingId, Map.of());
  }

  /**
   * Returns a post of {@code amount} of pending transfer {@code pendingId}; the rest is released.
   */
  public static Transfer post(String id, String pendingId, long amount) {
    return new Transfer(id, TransferKind.POST, null, null, amount, null, null, pendingId, Map.of());
  }

  /** Returns a void of pending transfer {@code pendingId}. */
  public static Transfer voidPending(String id, String pendingId) {
    return new Transfer(id, TransferKind.VOID, null, null, null, null, null, pendingId, Map.of());
  }

  /**
   * Returns a transfer that posts {@code amount} from {@code debit} to {@code credit} at once. The
   * ledger answers {@link TransferResult#CURRENCY_MISMATCH} unless both accounts hold the amount's
   * currency.
   */
  public static Transfer single(String id, String debit, String credit, Money amount, String code) {
    return ofMoney(id, TransferKind.SINGLE, debit, credit, amount, code, null, null);
  }

  /**
   * Returns a pending transfer that reserves {@code amount} until it is posted or voided; the
   * accounts must hold the amount's currency.
   */
  public static Transfer pending(
      String id, String debit, String credit, Money amount, String code) {
    return ofMoney(id, TransferKind.PENDING, debit, credit, amount, code, null, null);
  }

  /**
   * Returns a pending transfer of {@code amount} that counts as voided {@code timeoutSeconds} after
   * it is applied; the accounts must hold the amount's currency.
   */
  public static Transfer pending(
      String id, String debit, String credit, Money amount, String code, long timeoutSeconds) {
    return ofMoney(id, TransferKind.PENDING, debit, credit, amount, code, timeoutSeconds, null);
  }

  /**
   * Returns a post of {@code amount} of pending transfer {@code pendingId}; the rest is released.
   * The pending transfer's accounts must hold the amount's currency.
   */
  public static Transfer post(String id, String pendingId, Money amount) {
    return ofMoney(id, TransferKind.POST, null, null, amount, null, null, pendingId);
  }

  /** A transfer of {@code amount} in minor units that states the amount's currency. */
  private static Transfer ofMoney(
      String id,
      TransferKind kind,
      @Nullable String debit,
      @Nullable String credit,
      Money amount,
      @Nullable String code,
      @Nullable Long timeoutSeconds,
      @Nullable String pendingId) {
    return new Transfer(
        id,
        kind,
        debit,
        credit,
        minorUnits(id, amount),
        code,
        timeoutSeconds,
        pendingId,
        Map.of(),
        currencyCode(amount));
  }

  /** Returns this transfer with {@code metadata} (replacing any it had). */
  public Transfer withMetadata(Map<String, String> metadata) {
    return new Transfer(
        id,
        kind,
        debitAccountId,
        creditAccountId,
        amount,
        code,
        timeoutSeconds,
        pendingId,
        metadata,
        currency);
  }

  /** Returns this transfer without a stated currency: how the ledger records and compares it. */
  public Transfer withoutCurrency() {
    return currency == null
        ? this
        : new Transfer(
            id,
            kind,
            debitAccountId,
            creditAccountId,
            amount,
            code,
            timeoutSeconds,
            pendingId,
            metadata,
            null);
  }

  // The checks below are out of the constructor, and every message is built only on the failing
  // path, so that the constructor stays small enough for the JIT to inline where transfers are
  // made.

  private static void checkCurrency(String id, @Nullable Long amount, String currency) {
    if (!isCurrencyCode(currency)) {
      throw invalid(
          "currency of transfer '"
              + id
              + "' must be an upper-case ISO 4217 code, got '"
              + currency
              + "'");
    }
    if (amount == null) {
      throw invalid("transfer '" + id + "' states currency " + currency + " without an amount");
    }
  }

  /** Checks a single or pending transfer's fields. */
  private static void checkMove(
      String id,
      TransferKind kind,
      @Nullable String debitAccountId,
      @Nullable String creditAccountId,
      @Nullable Long amount,
      @Nullable String code,
      @Nullable Long timeoutSeconds,
      @Nullable String pendingId) {
    if (debitAccountId == null) {
      throw needs(kind, id, "a debit account");
    }
    if (creditAccountId == null) {
      throw needs(kind, id, "a credit account");
    }
    if (amount == null) {
      throw needs(kind, id, "an amount");
    }
    if (code == null || code.length() > MAX_CODE_LENGTH || code.isBlank()) {
      throw badCode(id, code);
    }
    if (!isPlainText(code)) {
      throw invalid(
          "code of transfer '" + id + "' must hold no control character or unpaired surrogate");
    }
    if (pendingId != null) {
      throw invalid("a " + kind + " transfer '" + id + "' resolves no pending transfer");
    }
    if (timeoutSeconds != null) {
      checkTimeout(id, kind, timeoutSeconds);
    }
  }

  private static void checkTimeout(String id, TransferKind kind, long timeoutSeconds) {
    if (kind == TransferKind.SINGLE) {
      throw invalid("transfer '" + id + "' is not pending and takes no timeout");
    }
    if (timeoutSeconds <= 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw invalid(
          "timeout of pending transfer '"
              + id
              + "' must be 1-"
              + MAX_TIMEOUT_SECONDS
              + " seconds, got "
              + timeoutSeconds);
    }
  }

  /** Checks a post's or void's fields. */
  private static void checkResolve(
      String id,
      TransferKind kind,
      @Nullable String debitAccountId,
      @Nullable String creditAccountId,
      @Nullable Long amount,
      @Nullable String code,
      @Nullable Long timeoutSeconds,
      @Nullable String pendingId) {
    if (debitAccountId != null || creditAccountId != null) {
      throw invalid(
          "a "
              + kind
              + " transfer '"
              + id
              + "' names no accounts: it takes the pending transfer's");
    }
    if (code != null) {
      throw invalid(
          "a " + kind + " transfer '" + id + "' names no code: it takes the pending transfer's");
    }
    if (timeoutSeconds != null) {
      throw invalid("transfer '" + id + "' is not pending and takes no timeout");
    }
    if (pendingId == null) {
      throw needs(kind, id, "the pending transfer's id");
    }
    if (kind == TransferKind.VOID && amount != null) {
      throw invalid(
          "a void transfer '" + id + "' takes no amount: it releases the whole pending amount");
    }
  }

  private static SpeedTradeException needs(TransferKind kind, String id, String what) {
    return invalid("a " + kind + " transfer '" + id + "' needs " + what);
  }

  private static SpeedTradeException badCode(String id, @Nullable String code) {
    return invalid(
        "transfer '"
            + id
            + "' needs a code of 1-"
            + MAX_CODE_LENGTH
            + " characters, got '"
            + code
            + "'");
  }

  /**
   * Returns true when {@code text} holds no ISO control character and no unpaired surrogate: what a
   * code, an account type or a metadata key may hold.
   */
  static boolean isPlainText(String text) {
    // Codes are printable ASCII nearly always: one pass settles them (no control character, no
    // surrogate lies in U+0020 to U+007E); anything else takes the two full checks.
    boolean printableAscii = true;
    for (int i = 0; i < text.length() && printableAscii; i++) {
      char c = text.charAt(i);
      printableAscii = c >= ' ' && c <= '~';
    }
    if (printableAscii) {
      return true;
    }
    if (!isWellFormed(text)) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Returns true when every surrogate of {@code text} is half of a pair. */
  static boolean isWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCurrencyCode(String code) {
    return code.length() == 3 && code.chars().allMatch(c -> c >= 'A' && c <= 'Z');
  }

  private static long minorUnits(String id, @Nullable Money amount) {
    if (amount == null) {
      throw invalid("amount of transfer '" + id + "' must not be null");
    }
    return amount.minorUnits();
  }

  private static @Nullable String currencyCode(@Nullable Money amount) {
    return amount == null ? null : amount.currency().getCurrencyCode();
  }

  private static Map<String, String> checkMetadata(
      String id, @Nullable Map<String, String> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Map.of();
    }
    if (metadata.size() > MAX_METADATA_ENTRIES) {
      throw invalid(
          "transfer '"
              + id
              + "' has "
              + metadata.size()
              + " metadata entries, more than "
              + MAX_METADATA_ENTRIES);
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    metadata.forEach(
        (key, value) -> {
          if (key == null || key.isEmpty() || key.length() > MAX_METADATA_KEY_LENGTH) {
            throw invalid(
                "metadata key of transfer '"
                    + id
                    + "' must be 1-"
                    + MAX_METADATA_KEY_LENGTH
                    + " characters");
          }
          if (!isPlainText(key)) {
            throw invalid(
                "metadata key of transfer '"
                    + id
                    + "' must hold no control character or unpaired surrogate");
          }
          if (value == null || value.length() > MAX_METADATA_VALUE_LENGTH) {
            throw invalid(
                "metadata '"
                    + key
                    + "' of transfer '"
                    + id
                    + "' must be at most "
                    + MAX_METADATA_VALUE_LENGTH
                    + " characters, not null");
          }
          if (!isWellFormed(value)) {
            throw invalid(
                "metadata '" + key + "' of transfer '" + id + "' holds an unpaired surrogate");
          }
          sorted.put(key, value);
        });
    return Collections.unmodifiableMap(sorted);
  }

  private static SpeedTradeException invalid(String message) {
    return new SpeedTradeException(ErrorCode.INVALID_TRANSFER, message);
  }
}
