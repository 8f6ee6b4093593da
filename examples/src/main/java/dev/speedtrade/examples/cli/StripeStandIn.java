package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speedtrade.funding.SignedWebhook;
import dev.speedtrade.secret.Secret;
import dev.speedtrade.stripe.StripeConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for Stripe's API, for {@code speedtrade demo} only (not SDK API, not a test double of
 * every Stripe behaviour): it serves on 127.0.0.1 the calls {@link
 * dev.speedtrade.stripe.StripePaymentGateway} makes, answering with Stripe's documented JSON
 * shapes, and signs the webhooks of what the demo makes happen as Stripe signs them, so that the
 * real adapter, on stripe-java, sends the requests and verifies the webhooks.
 *
 * <ul>
 *   <li>{@code POST /v1/checkout/sessions}, {@code GET /v1/checkout/sessions/{id}} (with {@code
 *       expand[]=payment_intent});
 *   <li>{@code POST} and {@code GET /v1/accounts/{account}/external_accounts}: a CLABE saved as a
 *       {@code bank_account}, the one debit card ending 4242 the payout account holds;
 *   <li>{@code POST /v1/payouts} on the payout account ({@code Stripe-Account}).
 * </ul>
 *
 * <p>Like Stripe it refuses a request without the API key (401), answers an unknown id with 404
 * {@code resource_missing}, and replays the first answer to an {@code Idempotency-Key} reused with
 * the same parameters (an {@code idempotency_error} with others). Ids are derived from a counter,
 * so every run has the same ones; times come from the demo's clock.
 *
 * <p>Webhooks ({@link #completeCheckout}, {@link #payoutPaid}) are Stripe events ({@code
 * checkout.session.completed} with the Checkout Session as {@code data.object}, {@code payout.paid}
 * with the payout), signed with {@code Stripe-Signature: t=<clock seconds>,v1=<hex HMAC-SHA256 of
 * "t.body" under the whsec secret>}, Stripe's scheme.
 *
 * <p>Thread-safe (every call is synchronized). The keys are test-mode and made up.
 */
final class StripeStandIn implements AutoCloseable {
  /** A test-mode secret key, made up: it works only against this stand-in. */
  static final String API_KEY = "sk_test_speedtradeDemoNotARealKey";

  /** The webhook endpoint's signing secret, made up. */
  static final String WEBHOOK_SECRET = "whsec_speedtradeDemoNotARealSecret";

  /** The connected account whose balance pays withdrawals. */
  static final String PAYOUT_ACCOUNT = "acct_1SpeedTradeDemo";

  private static final String PROVIDER = "stripe";
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private record Stored(SortedMap<String, String> params, StandInServer.Answer answer) {}

  private final Clock clock;
  private final StandInServer server;
  private final Map<String, Stored> idempotency = new HashMap<>();
  private final Map<String, ObjectNode> sessions = new LinkedHashMap<>();
  private final Map<String, ObjectNode> intents = new HashMap<>();
  private final Map<String, ObjectNode> externalAccounts = new LinkedHashMap<>();
  private final Map<String, ObjectNode> payouts = new LinkedHashMap<>();
  private int next;

  private StripeStandIn(Clock clock) {
    this.clock = clock;
    ObjectNode card = StandInFixtures.object(PROVIDER, "card-external-account.json");
    card.put("account", PAYOUT_ACCOUNT);
    externalAccounts.put(card.get("id").asText(), card);
    this.server = StandInServer.start("Stripe", this::answer);
  }

  /** Starts the stand-in on 127.0.0.1 and a free port; times come from {@code clock}. */
  static StripeStandIn start(Clock clock) {
    return new StripeStandIn(clock);
  }

  /** The API base to give stripe-java: {@code http://127.0.0.1:<port>}. */
  URI apiBase() {
    return server.baseUrl();
  }

  /** The gateway's configuration: this stand-in, its keys, no retries, the demo's clock. */
  StripeConfig config() {
    return StripeConfig.builder()
        .apiKey(Secret.of(API_KEY))
        .webhookSecret(Secret.of(WEBHOOK_SECRET))
        .payoutAccount(PAYOUT_ACCOUNT)
        .successUrl(URI.create("https://speedtrade.example/deposits/done"))
        .cancelUrl(URI.create("https://speedtrade.example/deposits/canceled"))
        .apiBase(apiBase())
        .maxNetworkRetries(0)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(10))
        .clock(clock)
        .build();
  }

  @Override
  public void close() {
    server.close();
  }

  // ------------------------------------------------------------------ what the demo makes happen

  /**
   * The user pays the session: it is {@code complete} and {@code paid}, its PaymentIntent {@code
   * succeeded}; returns the signed {@code checkout.session.completed} event.
   */
  synchronized SignedWebhook completeCheckout(String sessionId) {
    ObjectNode session = known(sessions, sessionId);
    ObjectNode intent = intent(session);
    long cents = session.get("amount_total").asLong();
    intent.put("status", "succeeded");
    intent.put("amount_received", cents);
    session.put("status", "complete");
    session.put("payment_status", "paid");
    return event("checkout.session.completed", visible(session), null);
  }

  /** The payout arrives: it is {@code paid}; returns the signed {@code payout.paid} event. */
  synchronized SignedWebhook payoutPaid(String payoutId) {
    ObjectNode payout = known(payouts, payoutId);
    payout.put("status", "paid");
    return event("payout.paid", payout.deepCopy(), PAYOUT_ACCOUNT);
  }

  /**
   * Signs {@code body} as Stripe does: {@code t=<timestamp>,v1=<hex HMAC-SHA256 of
   * "<timestamp>.<body>" under secret>}.
   */
  static SignedWebhook sign(String body, long timestamp, String secret) {
    String signature;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      signature =
          StandInFixtures.hex(
              mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json; charset=utf-8"));
    headers.put("Stripe-Signature", List.of("t=" + timestamp + ",v1=" + signature));
    return new SignedWebhook(body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private SignedWebhook event(String type, ObjectNode object, @Nullable String account) {
    ObjectNode event = StandInFixtures.object(PROVIDER, "event.json");
    event.put("id", "evt_" + id("evt"));
    if (account == null) {
      event.remove("account");
    } else {
      event.put("account", account);
    }
    event.put("created", clock.instant().getEpochSecond());
    event.put("type", type);
    ((ObjectNode) event.get("data")).set("object", object);
    return sign(StandInFixtures.write(event), clock.instant().getEpochSecond(), WEBHOOK_SECRET);
  }

  // ------------------------------------------------------------------ the API

  private synchronized StandInServer.Answer answer(StandInServer.Request request) {
    if (!("Bearer " + API_KEY).equals(request.header("Authorization"))) {
      return new StandInServer.Answer(
          401,
          StandInFixtures.write(StandInFixtures.object(PROVIDER, "error-authentication.json")));
    }
    SortedMap<String, String> params = form(request.bodyText());
    String key = request.header("Idempotency-Key");
    String slot = request.rawPath() + " " + key;
    if (request.method().equals("POST") && key != null) {
      Stored stored = idempotency.get(slot);
      if (stored != null) {
        return stored.params().equals(params) ? stored.answer() : idempotencyError(key);
      }
    }
    StandInServer.Answer answer = route(request, params);
    if (request.method().equals("POST") && key != null && answer.status() < 500) {
      idempotency.put(slot, new Stored(params, answer));
    }
    return answer;
  }

  private StandInServer.Answer route(
      StandInServer.Request request, SortedMap<String, String> params) {
    String method = request.method();
    String path = request.rawPath();
    String sessionsPath = "/v1/checkout/sessions";
    String externalPath = "/v1/accounts/" + PAYOUT_ACCOUNT + "/external_accounts";
    if (method.equals("POST") && path.equals(sessionsPath)) {
      return ok(createSession(params));
    }
    if (method.equals("GET") && path.startsWith(sessionsPath + "/")) {
      String id = path.substring(sessionsPath.length() + 1);
      ObjectNode session = sessions.get(id);
      if (session == null) {
        return missing("checkout.session", id, "session");
      }
      ObjectNode shown = visible(session);
      JsonNode intent = shown.get("payment_intent");
      if (form(request.rawQuery()).containsValue("payment_intent") && intent.isTextual()) {
        shown.set("payment_intent", intents.get(intent.asText()).deepCopy());
      }
      return ok(shown);
    }
    if (method.equals("POST") && path.equals(externalPath)) {
      return ok(createBankAccount(params));
    }
    if (method.equals("GET") && path.equals(externalPath)) {
      String object = form(request.rawQuery()).get("object");
      ObjectNode list = StandInFixtures.newObject();
      list.put("object", "list");
      ArrayNode data = list.putArray("data");
      for (ObjectNode external : externalAccounts.values()) {
        if (object == null || object.equals(external.get("object").asText())) {
          data.add(external.deepCopy());
        }
      }
      list.put("has_more", false);
      list.put("url", externalPath);
      return ok(list);
    }
    if (method.equals("POST") && path.equals("/v1/payouts")) {
      String account = request.header("Stripe-Account");
      if (!PAYOUT_ACCOUNT.equals(account)) {
        return missing("account", String.valueOf(account), "account");
      }
      String destination = params.get("destination");
      if (destination == null || !externalAccounts.containsKey(destination)) {
        return missing("external account", String.valueOf(destination), "destination");
      }
      return ok(createPayout(params));
    }
    ObjectNode error = StandInFixtures.newObject();
    ObjectNode body = error.putObject("error");
    body.put("message", "Unrecognized request URL (" + method + ": " + path + ").");
    body.put("type", "invalid_request_error");
    return new StandInServer.Answer(404, StandInFixtures.write(error));
  }

  private ObjectNode createSession(SortedMap<String, String> params) {
    ObjectNode session = StandInFixtures.object(PROVIDER, "checkout-session.json");
    String id = "cs_test_" + id("cs");
    long cents =
        Long.parseLong(params.getOrDefault("line_items[0][price_data][unit_amount]", "0"))
            * Long.parseLong(params.getOrDefault("line_items[0][quantity]", "1"));
    long now = clock.instant().getEpochSecond();
    session.put("id", id);
    session.put("url", "https://checkout.stripe.com/c/pay/" + id);
    session.put("amount_subtotal", cents);
    session.put("amount_total", cents);
    session.put("currency", params.get("line_items[0][price_data][currency]"));
    session.put("client_reference_id", params.get("client_reference_id"));
    session.put("success_url", params.get("success_url"));
    session.put("cancel_url", params.get("cancel_url"));
    session.put("created", now);
    session.put("expires_at", now + 86_400);
    session.set("metadata", metadata(params, "metadata"));
    // kept for the PaymentIntent Checkout creates when the user pays; never shown
    session.set("payment_intent_metadata", metadata(params, "payment_intent_data[metadata]"));
    sessions.put(id, session);
    return visible(session);
  }

  private ObjectNode createBankAccount(SortedMap<String, String> params) {
    ObjectNode bank = StandInFixtures.object(PROVIDER, "bank-account-mx.json");
    String number = params.getOrDefault("external_account[account_number]", "");
    String id = "ba_" + id("ba");
    bank.put("id", id);
    bank.put("account", PAYOUT_ACCOUNT);
    bank.put("country", params.get("external_account[country]"));
    bank.put("currency", params.get("external_account[currency]"));
    bank.put("last4", number.length() < 4 ? number : number.substring(number.length() - 4));
    bank.put("fingerprint", StandInFixtures.derivedId("fingerprint:" + number, BASE62, 16));
    bank.set("metadata", metadata(params, "metadata"));
    externalAccounts.put(id, bank);
    return bank.deepCopy();
  }

  private ObjectNode createPayout(SortedMap<String, String> params) {
    ObjectNode payout = StandInFixtures.object(PROVIDER, "payout.json");
    String id = "po_" + id("po");
    String destination = params.get("destination");
    long now = clock.instant().getEpochSecond();
    payout.put("id", id);
    payout.put("amount", Long.parseLong(params.getOrDefault("amount", "0")));
    payout.put("currency", params.get("currency"));
    payout.put("destination", destination);
    payout.put("method", params.get("method"));
    payout.put("type", externalAccounts.get(destination).get("object").asText());
    payout.put("created", now);
    payout.put("arrival_date", now + ("instant".equals(params.get("method")) ? 0 : 86_400));
    payout.put("balance_transaction", "txn_" + id("txn"));
    payout.set("metadata", metadata(params, "metadata"));
    payouts.put(id, payout);
    return payout.deepCopy();
  }

  /** The session's PaymentIntent, created when the user first pays, as Checkout does. */
  private ObjectNode intent(ObjectNode session) {
    JsonNode known = session.get("payment_intent");
    if (known.isTextual()) {
      return intents.get(known.asText());
    }
    ObjectNode intent = StandInFixtures.newObject();
    String id = "pi_" + id("pi");
    intent.put("id", id);
    intent.put("object", "payment_intent");
    intent.put("amount", session.get("amount_total").asLong());
    intent.put("amount_received", 0);
    intent.put("currency", session.get("currency").asText());
    intent.putNull("last_payment_error");
    intent.put("livemode", false);
    intent.set("metadata", session.get("payment_intent_metadata").deepCopy());
    intent.put("status", "requires_payment_method");
    intents.put(id, intent);
    session.put("payment_intent", id);
    return intent;
  }

  /** The session as Stripe shows it: without what the stand-in keeps for itself. */
  private static ObjectNode visible(ObjectNode session) {
    ObjectNode copy = session.deepCopy();
    copy.remove("payment_intent_metadata");
    return copy;
  }

  /** The next id of a kind: Stripe's alphabet, the same in every run. */
  private String id(String kind) {
    return StandInFixtures.derivedId("speedtrade-demo:" + kind + ":" + ++next, BASE62, 24);
  }

  private static ObjectNode known(Map<String, ObjectNode> objects, String id) {
    ObjectNode object = objects.get(id);
    if (object == null) {
      throw new IllegalArgumentException("the Stripe stand-in has no " + id);
    }
    return object;
  }

  private static ObjectNode metadata(SortedMap<String, String> params, String prefix) {
    ObjectNode metadata = StandInFixtures.newObject();
    params.forEach(
        (name, value) -> {
          if (name.startsWith(prefix + "[")
              && name.indexOf(']', prefix.length()) == name.length() - 1) {
            metadata.put(name.substring(prefix.length() + 1, name.length() - 1), value);
          }
        });
    return metadata;
  }

  private static StandInServer.Answer ok(ObjectNode object) {
    return new StandInServer.Answer(200, StandInFixtures.write(object));
  }

  private static StandInServer.Answer missing(String object, String id, String param) {
    ObjectNode error = StandInFixtures.object(PROVIDER, "error-resource-missing.json");
    ObjectNode body = (ObjectNode) error.get("error");
    body.put("message", "No such " + object + ": '" + id + "'");
    body.put("param", param);
    body.remove("request_log_url");
    return new StandInServer.Answer(
        object.equals("checkout.session") ? 404 : 400, StandInFixtures.write(error));
  }

  private static StandInServer.Answer idempotencyError(String key) {
    ObjectNode error = StandInFixtures.object(PROVIDER, "error-idempotency.json");
    ObjectNode body = (ObjectNode) error.get("error");
    body.put("message", body.get("message").asText().replace("KEY", key));
    return new StandInServer.Answer(400, StandInFixtures.write(error));
  }

  /** Reads a form body or a query, as stripe-java encodes them. */
  private static SortedMap<String, String> form(@Nullable String encoded) {
    SortedMap<String, String> params = new TreeMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      String[] parts = pair.split("=", 2);
      params.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return params;
  }
}
