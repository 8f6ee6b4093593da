package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Where a deposit stands at the payment provider, as {@link PaymentGateway#depositStatus} reads it.
 *
 * @param state where it stands
 * @param confirmedAmount what the provider collected, USD; present exactly when {@code state} is
 *     {@link State#COMPLETED}
 */
public record ProviderDepositStatus(State state, @Nullable BigDecimal confirmedAmount) {

  /** Where a deposit stands at the provider. */
  public enum State {
    /** Started; the user has not paid. */
    PENDING,
    /** The provider is collecting. */
    PROCESSING,
    /** Collected. */
    COMPLETED,
    /** The payment failed. */
    FAILED,
    /** The payment window passed. */
    EXPIRED,
    /** The user or the provider gave up. */
    CANCELED
  }

  /**
   * Checks that a confirmed amount comes with {@link State#COMPLETED} and only with it.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null state, or a confirmed
   *     amount with another state; {@link ErrorCode#INVALID_AMOUNT} for a COMPLETED status whose
   *     amount is missing, not above 0 or has more than 2 decimals
   */
  public ProviderDepositStatus {
    PaymentArguments.present(state, "state");
    if (state == State.COMPLETED) {
      PaymentArguments.amount(confirmedAmount, "confirmedAmount");
    } else if (confirmedAmount != null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "only a COMPLETED deposit has a confirmed amount, got "
              + confirmedAmount
              + " with "
              + state);
    }
  }

  /**
   * Returns the status of a deposit that is not completed.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_AMOUNT} for {@link State#COMPLETED}, which
   *     needs {@link #completed(BigDecimal)}
   */
  public static ProviderDepositStatus of(State state) {
    return new ProviderDepositStatus(state, null);
  }

  /**
   * Returns the status of a deposit the provider collected {@code confirmedAmount} of.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_AMOUNT} unless the amount is above 0 with
   *     at most 2 decimals
   */
  public static ProviderDepositStatus completed(BigDecimal confirmedAmount) {
    return new ProviderDepositStatus(State.COMPLETED, confirmedAmount);
  }
}
