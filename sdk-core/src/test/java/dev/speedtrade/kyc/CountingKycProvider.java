package dev.speedtrade.kyc;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A {@link KycProvider} over another that counts the calls that reach the provider, and may rewrite
 * the events it reads (to have the mock's webhooks carry a type it does not send).
 */
final class CountingKycProvider implements KycProvider {
  final AtomicInteger creates = new AtomicInteger();
  final AtomicInteger tokens = new AtomicInteger();
  final AtomicInteger reviews = new AtomicInteger();
  private final KycProvider provider;
  private volatile UnaryOperator<KycWebhookEvent> rewrite = UnaryOperator.identity();

  CountingKycProvider(KycProvider provider) {
    this.provider = provider;
  }

  /** Rewrites every event read from now on. */
  void rewriteEvents(UnaryOperator<KycWebhookEvent> rewrite) {
    this.rewrite = rewrite;
  }

  @Override
  public Applicant createApplicant(String userId) {
    creates.incrementAndGet();
    return provider.createApplicant(userId);
  }

  @Override
  public KycAccessToken accessToken(String userId) {
    tokens.incrementAndGet();
    return provider.accessToken(userId);
  }

  @Override
  public KycReview review(String applicantId) {
    reviews.incrementAndGet();
    return provider.review(applicantId);
  }

  @Override
  public KycWebhookEvent verifyWebhook(byte[] body, Map<String, List<String>> headers) {
    return rewrite.apply(provider.verifyWebhook(body, headers));
  }
}
