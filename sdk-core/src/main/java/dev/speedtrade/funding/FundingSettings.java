package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * The platform's funding rules: the liquidity buffer, instant withdrawal fees and limit, deposit
 * bounds, the KYC deposit limit and the auto-approval limit of reviewed withdrawals. Money is USD.
 *
 * @param liquidityBuffer the share of a user's equity kept out of auto-invest, 0 to below 1
 * @param instantFeeRate the instant withdrawal fee as a share of the amount, 0 to below 1
 * @param instantDailyLimit the instant withdrawals a user may make per New York day, unless the
 *     user has a limit of its own
 * @param instantFeeMin the least fee of an instant withdrawal
 * @param instantFeeMax the most fee of an instant withdrawal, at least {@code instantFeeMin}
 * @param depositMin the smallest deposit
 * @param depositMax the largest deposit, at least {@code depositMin}
 * @param kycDepositLimit the largest deposit of a user not yet approved
 * @param autoApproveLimit reviewed withdrawals up to this are approved at once by {@code auto};
 *     null: none is
 */
public record FundingSettings(
    BigDecimal liquidityBuffer,
    BigDecimal instantFeeRate,
    BigDecimal instantDailyLimit,
    BigDecimal instantFeeMin,
    BigDecimal instantFeeMax,
    BigDecimal depositMin,
    BigDecimal depositMax,
    BigDecimal kycDepositLimit,
    @Nullable BigDecimal autoApproveLimit) {

  /** The defaults of {@code docs/funding-contract.md}. */
  public static final FundingSettings DEFAULTS = builder().build();

  /**
   * Checks every field.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} naming the first field out of
   *     range: a rate below 0 or not below 1, money below 0 or with more than 2 decimals, a minimum
   *     above its maximum
   */
  public FundingSettings {
    rate(liquidityBuffer, "liquidityBuffer");
    rate(instantFeeRate, "instantFeeRate");
    money(instantDailyLimit, "instantDailyLimit");
    money(instantFeeMin, "instantFeeMin");
    money(instantFeeMax, "instantFeeMax");
    money(depositMin, "depositMin");
    money(depositMax, "depositMax");
    money(kycDepositLimit, "kycDepositLimit");
    if (autoApproveLimit != null) {
      money(autoApproveLimit, "autoApproveLimit");
    }
    if (instantFeeMin.compareTo(instantFeeMax) > 0) {
      throw invalid("instantFeeMin " + instantFeeMin + " is above instantFeeMax " + instantFeeMax);
    }
    if (depositMin.compareTo(depositMax) > 0) {
      throw invalid("depositMin " + depositMin + " is above depositMax " + depositMax);
    }
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.liquidityBuffer = liquidityBuffer;
    b.instantFeeRate = instantFeeRate;
    b.instantDailyLimit = instantDailyLimit;
    b.instantFeeMin = instantFeeMin;
    b.instantFeeMax = instantFeeMax;
    b.depositMin = depositMin;
    b.depositMax = depositMax;
    b.kycDepositLimit = kycDepositLimit;
    b.autoApproveLimit = autoApproveLimit;
    return b;
  }

  private static void rate(@Nullable BigDecimal value, String name) {
    if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.ONE) >= 0) {
      throw invalid(name + " must be at least 0 and below 1, got " + value);
    }
  }

  /** Checks {@code value} as money: at least 0, at most 2 decimals. */
  static void money(@Nullable BigDecimal value, String name) {
    if (value == null || value.signum() < 0 || Amounts.decimals(value) > 2) {
      throw invalid(name + " must be at least 0 with at most 2 decimals, got " + value);
    }
  }

  private static SpeedTradeException invalid(String message) {
    return new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, message);
  }

  /** Builds {@link FundingSettings}, starting from the defaults. Not thread-safe. */
  public static final class Builder {
    private BigDecimal liquidityBuffer = new BigDecimal("0.10");
    private BigDecimal instantFeeRate = new BigDecimal("0.0175");
    private BigDecimal instantDailyLimit = new BigDecimal("5000.00");
    private BigDecimal instantFeeMin = new BigDecimal("1.00");
    private BigDecimal instantFeeMax = new BigDecimal("150.00");
    private BigDecimal depositMin = new BigDecimal("1.00");
    private BigDecimal depositMax = new BigDecimal("50000.00");
    private BigDecimal kycDepositLimit = new BigDecimal("0.00");
    private @Nullable BigDecimal autoApproveLimit;

    private Builder() {}

    /** Sets the liquidity buffer, a share of equity (default 0.10). */
    public Builder liquidityBuffer(BigDecimal value) {
      liquidityBuffer = value;
      return this;
    }

    /** Sets the instant fee rate (default 0.0175). */
    public Builder instantFeeRate(BigDecimal value) {
      instantFeeRate = value;
      return this;
    }

    /** Sets the daily instant limit (default 5000.00). */
    public Builder instantDailyLimit(BigDecimal value) {
      instantDailyLimit = value;
      return this;
    }

    /** Sets the least instant fee (default 1.00). */
    public Builder instantFeeMin(BigDecimal value) {
      instantFeeMin = value;
      return this;
    }

    /** Sets the most instant fee (default 150.00). */
    public Builder instantFeeMax(BigDecimal value) {
      instantFeeMax = value;
      return this;
    }

    /** Sets the smallest deposit (default 1.00). */
    public Builder depositMin(BigDecimal value) {
      depositMin = value;
      return this;
    }

    /** Sets the largest deposit (default 50000.00). */
    public Builder depositMax(BigDecimal value) {
      depositMax = value;
      return this;
    }

    /** Sets the largest deposit of a user not approved (default 0.00). */
    public Builder kycDepositLimit(BigDecimal value) {
      kycDepositLimit = value;
      return this;
    }

    /** Sets the auto-approval limit of reviewed withdrawals; null for none (the default). */
    public Builder autoApproveLimit(@Nullable BigDecimal value) {
      autoApproveLimit = value;
      return this;
    }

    /**
     * Returns the settings.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a field out of range
     */
    public FundingSettings build() {
      return new FundingSettings(
          liquidityBuffer,
          instantFeeRate,
          instantDailyLimit,
          instantFeeMin,
          instantFeeMax,
          depositMin,
          depositMax,
          kycDepositLimit,
          autoApproveLimit);
    }
  }
}
