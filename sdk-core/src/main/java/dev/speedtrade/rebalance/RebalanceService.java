package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.kyc.KycGate;
import dev.speedtrade.kyc.KycStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The daily rebalance as a host calls it: reads a user's settings and investments from their stores
 * and runs the {@link RebalanceExecutor} on the user's own account. Schedulers call {@link
 * #executeNow} for each enabled user; a host may call it by hand (a "rebalance now" button, a dry
 * run to preview). Operators re-open a failed day with {@link #reopen}.
 *
 * <p><b>Nobody trades by accident.</b> A user with neither settings nor investments in a mode is
 * refused with {@link ErrorCode#NOT_ENROLLED} and nothing is traded: a mistyped user id must not
 * trade an account to cash.
 *
 * <p>Thread-safe. After {@link #close()} every method throws {@link ErrorCode#CLOSED}.
 */
public final class RebalanceService implements AutoCloseable {
  private final InvestmentStore investments;
  private final SettingsStore settings;
  private final ExecutionStore executions;
  private final RebalanceExecutor executor;
  private final Clock clock;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the service over the stores and an executor that records into {@code executions},
   * reading {@code clock} for the times it records.
   */
  private final @Nullable KycGate kyc;

  public RebalanceService(
      InvestmentStore investments,
      SettingsStore settings,
      ExecutionStore executions,
      RebalanceExecutor executor,
      Clock clock) {
    this(investments, settings, executions, executor, clock, null);
  }

  /**
   * Creates the service over these stores and executor, with its runs gated by {@code kyc}: a real
   * run (not a dry run) of a user the gate does not answer APPROVED for is refused with {@link
   * ErrorCode#KYC_REQUIRED} before anything is recorded; null gates nothing.
   */
  public RebalanceService(
      InvestmentStore investments,
      SettingsStore settings,
      ExecutionStore executions,
      RebalanceExecutor executor,
      Clock clock,
      @Nullable KycGate kyc) {
    this.kyc = kyc;
    this.investments = Objects.requireNonNull(investments, "investments");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.executions = Objects.requireNonNull(executions, "executions");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Runs {@code userId}'s rebalance in {@code mode} for today's market date, on the user's stored
   * settings (the defaults when only investments are stored) and investments, on the user's own
   * account. A dry run plans and touches nothing; a real run is recorded in the execution store and
   * happens at most once per day (see {@link ExecutionStatus} for which outcomes are final).
   *
   * @throws SpeedTradeException before anything is traded or recorded: {@link
   *     ErrorCode#INVALID_ARGUMENT} for a null mode or a user id that breaks the rules of {@link
   *     RebalanceArguments#userId} (null, blank, longer than 128 characters, ...); {@link
   *     ErrorCode#NOT_ENROLLED} when the user has neither settings nor investments in {@code mode};
   *     {@link ErrorCode#ACCOUNT_NOT_FOUND} or {@link ErrorCode#MODE_MISMATCH} as {@link
   *     RebalanceExecutor#execute} says; {@link ErrorCode#KYC_REQUIRED} for a real run of a user
   *     its KYC gate does not answer APPROVED; {@link ErrorCode#CLOSED} after {@link #close()}
   */
  public ExecutionResult executeNow(String userId, TradingMode mode, boolean dryRun) {
    checkOpen();
    checkUser(userId, mode);
    Optional<TradingSettings> stored = settings.get(userId, mode);
    List<BotInvestment> invested = investments.list(userId, mode);
    if (stored.isEmpty() && invested.isEmpty()) {
      throw new SpeedTradeException(
          ErrorCode.NOT_ENROLLED,
          "user '"
              + userId
              + "' has neither settings nor investments in "
              + mode
              + ": nothing to rebalance");
    }
    if (kyc != null && !dryRun && kyc.status(userId) != KycStatus.APPROVED) {
      throw new SpeedTradeException(
          ErrorCode.KYC_REQUIRED,
          "user '" + userId + "' is not verified (KYC not APPROVED): no bot investment is traded");
    }
    return executor.execute(
        new RebalanceRequest(
            userId, mode, stored.orElse(TradingSettings.defaults()), invested, dryRun));
  }

  /**
   * Re-opens {@code userId}'s {@link ExecutionStatus#FAILED} execution in {@code mode} on {@code
   * marketDate}, so that the next run (a scheduler's, or {@link #executeNow}) resumes it; recorded
   * in the execution's history with {@code operator} and {@code reason}.
   *
   * @throws SpeedTradeException as {@link ExecutionStore#reopen}; {@link ErrorCode#CLOSED} after
   *     {@link #close()}
   */
  public ExecutionRecord reopen(
      String userId, TradingMode mode, LocalDate marketDate, String operator, String reason) {
    checkOpen();
    checkUser(userId, mode);
    Objects.requireNonNull(marketDate, "marketDate");
    return executions.reopen(
        new ExecutionKey(userId, mode, marketDate), operator, reason, clock.instant());
  }

  /**
   * Returns the history of {@code userId}'s execution in {@code mode} on {@code marketDate}, oldest
   * first: its claims, give-backs, finish and re-opens.
   */
  public List<ExecutionEvent> history(String userId, TradingMode mode, LocalDate marketDate) {
    checkOpen();
    checkUser(userId, mode);
    Objects.requireNonNull(marketDate, "marketDate");
    return executions.history(new ExecutionKey(userId, mode, marketDate));
  }

  /** Returns the investment store. */
  public InvestmentStore investments() {
    checkOpen();
    return investments;
  }

  /** Returns the settings store. */
  public SettingsStore settings() {
    checkOpen();
    return settings;
  }

  /** Returns the execution store: the audit log. */
  public ExecutionStore executions() {
    checkOpen();
    return executions;
  }

  /** Returns today's market date on the service's clock. */
  public LocalDate marketDate() {
    checkOpen();
    return executor.marketDate();
  }

  /** Returns true once {@link #close()} has been called. */
  public boolean isClosed() {
    return closed.get();
  }

  /** Refuses every later call with {@link ErrorCode#CLOSED} and closes the executor. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      executor.close();
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new SpeedTradeException(ErrorCode.CLOSED, "the rebalance service is closed");
    }
  }

  private static void checkUser(@Nullable String userId, @Nullable TradingMode mode) {
    RebalanceArguments.userId(userId);
    RebalanceArguments.mode(mode);
  }
}
