package dev.speedtrade.sumsub;

import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycReview;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Sumsub's review (its {@code reviewStatus} and {@code reviewResult}, as the applicant status
 * endpoint and the webhooks carry them) as a {@link KycReview}.
 *
 * <p>A review counts as decided only when its status is {@code completed} (or, in a webhook, when
 * the status is absent and an answer is given): Sumsub keeps an earlier answer while the applicant
 * is back under review ({@code pending}, {@code queued}, {@code onHold}, {@code awaitingService},
 * {@code awaitingUser}), and that is {@link KycReview#pending()}. A decided {@code GREEN} is
 * approved; {@code RED} is rejected, {@link KycRejectType#RETRY} when {@code reviewRejectType} is
 * {@code RETRY} and {@link KycRejectType#FINAL} when it is {@code FINAL} or missing (the cautious
 * reading of an answer that does not say the user may retry), with the {@code rejectLabels} as
 * sent. Any other answer, or none, is pending.
 */
final class SumsubReviews {
  static final String COMPLETED = "completed";

  private SumsubReviews() {}

  /**
   * Returns the review of {@code reviewStatus} and {@code reviewResult}, either possibly absent.
   */
  static KycReview of(@Nullable String reviewStatus, @Nullable Map<?, ?> reviewResult) {
    String answer = reviewResult == null ? null : SumsubJson.string(reviewResult, "reviewAnswer");
    boolean decided = reviewStatus == null ? answer != null : COMPLETED.equals(reviewStatus);
    if (!decided || answer == null || reviewResult == null) {
      return KycReview.pending();
    }
    return switch (answer) {
      case "GREEN" -> KycReview.approved();
      case "RED" ->
          KycReview.rejected(
              "RETRY".equals(SumsubJson.string(reviewResult, "reviewRejectType"))
                  ? KycRejectType.RETRY
                  : KycRejectType.FINAL,
              SumsubJson.strings(reviewResult, "rejectLabels"));
      default -> KycReview.pending();
    };
  }
}
