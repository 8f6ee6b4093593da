package dev.speedtrade.examples.serve;

import dev.speedtrade.kyc.KycAccessToken;
import dev.speedtrade.kyc.KycRejectType;
import dev.speedtrade.kyc.KycReview;
import dev.speedtrade.kyc.KycService;
import dev.speedtrade.kyc.KycStart;
import dev.speedtrade.kyc.KycVerification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Seed 003's {@code POST /v1/kyc/start} and {@code GET /v1/kyc/status} on the platform's KYC
 * service, each on the caller's own verification: the provider's access token goes to the caller it
 * was made for and to no one else.
 */
final class KycRoutes {
  private final Supplier<KycService> kyc;

  KycRoutes(Supplier<KycService> kyc) {
    this.kyc = kyc;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/v1/kyc/start", Route.Access.CLIENT, this::start),
        Route.of("GET", "/v1/kyc/status", Route.Access.CLIENT, this::status));
  }

  /**
   * Opens the caller's verification, or reuses the open one (a fresh token, no second applicant); a
   * decided one is answered as it stands, without a token.
   */
  private Reply start(Call call) {
    KycStart start = kyc.get().start(call.client());
    Map<String, Object> body = verification(start.verification());
    KycAccessToken token = start.accessToken();
    // the caller's own short-lived token for the provider's web SDK, as the KYC service intends
    body.put("access_token", token == null ? null : token.token().reveal());
    body.put("accessTokenExpiresAt", token == null ? null : JsonViews.time(token.expiresAt()));
    body.put("verificationUrl", null);
    return Reply.ok(body);
  }

  private Reply status(Call call) {
    Optional<KycVerification> verification = kyc.get().verification(call.client());
    if (verification.isPresent()) {
      return Reply.ok(verification(verification.get()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "NOT_STARTED");
    body.put("applicantId", null);
    body.put("updatedAt", null);
    return Reply.ok(body);
  }

  /**
   * A verification with the contract's names and seed 003's ({@code session_id}, {@code
   * updated_at}, {@code reason}). {@code canRetry} is false once the provider's decision is final
   * (approved, or rejected FINAL): starting again then changes nothing.
   */
  private static Map<String, Object> verification(KycVerification v) {
    KycReview review = v.review();
    KycRejectType rejectType = review.rejectType();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", v.status().name());
    body.put("rejectType", rejectType == null ? null : rejectType.name());
    body.put("rejectLabels", review.rejectLabels());
    body.put(
        "reason",
        review.rejectLabels().isEmpty() ? null : String.join(", ", review.rejectLabels()));
    body.put("canRetry", v.isOpen());
    body.put("applicantId", v.applicantId());
    body.put("session_id", v.applicantId());
    body.put("attempt", v.attempt());
    body.put("createdAt", JsonViews.time(v.createdAt()));
    body.put("updatedAt", JsonViews.time(v.updatedAt()));
    body.put("updated_at", JsonViews.time(v.updatedAt()));
    return body;
  }
}
