package dev.speedtrade.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every pair of the ordering rule: which review may replace which. */
class KycOrderingTest {
  private static KycReview review(String name) {
    return switch (name) {
      case "PENDING" -> KycReview.pending();
      case "APPROVED" -> KycReview.approved();
      case "RETRY" -> KycReview.rejected(KycRejectType.RETRY, List.of("UNSATISFACTORY_PHOTOS"));
      case "FINAL" -> KycReview.rejected(KycRejectType.FINAL, List.of("FORGERY"));
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest(name = "{0} then {1}: {2}")
  @CsvSource({
    "PENDING, PENDING, IGNORED",
    "PENDING, APPROVED, APPLIED",
    "PENDING, RETRY, APPLIED",
    "PENDING, FINAL, APPLIED",
    "RETRY, PENDING, STALE",
    "RETRY, APPROVED, APPLIED",
    "RETRY, RETRY, IGNORED",
    "RETRY, FINAL, APPLIED",
    "APPROVED, PENDING, STALE",
    "APPROVED, APPROVED, IGNORED",
    "APPROVED, RETRY, STALE",
    "APPROVED, FINAL, APPLIED",
    "FINAL, PENDING, STALE",
    "FINAL, APPROVED, STALE",
    "FINAL, RETRY, STALE",
    "FINAL, FINAL, IGNORED"
  })
  void aReviewReplacesTheOneInForceOnlyWhenItCanFollowIt(
      String current, String incoming, KycUpdateCode expected) {
    assertThat(KycOrdering.judge(review(current), review(incoming), false)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "reset of {0}: {1}")
  @CsvSource({"PENDING, IGNORED", "APPROVED, APPLIED", "RETRY, APPLIED", "FINAL, APPLIED"})
  void aResetReopensEveryDecidedReview(String current, KycUpdateCode expected) {
    assertThat(KycOrdering.judge(review(current), KycReview.pending(), true)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "no review on {0}")
  @CsvSource({"PENDING", "APPROVED", "RETRY", "FINAL"})
  void anEventWithoutAReviewIsIgnored(String current) {
    assertThat(KycOrdering.judge(review(current), null, false)).isEqualTo(KycUpdateCode.IGNORED);
  }

  @ParameterizedTest(name = "{0} with other labels")
  @CsvSource({"RETRY", "FINAL"})
  void theSameDecisionWithOtherLabelsIsIgnored(String current) {
    KycReview same = review(current);
    KycReview relabelled = KycReview.rejected(same.rejectType(), List.of("OTHER_LABEL"));
    assertThat(KycOrdering.judge(same, relabelled, false)).isEqualTo(KycUpdateCode.IGNORED);
  }
}
