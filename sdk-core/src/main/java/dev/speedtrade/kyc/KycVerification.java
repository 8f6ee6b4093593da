package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Instant;

/**
 * A user's identity verification as the platform keeps it: the provider's applicant, the review in
 * force, how many times the user has started, and when it was opened and last changed.
 *
 * <p>One per user, kept by {@link KycService} in its {@link dev.speedtrade.kyc.spi.KycStore}; the
 * user keeps the same applicant for good (starting again after a rejection the user may retry
 * reuses it).
 *
 * @param user the platform's user id; non-blank
 * @param applicantId the provider's applicant id; non-blank
 * @param review the review in force: pending until the provider decides, then approved or rejected
 *     (with the reject type and the provider's labels)
 * @param attempt 1 for the first verification, one more each time the user starts again after a
 *     rejection they may retry
 * @param createdAt when the verification was opened
 * @param updatedAt when its review last changed (equal to {@code createdAt} until then); not before
 *     {@code createdAt}
 */
public record KycVerification(
    String user,
    String applicantId,
    KycReview review,
    int attempt,
    Instant createdAt,
    Instant updatedAt) {
  /**
   * Checks the values.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id, a null
   *     review or instant, an attempt below 1, or an update before the creation
   */
  public KycVerification {
    KycValues.requireText(user, "user");
    KycValues.requireText(applicantId, "applicant id");
    KycValues.requireNonNull(review, "review");
    KycValues.requireNonNull(createdAt, "createdAt");
    KycValues.requireNonNull(updatedAt, "updatedAt");
    if (attempt < 1) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "a verification's attempt counts from 1, got " + attempt);
    }
    if (updatedAt.isBefore(createdAt)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a verification updated at " + updatedAt + " before it was created at " + createdAt);
    }
  }

  /** Returns where the verification stands: the review's status. */
  public KycStatus status() {
    return review.status();
  }

  /**
   * Returns true while the user can still get verified with this applicant: pending, or rejected
   * with leave to retry. Starting again reuses an open verification.
   */
  public boolean isOpen() {
    return review.status() == KycStatus.PENDING || review.mayRetry();
  }
}
