package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The checks every rebalance store ({@link InvestmentStore}, {@link SettingsStore}, {@link
 * ExecutionStore}) makes of its arguments before it reads or writes anything, so that each store,
 * in memory or in a database, refuses the same bad input with the same {@link ErrorCode}. A host
 * that writes a store of its own calls them too; the {@code RebalanceStoreContract} of {@code
 * sdk-testkit} checks the result.
 *
 * <p>A user id or a bot id is 1 to 128 characters ({@link #MAX_USER_ID_LENGTH}, {@link
 * #MAX_BOT_ID_LENGTH}), counted as UTF-16 code units ({@link String#length()}, so a character
 * outside the Basic Multilingual Plane counts twice), not blank, without control characters and
 * without unpaired surrogates: text every database takes as it is. It is kept as given, never
 * trimmed.
 */
public final class RebalanceArguments {
  /** The longest user id, in UTF-16 code units: 128. */
  public static final int MAX_USER_ID_LENGTH = 128;

  /** The longest bot id, in UTF-16 code units: 128. */
  public static final int MAX_BOT_ID_LENGTH = 128;

  private RebalanceArguments() {}

  /**
   * Returns {@code userId} when it is a well-formed user id.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} naming what is wrong: null,
   *     blank, longer than {@link #MAX_USER_ID_LENGTH}, a control character or an unpaired
   *     surrogate
   */
  public static String userId(@Nullable String userId) {
    String problem = idProblem(userId, MAX_USER_ID_LENGTH);
    if (problem != null || userId == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "user id " + problem);
    }
    return userId;
  }

  /**
   * Returns {@code botId} when it is a well-formed bot id (the argument of {@link
   * InvestmentStore#remove}; a {@link BotInvestment} checks its own with {@link
   * ErrorCode#INVALID_INVESTMENT}).
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} naming what is wrong: null,
   *     blank, longer than {@link #MAX_BOT_ID_LENGTH}, a control character or an unpaired surrogate
   */
  public static String botId(@Nullable String botId) {
    String problem = idProblem(botId, MAX_BOT_ID_LENGTH);
    if (problem != null || botId == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "bot id " + problem);
    }
    return botId;
  }

  /**
   * Returns {@code mode} when it is not null.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for null
   */
  public static TradingMode mode(@Nullable TradingMode mode) {
    return required(mode, "mode");
  }

  /**
   * Returns {@code value} when it is not null.
   *
   * @param name the argument's name, for the message
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} "{@code name} must not be null"
   */
  public static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, name + " must not be null");
    }
    return value;
  }

  /**
   * Returns {@code investment} when it is not null.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_INVESTMENT} for null
   */
  public static BotInvestment investment(@Nullable BotInvestment investment) {
    if (investment == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_INVESTMENT, "investment must not be null");
    }
    return investment;
  }

  /**
   * Returns {@code settings} when they are not null.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SETTINGS} for null
   */
  public static TradingSettings settings(@Nullable TradingSettings settings) {
    if (settings == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_SETTINGS, "settings must not be null");
    }
    return settings;
  }

  /**
   * What is wrong with {@code id} as an id of at most {@code maxLength} code units, or null when
   * nothing.
   */
  static @Nullable String idProblem(@Nullable String id, int maxLength) {
    if (id == null) {
      return "must not be null";
    }
    if (id.isBlank()) {
      return "must not be blank";
    }
    if (id.length() > maxLength) {
      return "must be at most " + maxLength + " characters, got " + id.length();
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c)) {
        return "must not hold a control character, got U+"
            + String.format("%04X", (int) c)
            + " at "
            + i;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < id.length()
          && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not hold an unpaired surrogate, got one at " + i;
      }
    }
    return null;
  }

  /**
   * Checks the parts of an execution's outcome, as every {@link ExecutionClaim#finish} does.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} naming the first null part
   */
  public static void outcome(
      @Nullable ExecutionStatus status,
      @Nullable List<PlanTarget> targets,
      @Nullable List<PlanWarning> warnings,
      @Nullable List<String> errors,
      @Nullable Instant finishedAt) {
    required(status, "status");
    required(targets, "targets");
    required(warnings, "warnings");
    required(errors, "errors");
    required(finishedAt, "finishedAt");
  }
}
