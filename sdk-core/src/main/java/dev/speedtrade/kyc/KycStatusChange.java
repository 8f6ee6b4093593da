package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change of a user's verification, as {@link KycService#history} lists it and its status
 * listeners receive it: from which status to which review, why, and when.
 *
 * @param user the platform's user id
 * @param applicantId the provider's applicant id
 * @param from the status before the change; null for the change that opened the verification
 * @param review the review after it: its status, and for a rejection the reject type and the
 *     provider's labels
 * @param attempt the verification's attempt after the change ({@link KycVerification#attempt()})
 * @param cause what made the change
 * @param eventKey the webhook's {@link KycWebhookEvent#eventKey()} for {@link
 *     KycChangeCause#WEBHOOK}; null otherwise
 * @param at when the platform made the change (its clock)
 */
public record KycStatusChange(
    String user,
    String applicantId,
    @Nullable KycStatus from,
    KycReview review,
    int attempt,
    KycChangeCause cause,
    @Nullable String eventKey,
    Instant at) {
  /**
   * Checks the values.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id, a null
   *     review, cause or instant, an attempt below 1, or an event key that is missing for a webhook
   *     or given for another cause
   */
  public KycStatusChange {
    KycValues.requireText(user, "user");
    KycValues.requireText(applicantId, "applicant id");
    KycValues.requireNonNull(review, "review");
    KycValues.requireNonNull(cause, "cause");
    KycValues.requireNonNull(at, "at");
    if (attempt < 1) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "a verification's attempt counts from 1, got " + attempt);
    }
    if (cause == KycChangeCause.WEBHOOK) {
      KycValues.requireText(eventKey, "the event key of a webhook's change");
    } else if (eventKey != null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "only a webhook's change names an event key, got " + eventKey + " for " + cause);
    }
  }

  /** Returns the status after the change: the review's. */
  public KycStatus to() {
    return review.status();
  }
}
