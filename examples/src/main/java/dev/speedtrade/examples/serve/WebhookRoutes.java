package dev.speedtrade.examples.serve;

import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.PaymentGateway;
import dev.speedtrade.funding.ProviderEvent;
import dev.speedtrade.kyc.KycService;
import dev.speedtrade.kyc.KycUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The providers' webhooks. Each reads the raw body and has the provider verify its signature before
 * anything else is read or done: a forged or altered delivery is the SDK's {@code
 * INVALID_SIGNATURE}, a 400, and changes nothing. A verified event is applied once by its id; a
 * replay is answered 200 with {@code DUPLICATE_EVENT}, so the provider stops retrying.
 */
final class WebhookRoutes {
  private final @Nullable PaymentGateway gateway;
  private final Supplier<FundingService> funding;
  private final Supplier<KycService> kyc;

  WebhookRoutes(
      @Nullable PaymentGateway gateway,
      Supplier<FundingService> funding,
      Supplier<KycService> kyc) {
    this.gateway = gateway;
    this.funding = funding;
    this.kyc = kyc;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/v1/stripe/webhook", Route.Access.PUBLIC, this::payment),
        Route.of("POST", "/v1/kyc/webhook", Route.Access.PUBLIC, this::identity));
  }

  private Reply payment(Call call) {
    PaymentGateway g = gateway;
    if (g == null) {
      throw ApiError.notFound("NOT_FOUND", "this service has no payment provider");
    }
    ProviderEvent event = g.parseWebhook(call.body(), call.headers());
    FundingCode code = funding.get().apply(event);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("received", true);
    body.put("code", code.name());
    int status = Outcomes.status(code);
    // a verified event about a deposit or payout this platform does not have is still received:
    // answering 4xx would only make the provider retry it
    return new Reply(status == 404 ? 200 : status, body);
  }

  private Reply identity(Call call) {
    KycUpdate update = kyc.get().handleWebhook(call.body(), call.headers());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("received", true);
    body.put("code", update.code().name());
    return Reply.ok(body);
  }
}
