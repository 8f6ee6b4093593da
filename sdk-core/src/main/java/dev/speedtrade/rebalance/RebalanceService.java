package dev.speedtrade.rebalance;

import dev.speedtrade.broker.TradingMode;

import java.util.Objects;

/**
 * The daily rebalance as a host calls it: reads a user's settings and investments from their stores
 * and runs the {@link RebalanceExecutor} on them. Schedulers call {@link #executeNow} for each enabled
 * user; a host may call it by hand (a "rebalance now" button, a dry run to preview). Thread-safe.
 */
public final class RebalanceService {
  private final InvestmentStore investments;
  private final SettingsStore settings;
  private final ExecutionStore executions;
  private final RebalanceExecutor executor;

  /** Creates the service over the stores and an executor that records into {@code executions}. */
  public RebalanceService(InvestmentStore investments, SettingsStore settings, ExecutionStore executions,
      RebalanceExecutor executor) {
    this.investments = Objects.requireNonNull(investments, "investments");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.executions = Objects.requireNonNull(executions, "executions");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Runs {@code userId}'s rebalance in {@code mode} for today's market date, on the user's stored
   * settings (the defaults when none are stored) and investments. A dry run plans and touches
   * nothing; a real run is recorded in the execution store and happens at most once per day.
   */
  public ExecutionResult executeNow(String userId, TradingMode mode, boolean dryRun) {
    TradingSettings userSettings = settings.get(userId, mode).orElse(TradingSettings.defaults());
    return executor.execute(new RebalanceRequest(userId, mode, userSettings, investments.list(userId, mode), dryRun));
  }

  /** Returns the investment store. */
  public InvestmentStore investments() {
    return investments;
  }

  /** Returns the settings store. */
  public SettingsStore settings() {
    return settings;
  }

  /** Returns the execution store: the audit log. */
  public ExecutionStore executions() {
    return executions;
  }

  /** Returns the executor. */
  public RebalanceExecutor executor() {
    return executor;
  }
}
