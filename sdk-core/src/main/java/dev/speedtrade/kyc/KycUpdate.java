package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import org.jspecify.annotations.Nullable;

/**
 * What a webhook or a refresh did to a user's verification.
 *
 * @param code what was done
 * @param verification the verification after it; null for {@link KycUpdateCode#UNKNOWN_APPLICANT}
 *     (and for a {@link KycUpdateCode#DUPLICATE} of an event about an unknown applicant)
 * @param change the change made, exactly for {@link KycUpdateCode#APPLIED}; null otherwise
 */
public record KycUpdate(
    KycUpdateCode code, @Nullable KycVerification verification, @Nullable KycStatusChange change) {
  /**
   * Checks the combination.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null code, a change
   *     without {@link KycUpdateCode#APPLIED} or the reverse, or an applied update without its
   *     verification
   */
  public KycUpdate {
    KycValues.requireNonNull(code, "code");
    if ((code == KycUpdateCode.APPLIED) != (change != null)
        || (code == KycUpdateCode.APPLIED && verification == null)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "an update has a change and its verification exactly when APPLIED, got " + code);
    }
  }

  /** Returns true for {@link KycUpdateCode#APPLIED}. */
  public boolean applied() {
    return code == KycUpdateCode.APPLIED;
  }
}
