package dev.speedtrade.stripe;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.speedtrade.funding.SignedWebhook;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Stripe played on a MockWebServer: Checkout Sessions, external accounts of one connected account,
 * payouts on it, refunds of paid sessions' PaymentIntents (up to what was received, Stripe's {@code
 * amount_too_large} and {@code charge_already_refunded} beyond), idempotency keys as Stripe keeps
 * them (the same key and parameters replay the first answer; other parameters are an {@code
 * idempotency_error}), and signed webhooks of what a test makes happen. Objects are the fixtures
 * with their fields set. Thread-safe (every method is synchronized).
 */
final class FakeStripe extends Dispatcher {
  private record Stored(SortedMap<String, String> params, int status, String body) {}

  private final String apiKey;
  private final String webhookSecret;
  private final String account;
  private final Clock clock;
  private final Map<String, Stored> idempotency = new HashMap<>();
  private final Map<String, JsonObject> sessions = new LinkedHashMap<>();
  private final Map<String, JsonObject> intents = new HashMap<>();
  private final Map<String, JsonObject> externalAccounts = new LinkedHashMap<>();
  private final Map<String, JsonObject> payouts = new LinkedHashMap<>();
  private final Map<String, JsonObject> refunds = new LinkedHashMap<>();
  private final Map<String, Long> refundedByIntent = new HashMap<>();
  private String refundStatus = "succeeded";
  private final List<RecordedRequest> requests = new ArrayList<>();
  private int next = 1;

  FakeStripe(String apiKey, String webhookSecret, String account, Clock clock) {
    this.apiKey = apiKey;
    this.webhookSecret = webhookSecret;
    this.account = account;
    this.clock = clock;
    JsonObject card = Fixtures.json("card-external-account.json");
    card.addProperty("account", account);
    externalAccounts.put(card.get("id").getAsString(), card);
  }

  synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    if (!("Bearer " + apiKey).equals(request.getHeader("Authorization"))) {
      return error(401, Fixtures.text("error-authentication.json"));
    }
    HttpUrl url = request.getRequestUrl();
    String path = url == null ? "" : url.encodedPath();
    String method = request.getMethod() == null ? "" : request.getMethod();
    SortedMap<String, String> params = form(request.getBody().readUtf8());
    String key = request.getHeader("Idempotency-Key");
    if (method.equals("POST") && key != null) {
      Stored stored = idempotency.get(path + " " + key);
      if (stored != null) {
        if (!stored.params().equals(params)) {
          return error(400, Fixtures.text("error-idempotency.json").replace("KEY", key));
        }
        return json(stored.status(), stored.body()).addHeader("Idempotent-Replayed", "true");
      }
    }
    MockResponse response = route(method, path, url, params, request);
    if (method.equals("POST") && key != null) {
      int status = Integer.parseInt(response.getStatus().split(" ")[1]);
      if (status < 500 && status != 429) {
        idempotency.put(
            path + " " + key,
            new Stored(
                params, status, response.getBody() == null ? "" : response.getBody().readUtf8()));
        Stored stored = idempotency.get(path + " " + key);
        return json(stored.status(), stored.body());
      }
    }
    return response;
  }

  private MockResponse route(
      String method,
      String path,
      HttpUrl url,
      SortedMap<String, String> params,
      RecordedRequest request) {
    if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
      return json(200, createSession(params).toString());
    }
    if (method.equals("GET") && path.startsWith("/v1/checkout/sessions/")) {
      String id = path.substring("/v1/checkout/sessions/".length());
      JsonObject session = sessions.get(id);
      if (session == null) {
        return error(404, missing("checkout.session", id, "session"));
      }
      JsonObject copy = session.deepCopy();
      if (expands(url).contains("payment_intent") && !copy.get("payment_intent").isJsonNull()) {
        copy.add(
            "payment_intent", intents.get(copy.get("payment_intent").getAsString()).deepCopy());
      }
      return json(200, copy.toString());
    }
    String externalPath = "/v1/accounts/" + account + "/external_accounts";
    if (method.equals("POST") && path.equals(externalPath)) {
      return json(200, createBankAccount(params).toString());
    }
    if (method.equals("GET") && path.equals(externalPath)) {
      String object = url.queryParameter("object");
      List<JsonObject> data = new ArrayList<>();
      for (JsonObject external : externalAccounts.values()) {
        if (object == null || object.equals(external.get("object").getAsString())) {
          data.add(external);
        }
      }
      JsonObject list = new JsonObject();
      list.addProperty("object", "list");
      com.google.gson.JsonArray array = new com.google.gson.JsonArray();
      data.forEach(array::add);
      list.add("data", array);
      list.addProperty("has_more", false);
      list.addProperty("url", externalPath);
      return json(200, list.toString());
    }
    if (method.equals("POST") && path.equals("/v1/payouts")) {
      if (!account.equals(request.getHeader("Stripe-Account"))) {
        return error(
            400,
            missing("account", String.valueOf(request.getHeader("Stripe-Account")), "account"));
      }
      String destination = params.get("destination");
      if (destination == null || !externalAccounts.containsKey(destination)) {
        return error(
            400,
            "{\"error\":{\"code\":\"resource_missing\",\"message\":\"No such external account: '"
                + destination
                + "'\",\"param\":\"destination\",\"type\":\"invalid_request_error\"}}");
      }
      return json(200, createPayout(params).toString());
    }
    if (method.equals("POST") && path.equals("/v1/refunds")) {
      return refund(params);
    }
    return error(
        404,
        "{\"error\":{\"message\":\"Unrecognized request URL ("
            + method
            + ": "
            + path
            + ").\",\"type\":\"invalid_request_error\"}}");
  }

  private JsonObject createSession(SortedMap<String, String> params) {
    JsonObject session = Fixtures.json("checkout-session.json");
    String id = "cs_test_" + (next++) + "a1b2c3";
    long cents = Long.parseLong(params.get("line_items[0][price_data][unit_amount]"));
    long quantity = Long.parseLong(params.get("line_items[0][quantity]"));
    session.addProperty("id", id);
    session.addProperty("url", "https://checkout.stripe.com/c/pay/" + id);
    session.addProperty("amount_subtotal", cents * quantity);
    session.addProperty("amount_total", cents * quantity);
    session.addProperty("currency", params.get("line_items[0][price_data][currency]"));
    session.addProperty("client_reference_id", params.get("client_reference_id"));
    session.addProperty("success_url", params.get("success_url"));
    session.addProperty("cancel_url", params.get("cancel_url"));
    session.addProperty("created", clock.instant().getEpochSecond());
    session.addProperty("expires_at", clock.instant().getEpochSecond() + 86_400);
    session.add("metadata", metadata(params, "metadata"));
    // kept for the PaymentIntent Checkout creates when the user pays
    session.add("payment_intent_metadata", metadata(params, "payment_intent_data[metadata]"));
    sessions.put(id, session);
    return visible(session);
  }

  private JsonObject createBankAccount(SortedMap<String, String> params) {
    JsonObject bank = Fixtures.json("bank-account-mx.json");
    String number = params.get("external_account[account_number]");
    String id = "ba_test_" + (next++) + "x9y8";
    bank.addProperty("id", id);
    bank.addProperty("account", account);
    bank.addProperty("country", params.get("external_account[country]"));
    bank.addProperty("currency", params.get("external_account[currency]"));
    bank.addProperty("last4", number.substring(number.length() - 4));
    bank.add("metadata", metadata(params, "metadata"));
    externalAccounts.put(id, bank);
    return bank;
  }

  private JsonObject createPayout(SortedMap<String, String> params) {
    JsonObject payout = Fixtures.json("payout.json");
    String id = "po_test_" + (next++) + "p7q6";
    String destination = params.get("destination");
    payout.addProperty("id", id);
    payout.addProperty("amount", Long.parseLong(params.get("amount")));
    payout.addProperty("currency", params.get("currency"));
    payout.addProperty("destination", destination);
    payout.addProperty("method", params.get("method"));
    payout.addProperty("type", externalAccounts.get(destination).get("object").getAsString());
    payout.addProperty("created", clock.instant().getEpochSecond());
    payout.add("metadata", metadata(params, "metadata"));
    payouts.put(id, payout);
    return payout;
  }

  /** Refunds a PaymentIntent as Stripe does: up to what it received less what was refunded. */
  private MockResponse refund(SortedMap<String, String> params) {
    String intentId = params.get("payment_intent");
    JsonObject intent = intentId == null ? null : intents.get(intentId);
    if (intent == null) {
      return error(
          400,
          "{\"error\":{\"code\":\"resource_missing\",\"message\":\"No such payment_intent: '"
              + intentId
              + "'\",\"param\":\"payment_intent\",\"type\":\"invalid_request_error\"}}");
    }
    if (!"succeeded".equals(intent.get("status").getAsString())) {
      return error(
          400,
          "{\"error\":{\"message\":\"This PaymentIntent ("
              + intentId
              + ") does not have a successful charge to refund.\","
              + "\"type\":\"invalid_request_error\"}}");
    }
    long received = intent.get("amount_received").getAsLong();
    long refunded = refundedByIntent.getOrDefault(intentId, 0L);
    long amount =
        params.containsKey("amount") ? Long.parseLong(params.get("amount")) : received - refunded;
    String charge = "ch_test_" + intentId.substring("pi_test_".length());
    if (refunded >= received) {
      return error(
          400,
          Fixtures.text("error-charge-already-refunded.json")
              .replace("ch_1NirD82eZvKYlo2CIvbtLWuY", charge));
    }
    if (amount > received - refunded) {
      return error(
          400,
          Fixtures.text("error-refund-amount-too-large.json")
              .replace("$95.01", "$" + BigDecimal.valueOf(amount, 2).toPlainString())
              .replace("$95.00", "$" + BigDecimal.valueOf(received - refunded, 2).toPlainString()));
    }
    JsonObject refund = Fixtures.json("refund.json");
    String id = "re_test_" + (next++) + "r5s4";
    refund.addProperty("id", id);
    refund.addProperty("amount", amount);
    refund.addProperty("charge", charge);
    refund.addProperty("currency", intent.get("currency").getAsString());
    refund.addProperty("created", clock.instant().getEpochSecond());
    refund.add("metadata", metadata(params, "metadata"));
    refund.addProperty("payment_intent", intentId);
    if (params.containsKey("reason")) {
      refund.addProperty("reason", params.get("reason"));
    }
    refund.addProperty("status", refundStatus);
    refunds.put(id, refund);
    refundedByIntent.put(intentId, refunded + amount);
    return json(200, refund.toString());
  }

  // ------------------------------------------------------------------ what a test makes happen

  /** Makes the refunds created from now on answer {@code status} ({@code succeeded} by default). */
  synchronized void refundStatus(String status) {
    refundStatus = status;
  }

  /**
   * The webhook of a refund's {@code refund.updated} or {@code refund.failed}, or of its charge's
   * {@code charge.refunded}.
   */
  synchronized SignedWebhook refundEvent(String type, String refundId) {
    JsonObject refund = refunds.get(refundId);
    if (refund == null) {
      throw new IllegalArgumentException("no refund " + refundId);
    }
    if (type.equals("refund.failed")) {
      refund.addProperty("status", "failed");
      refund.addProperty("failure_reason", "expired_or_canceled_card");
    }
    if (!type.equals("charge.refunded")) {
      return event(type, refund.deepCopy());
    }
    JsonObject charge = new JsonObject();
    charge.addProperty("id", refund.get("charge").getAsString());
    charge.addProperty("object", "charge");
    charge.addProperty("amount", refund.get("amount").getAsLong());
    charge.addProperty("amount_refunded", refund.get("amount").getAsLong());
    charge.addProperty("currency", "usd");
    charge.addProperty("payment_intent", refund.get("payment_intent").getAsString());
    charge.addProperty("refunded", true);
    charge.addProperty("status", "succeeded");
    charge.add("metadata", new JsonObject());
    return event(type, charge);
  }

  synchronized SignedWebhook completeDeposit(String sessionId, BigDecimal amount) {
    JsonObject session = session(sessionId);
    long cents = amount.movePointRight(2).longValueExact();
    JsonObject intent = intent(session);
    intent.addProperty("status", "succeeded");
    intent.addProperty("amount", cents);
    intent.addProperty("amount_received", cents);
    intent.add("last_payment_error", JsonNull.INSTANCE);
    session.addProperty("status", "complete");
    session.addProperty("payment_status", "paid");
    session.addProperty("amount_total", cents);
    return event("checkout.session.completed", visible(session));
  }

  synchronized SignedWebhook completeDepositUnpaid(String sessionId) {
    JsonObject session = session(sessionId);
    intent(session).addProperty("status", "processing");
    session.addProperty("status", "complete");
    session.addProperty("payment_status", "unpaid");
    return event("checkout.session.completed", visible(session));
  }

  synchronized SignedWebhook asyncPayment(String sessionId, boolean succeeded) {
    JsonObject session = session(sessionId);
    intent(session).addProperty("status", succeeded ? "succeeded" : "requires_payment_method");
    session.addProperty("payment_status", succeeded ? "paid" : "unpaid");
    return event(
        succeeded
            ? "checkout.session.async_payment_succeeded"
            : "checkout.session.async_payment_failed",
        visible(session));
  }

  synchronized SignedWebhook failDeposit(String sessionId) {
    JsonObject intent = intent(session(sessionId));
    intent.addProperty("status", "requires_payment_method");
    intent.add("last_payment_error", Fixtures.json("last-payment-error-card-declined.json"));
    return event("payment_intent.payment_failed", intent.deepCopy());
  }

  synchronized SignedWebhook expireDeposit(String sessionId) {
    JsonObject session = session(sessionId);
    session.addProperty("status", "expired");
    return event("checkout.session.expired", visible(session));
  }

  synchronized SignedWebhook payout(String payoutId, String status) {
    JsonObject payout = payouts.get(payoutId);
    if (payout == null) {
      throw new IllegalArgumentException("no payout " + payoutId);
    }
    payout.addProperty("status", status);
    if (status.equals("failed")) {
      payout.addProperty("failure_code", "account_closed");
      payout.addProperty("failure_message", "The bank account has been closed.");
    }
    return event("payout." + status, payout.deepCopy());
  }

  synchronized SignedWebhook otherEvent(String type) {
    JsonObject customer = new JsonObject();
    customer.addProperty("id", "cus_test_" + (next++));
    customer.addProperty("object", "customer");
    return event(type, customer);
  }

  /** Signs {@code body} at {@code timestamp} as Stripe does, with this fake's secret. */
  SignedWebhook sign(String body, long timestamp) {
    return sign(body, timestamp, webhookSecret);
  }

  static SignedWebhook sign(String body, long timestamp, String secret) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json; charset=utf-8"));
    headers.put(
        "Stripe-Signature",
        List.of("t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body)));
    return new SignedWebhook(body.getBytes(StandardCharsets.UTF_8), headers);
  }

  static String hmac(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private SignedWebhook event(String type, JsonObject object) {
    JsonObject event = Fixtures.json("event.json");
    event.addProperty("id", "evt_test_" + (next++) + "e5f4");
    event.addProperty("type", type);
    event.addProperty("account", account);
    event.addProperty("created", clock.instant().getEpochSecond());
    event.getAsJsonObject("data").add("object", object);
    return sign(event.toString(), clock.instant().getEpochSecond());
  }

  private JsonObject session(String id) {
    JsonObject session = sessions.get(id);
    if (session == null) {
      throw new IllegalArgumentException("no session " + id);
    }
    return session;
  }

  /** The session's PaymentIntent, created when the user first pays, as Checkout does. */
  private JsonObject intent(JsonObject session) {
    if (!session.get("payment_intent").isJsonNull()) {
      return intents.get(session.get("payment_intent").getAsString());
    }
    JsonObject intent = Fixtures.json("payment-intent.json");
    String id = "pi_test_" + (next++) + "k3l2";
    intent.addProperty("id", id);
    intent.addProperty("amount", session.get("amount_total").getAsLong());
    intent.add("metadata", session.get("payment_intent_metadata").deepCopy());
    intent.addProperty("client_secret", id + "_secret_test");
    intents.put(id, intent);
    session.addProperty("payment_intent", id);
    return intent;
  }

  /** The session as Stripe shows it: without what the fake keeps for itself. */
  private static JsonObject visible(JsonObject session) {
    JsonObject copy = session.deepCopy();
    copy.remove("payment_intent_metadata");
    return copy;
  }

  /** Stripe-java sends {@code expand[0]=...}; curl users {@code expand[]=...}: either works. */
  private static List<String> expands(HttpUrl url) {
    List<String> expands = new ArrayList<>();
    for (String name : url.queryParameterNames()) {
      if (name.startsWith("expand[")) {
        expands.addAll(url.queryParameterValues(name));
      }
    }
    return expands;
  }

  private static JsonObject metadata(SortedMap<String, String> params, String prefix) {
    JsonObject metadata = new JsonObject();
    params.forEach(
        (name, value) -> {
          if (name.startsWith(prefix + "[")
              && name.indexOf(']', prefix.length()) == name.length() - 1) {
            metadata.addProperty(name.substring(prefix.length() + 1, name.length() - 1), value);
          }
        });
    return metadata;
  }

  private static String missing(String object, String id, String param) {
    return Fixtures.text("error-resource-missing.json")
        .replace("checkout.session", object)
        .replace("cs_test_missing", id)
        .replace("\"param\": \"session\"", "\"param\": \"" + param + "\"");
  }

  static SortedMap<String, String> form(String body) {
    SortedMap<String, String> params = new TreeMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      String[] parts = pair.split("=", 2);
      params.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return params;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .addHeader("Content-Type", "application/json")
        .addHeader("Request-Id", "req_test_fake")
        .setBody(body);
  }

  private static MockResponse error(int status, String body) {
    return json(status, body);
  }
}
