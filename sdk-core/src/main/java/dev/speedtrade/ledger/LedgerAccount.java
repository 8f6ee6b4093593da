package dev.speedtrade.ledger;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An account to create in a {@link Ledger}: who chooses the id, which currency it holds, what the
 * platform uses it for, and its balance limit. Its balances start at zero and change only by
 * transfers; accounts are never deleted.
 *
 * <p>The ledger judges the id and the currency and answers a bad one with {@link
 * AccountResult#INVALID_ID} or {@link AccountResult#INVALID_CURRENCY}; a null field or a blank type
 * is a malformed call and throws here.
 *
 * @param id chosen by the host, stable, 1 to 128 characters of {@code [A-Za-z0-9:._-]} (e.g. {@code
 *     user:42:cash})
 * @param currency an upper-case ISO 4217 code; amounts are {@code long} minor units of it
 * @param type a short code the platform reads the account by ({@code user_cash}, {@code
 *     platform_bank})
 * @param flags at most one balance limit; an empty set for none
 */
public record LedgerAccount(String id, String currency, String type, Set<AccountFlag> flags) {
  /** The longest type code accepted. */
  public static final int MAX_TYPE_LENGTH = 64;

  /**
   * Creates an account definition.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ACCOUNT} for a null id, currency or flags,
   *     or a type that is null, blank, longer than {@value #MAX_TYPE_LENGTH} characters (UTF-16
   *     code units) or holds a control character or an unpaired surrogate
   */
  public LedgerAccount {
    // Messages are built only on the failing path: accounts are made by the thousand.
    if (id == null) {
      throw invalid("account id must not be null");
    }
    if (currency == null) {
      throw invalid("currency of account '" + id + "' must not be null");
    }
    if (type == null || type.length() > MAX_TYPE_LENGTH || type.isBlank()) {
      throw invalid(
          "type of account '"
              + id
              + "' must be 1-"
              + MAX_TYPE_LENGTH
              + " characters, not blank, got '"
              + type
              + "'");
    }
    if (!Transfer.isPlainText(type)) {
      throw invalid(
          "type of account '" + id + "' must hold no control character or unpaired surrogate");
    }
    flags = copyOf(id, flags);
  }

  /** Returns an account without a balance limit. */
  public static LedgerAccount of(String id, String currency, String type) {
    return new LedgerAccount(id, currency, type, Set.of());
  }

  /** Returns an account with one balance limit. */
  public static LedgerAccount of(String id, String currency, String type, AccountFlag flag) {
    return new LedgerAccount(id, currency, type, Set.of(flag));
  }

  /** Returns true when the account carries {@code flag}. */
  public boolean has(AccountFlag flag) {
    return flags.contains(flag);
  }

  private static Set<AccountFlag> copyOf(String id, @Nullable Set<AccountFlag> flags) {
    if (flags == null) {
      throw invalid("flags of account '" + id + "' must not be null");
    }
    if (flags.isEmpty()) {
      return Set.of();
    }
    for (AccountFlag flag : flags) {
      if (flag == null) {
        throw invalid("flags of account '" + id + "' must not be null");
      }
    }
    return Set.copyOf(EnumSet.copyOf(flags));
  }

  private static SpeedTradeException invalid(String message) {
    return new SpeedTradeException(ErrorCode.INVALID_ACCOUNT, message);
  }
}
