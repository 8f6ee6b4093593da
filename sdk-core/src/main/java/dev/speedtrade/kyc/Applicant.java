package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

/**
 * A user's applicant at a KYC provider: the provider's id for it, and the platform's user id (the
 * provider's external user id).
 *
 * @param applicantId the provider's applicant id; non-blank
 * @param userId the platform's user id; non-blank
 */
public record Applicant(String applicantId, String userId) {
  /**
   * Checks both ids.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id
   */
  public Applicant {
    KycValues.requireText(applicantId, "applicant id");
    KycValues.requireText(userId, "user id");
  }
}
