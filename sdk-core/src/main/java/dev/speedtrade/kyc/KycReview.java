package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A KYC provider's review of an applicant: approved, still pending, or rejected, and then whether
 * the user may try again and the provider's reject labels (Sumsub's {@code UNSATISFACTORY_PHOTOS},
 * {@code FORGERY}, ...).
 *
 * @param status where the applicant stands
 * @param rejectType for {@link KycStatus#REJECTED} whether the user may retry; null otherwise
 * @param rejectLabels the provider's reasons for a rejection, as it sent them (possibly none);
 *     empty unless rejected; immutable
 */
public record KycReview(
    KycStatus status, @Nullable KycRejectType rejectType, List<String> rejectLabels) {
  private static final KycReview APPROVED = new KycReview(KycStatus.APPROVED, null, List.of());
  private static final KycReview PENDING = new KycReview(KycStatus.PENDING, null, List.of());

  /**
   * Checks the combination and copies the labels.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null status or labels, a
   *     null or blank label, a rejection without a reject type, or a reject type or labels on a
   *     review that is not a rejection
   */
  public KycReview {
    KycValues.requireNonNull(status, "status");
    KycValues.requireNonNull(rejectLabels, "reject labels");
    for (String label : rejectLabels) {
      KycValues.requireText(label, "a reject label");
    }
    rejectLabels = List.copyOf(rejectLabels);
    if (status == KycStatus.REJECTED && rejectType == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "a rejected review needs a reject type (RETRY or FINAL)");
    }
    if (status != KycStatus.REJECTED && (rejectType != null || !rejectLabels.isEmpty())) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "only a rejected review has a reject type or labels, got " + status);
    }
  }

  /** Returns the review of an approved applicant. */
  public static KycReview approved() {
    return APPROVED;
  }

  /** Returns the review of an applicant the provider has not answered yet. */
  public static KycReview pending() {
    return PENDING;
  }

  /**
   * Returns the review of a rejected applicant.
   *
   * @param rejectType whether the user may retry
   * @param rejectLabels the provider's reasons, possibly none
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null type or labels, or a
   *     null or blank label
   */
  public static KycReview rejected(KycRejectType rejectType, List<String> rejectLabels) {
    return new KycReview(
        KycStatus.REJECTED, KycValues.requireNonNull(rejectType, "reject type"), rejectLabels);
  }

  /** Returns true for a rejection the user may retry ({@link KycRejectType#RETRY}). */
  public boolean mayRetry() {
    return rejectType == KycRejectType.RETRY;
  }
}
