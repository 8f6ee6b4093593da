package dev.speedtrade.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Card;
import com.stripe.model.ExternalAccount;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Payout;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountExternalAccountCreateParams;
import com.stripe.param.AccountExternalAccountListParams;
import com.stripe.param.PayoutCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.DepositRequest;
import dev.speedtrade.funding.DepositSession;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.PaymentGateway;
import dev.speedtrade.funding.PayoutReceipt;
import dev.speedtrade.funding.PayoutRequest;
import dev.speedtrade.funding.ProviderDepositStatus;
import dev.speedtrade.funding.ProviderEvent;
import dev.speedtrade.funding.RefundReceipt;
import dev.speedtrade.funding.RefundRequest;
import dev.speedtrade.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link PaymentGateway} over Stripe, through stripe-java's {@link StripeClient}.
 *
 * <ul>
 *   <li>{@link #startDeposit}: a Checkout Session ({@code mode=payment}) of one USD line item, our
 *       deposit id as {@code client_reference_id} and {@code metadata[deposit_id]} (also on the
 *       PaymentIntent), sent with the request's idempotency key; the session's id and URL.
 *   <li>{@link #depositStatus}: the session with its PaymentIntent expanded.
 *   <li>{@link #saveDestination}: a CLABE becomes an external bank account ({@code country=MX},
 *       {@code currency=mxn}) of the configured payout account; a card is looked up by its last
 *       four digits among that account's external cards. The token is Stripe's id ({@code ba_...},
 *       {@code card_...}).
 *   <li>{@link #startPayout}: a payout on the payout account, in USD cents, to the saved token,
 *       {@code metadata[withdrawal_id]}, with the request's idempotency key.
 *   <li>{@link #refund}: the deposit's Checkout Session is read (it must be paid, by the request's
 *       user), then a refund of its PaymentIntent, in USD cents, {@code metadata[refund_id]}, with
 *       the request's idempotency key.
 *   <li>{@link #parseWebhook}: verified with {@code Webhook} on the raw body, then mapped to a
 *       {@link ProviderEvent}.
 * </ul>
 *
 * <p>Idempotency rests on Stripe's: the same key with the same parameters answers the first object,
 * with other parameters Stripe's {@code idempotency_error} ({@link ErrorCode#INVALID_ARGUMENT}).
 * Stripe keeps keys for at least 24 hours. Thread-safe: it keeps no state but the client.
 */
public final class StripePaymentGateway implements PaymentGateway {
  private static final BigDecimal MAX_CENTS = BigDecimal.valueOf(99_999_999L);
  private static final Currency USD = Currency.getInstance("USD");

  private final StripeClient client;
  private final StripeConfig config;
  private final StripeWebhooks webhooks;

  private StripePaymentGateway(StripeConfig config) {
    this.config = config;
    this.client =
        StripeClient.builder()
            .setApiKey(config.apiKey().reveal())
            .setApiBase(trimSlash(config.apiBase()))
            .setConnectBase(trimSlash(config.apiBase()))
            .setFilesBase(trimSlash(config.apiBase()))
            .setMaxNetworkRetries(config.maxNetworkRetries())
            .setConnectTimeout((int) config.connectTimeout().toMillis())
            .setReadTimeout((int) config.readTimeout().toMillis())
            .build();
    this.webhooks =
        new StripeWebhooks(
            config.webhookSecret().reveal(), config.webhookTolerance(), config.clock());
  }

  /**
   * Returns a gateway on {@code config}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null config
   */
  public static StripePaymentGateway create(StripeConfig config) {
    if (config == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "config must not be null");
    }
    return new StripePaymentGateway(config);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sends {@code POST /v1/checkout/sessions} with the request's idempotency key; the reference
   * is the session's id ({@code cs_...}), the URL its hosted page.
   */
  @Override
  public DepositSession startDeposit(DepositRequest request) {
    present(request, "request");
    long cents = cents(request.amount());
    SessionCreateParams params =
        SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.PAYMENT)
            .setSuccessUrl(config.successUrl().toString())
            .setCancelUrl(config.cancelUrl().toString())
            .setClientReferenceId(request.depositId())
            .putMetadata("deposit_id", request.depositId())
            .putMetadata("user", request.user())
            .setPaymentIntentData(
                SessionCreateParams.PaymentIntentData.builder()
                    .putMetadata("deposit_id", request.depositId())
                    .build())
            .addLineItem(
                SessionCreateParams.LineItem.builder()
                    .setQuantity(1L)
                    .setPriceData(
                        SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency("usd")
                            .setUnitAmount(cents)
                            .setProductData(
                                SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                    .setName("Deposit " + request.depositId())
                                    .build())
                            .build())
                    .build())
            .build();
    Session session;
    try {
      session =
          client.v1().checkout().sessions().create(params, idempotent(request.idempotencyKey()));
    } catch (StripeException e) {
      throw StripeErrors.map("the Checkout Session of deposit " + request.depositId(), e);
    }
    String url = session.getUrl();
    if (session.getId() == null || url == null) {
      throw new SpeedTradeException(
          ErrorCode.PROVIDER_UNAVAILABLE,
          "Stripe answered a Checkout Session without an id or url for deposit "
              + request.depositId());
    }
    return new DepositSession(session.getId(), uri(url));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads {@code GET /v1/checkout/sessions/{id}?expand[]=payment_intent}: {@code expired} is
   * EXPIRED; {@code complete} and {@code paid} (or {@code no_payment_required}) is COMPLETED with
   * {@code amount_total}; {@code complete} and {@code unpaid} is PROCESSING (an asynchronous method
   * is collecting); an open session is PROCESSING while its PaymentIntent is {@code processing},
   * FAILED when its last payment attempt failed, CANCELED when the PaymentIntent was canceled, and
   * PENDING otherwise. A 404 {@code resource_missing} is empty.
   */
  @Override
  public Optional<ProviderDepositStatus> depositStatus(String providerReference) {
    text(providerReference, "providerReference");
    Session session;
    try {
      session =
          client
              .v1()
              .checkout()
              .sessions()
              .retrieve(
                  providerReference,
                  SessionRetrieveParams.builder().addExpand("payment_intent").build(),
                  RequestOptions.getDefault());
    } catch (StripeException e) {
      if (StripeErrors.isMissing(e)) {
        return Optional.empty();
      }
      throw StripeErrors.map("the Checkout Session " + providerReference, e);
    }
    return Optional.of(status(session));
  }

  static ProviderDepositStatus status(Session session) {
    String status = session.getStatus();
    String paymentStatus = session.getPaymentStatus();
    if ("expired".equals(status)) {
      return ProviderDepositStatus.of(ProviderDepositStatus.State.EXPIRED);
    }
    if ("complete".equals(status)) {
      if ("unpaid".equals(paymentStatus)) {
        return ProviderDepositStatus.of(ProviderDepositStatus.State.PROCESSING);
      }
      Long total = session.getAmountTotal();
      if (total == null || total <= 0) {
        throw new SpeedTradeException(
            ErrorCode.PROVIDER_UNAVAILABLE,
            "Stripe answered a paid Checkout Session " + session.getId() + " without amount_total");
      }
      return ProviderDepositStatus.completed(BigDecimal.valueOf(total, 2));
    }
    PaymentIntent intent = session.getPaymentIntentObject();
    if (intent != null) {
      String intentStatus = intent.getStatus();
      if ("processing".equals(intentStatus)) {
        return ProviderDepositStatus.of(ProviderDepositStatus.State.PROCESSING);
      }
      if ("canceled".equals(intentStatus)) {
        return ProviderDepositStatus.of(ProviderDepositStatus.State.CANCELED);
      }
      if ("requires_payment_method".equals(intentStatus) && intent.getLastPaymentError() != null) {
        return ProviderDepositStatus.of(ProviderDepositStatus.State.FAILED);
      }
    }
    return ProviderDepositStatus.of(ProviderDepositStatus.State.PENDING);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A bank account: {@code POST /v1/accounts/{payoutAccount}/external_accounts} with {@code
   * external_account[object]=bank_account}, {@code [country]=MX}, {@code [currency]=mxn}, {@code
   * [account_number]=<CLABE>} and the idempotency key {@code destination:<fingerprint>} (the
   * SHA-256 of the user, the type and the number), so the same account of the same user saved again
   * within Stripe's 24 hours answers the same {@code ba_...}. A card: {@code GET
   * /v1/accounts/{payoutAccount}/external_accounts?object=card}, the one card whose {@code last4}
   * matches (a card is added to Stripe by Stripe's own collection, never by its number here); none
   * or several is INVALID_ARGUMENT.
   */
  @Override
  public String saveDestination(String user, Destination destination) {
    text(user, "user");
    present(destination, "destination");
    if (destination instanceof Destination.Saved) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "destination " + destination + " is already saved");
    }
    if (destination instanceof Destination.Bank bank) {
      if (!Destination.isValidClabe(bank.clabe())) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "not a valid CLABE: " + bank.masked());
      }
      return saveBank(user, bank);
    }
    return findCard(((Destination.Card) destination).last4());
  }

  private String saveBank(String user, Destination.Bank bank) {
    AccountExternalAccountCreateParams params =
        AccountExternalAccountCreateParams.builder()
            .setExternalAccount(
                AccountExternalAccountCreateParams.BankAccount.builder()
                    .setObject("bank_account")
                    .setCountry("MX")
                    .setCurrency("mxn")
                    .setAccountNumber(bank.clabe())
                    .build())
            .putMetadata("user", user)
            .build();
    try {
      ExternalAccount account =
          client
              .v1()
              .accounts()
              .externalAccounts()
              .create(
                  config.payoutAccount(),
                  params,
                  idempotent("destination:" + bank.fingerprint(user)));
      return token(account, bank);
    } catch (StripeException e) {
      throw StripeErrors.map("the bank account " + bank.masked(), e);
    }
  }

  private String findCard(String last4) {
    StripeCollection<ExternalAccount> accounts;
    try {
      accounts =
          client
              .v1()
              .accounts()
              .externalAccounts()
              .list(
                  config.payoutAccount(),
                  AccountExternalAccountListParams.builder()
                      .putExtraParam("object", "card")
                      .setLimit(100L)
                      .build(),
                  RequestOptions.getDefault());
    } catch (StripeException e) {
      throw StripeErrors.map("the cards of " + config.payoutAccount(), e);
    }
    List<String> matches = new ArrayList<>();
    List<ExternalAccount> data = accounts.getData();
    if (data != null) {
      for (ExternalAccount account : data) {
        if (account instanceof Card card && last4.equals(card.getLast4()) && card.getId() != null) {
          matches.add(card.getId());
        }
      }
    }
    if (matches.size() != 1) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          (matches.isEmpty() ? "no card" : matches.size() + " cards")
              + " ending in "
              + last4
              + " on Stripe account "
              + config.payoutAccount()
              + "; exactly one is needed");
    }
    return matches.get(0);
  }

  private static String token(ExternalAccount account, Destination destination) {
    String id = account.getId();
    if (id == null || id.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.PROVIDER_UNAVAILABLE,
          "Stripe answered the external account " + destination.masked() + " without an id");
    }
    return id;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sends {@code POST /v1/payouts} on the payout account ({@code Stripe-Account} header) with
   * {@code amount} in cents, {@code currency=usd}, {@code destination=<token>}, {@code
   * method=instant} to a card and {@code standard} to a bank account, {@code
   * metadata[withdrawal_id]}, and the request's idempotency key; the reference is the payout's id
   * ({@code po_...}). The destination must be a {@link Destination.Saved} with a token (else
   * INVALID_ARGUMENT, before any call); a token Stripe does not know is Stripe's 400 {@code
   * resource_missing}, INVALID_ARGUMENT.
   */
  @Override
  public PayoutReceipt startPayout(PayoutRequest request) {
    present(request, "request");
    if (!(request.destination() instanceof Destination.Saved saved) || saved.token() == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "withdrawal "
              + request.withdrawalId()
              + " must name a destination saved with saveDestination, got "
              + request.destination());
    }
    String token = saved.token();
    PayoutCreateParams params =
        PayoutCreateParams.builder()
            .setAmount(cents(request.amount()))
            .setCurrency("usd")
            .setDestination(token)
            .setMethod(
                saved.type().equals("card")
                    ? PayoutCreateParams.Method.INSTANT
                    : PayoutCreateParams.Method.STANDARD)
            .putMetadata("withdrawal_id", request.withdrawalId())
            .build();
    RequestOptions options =
        RequestOptions.builder()
            .setIdempotencyKey(request.idempotencyKey())
            .setStripeAccount(config.payoutAccount())
            .build();
    Payout payout;
    try {
      payout = client.v1().payouts().create(params, options);
    } catch (StripeException e) {
      throw StripeErrors.map("the payout of withdrawal " + request.withdrawalId(), e);
    }
    if (payout.getId() == null) {
      throw new SpeedTradeException(
          ErrorCode.PROVIDER_UNAVAILABLE,
          "Stripe answered the payout of withdrawal " + request.withdrawalId() + " without an id");
    }
    return new PayoutReceipt(payout.getId());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads {@code GET /v1/checkout/sessions/{reference}?expand[]=payment_intent}: a 404 {@code
   * resource_missing}, a session whose {@code metadata[user]} is not the request's user, or one
   * that is not {@code complete} and {@code paid} with a PaymentIntent is INVALID_ARGUMENT, before
   * anything is refunded. Then sends {@code POST /v1/refunds} with {@code payment_intent}, {@code
   * amount} in cents (the {@link Money}'s minor units), {@code reason} when given, {@code
   * metadata[refund_id]}, {@code metadata[deposit_id]} and {@code metadata[user]}, and the
   * request's idempotency key ({@code fund:refund:<id>}). Stripe's {@code amount_too_large} or
   * {@code charge_already_refunded} (more than is left) is INVALID_AMOUNT; its {@code
   * idempotency_error} (the same refund id with other fields) INVALID_ARGUMENT. The receipt is the
   * refund's id ({@code re_...}), amount and status: {@code pending} PENDING, {@code
   * requires_action} REQUIRES_ACTION, {@code succeeded} SUCCEEDED, {@code failed} FAILED, {@code
   * canceled} CANCELED; a status Stripe does not send or adds later is PENDING (not final).
   */
  @Override
  public RefundReceipt refund(RefundRequest request) {
    present(request, "request");
    long cents = cents(request.amount().amount());
    Session session = paidSession(request);
    String intent = session.getPaymentIntent();
    RefundCreateParams.Builder params =
        RefundCreateParams.builder()
            .setPaymentIntent(intent)
            .setAmount(cents)
            .putMetadata("refund_id", request.refundId())
            .putMetadata("user", request.user());
    String depositId =
        session.getMetadata() == null ? null : session.getMetadata().get("deposit_id");
    if (depositId != null) {
      params.putMetadata("deposit_id", depositId);
    }
    RefundRequest.Reason reason = request.reason();
    if (reason != null) {
      params.setReason(
          switch (reason) {
            case DUPLICATE -> RefundCreateParams.Reason.DUPLICATE;
            case FRAUDULENT -> RefundCreateParams.Reason.FRAUDULENT;
            case REQUESTED_BY_CUSTOMER -> RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER;
          });
    }
    Refund refund;
    try {
      refund = client.v1().refunds().create(params.build(), idempotent(request.idempotencyKey()));
    } catch (StripeException e) {
      throw StripeErrors.mapRefund(
          "the refund " + request.refundId() + " of " + request.depositReference(), e);
    }
    String id = refund.getId();
    if (id == null || id.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.PROVIDER_UNAVAILABLE,
          "Stripe answered the refund " + request.refundId() + " without an id");
    }
    Long amount = refund.getAmount();
    return new RefundReceipt(
        id,
        amount == null ? request.amount() : Money.ofMinor(amount, USD),
        refundStatus(refund.getStatus()));
  }

  /** The deposit's session, when it is paid by the request's user; INVALID_ARGUMENT otherwise. */
  private Session paidSession(RefundRequest request) {
    String reference = request.depositReference();
    Session session;
    try {
      session =
          client
              .v1()
              .checkout()
              .sessions()
              .retrieve(
                  reference,
                  SessionRetrieveParams.builder().addExpand("payment_intent").build(),
                  RequestOptions.getDefault());
    } catch (StripeException e) {
      if (StripeErrors.isMissing(e)) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "Stripe knows no Checkout Session " + reference + " to refund",
            "resource_missing",
            e);
      }
      throw StripeErrors.map("the Checkout Session " + reference, e);
    }
    String user = session.getMetadata() == null ? null : session.getMetadata().get("user");
    if (!request.user().equals(user)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "Checkout Session "
              + reference
              + " was paid by user "
              + user
              + ", not by "
              + request.user());
    }
    if (!"complete".equals(session.getStatus())
        || !"paid".equals(session.getPaymentStatus())
        || session.getPaymentIntent() == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "Checkout Session "
              + reference
              + " is "
              + session.getStatus()
              + " and "
              + session.getPaymentStatus()
              + "; only a paid deposit is refunded");
    }
    return session;
  }

  /** Stripe's refund status as a receipt's; null or a status Stripe adds later is PENDING. */
  static RefundReceipt.Status refundStatus(@Nullable String status) {
    if (status == null) {
      return RefundReceipt.Status.PENDING;
    }
    switch (status) {
      case "requires_action":
        return RefundReceipt.Status.REQUIRES_ACTION;
      case "succeeded":
        return RefundReceipt.Status.SUCCEEDED;
      case "failed":
        return RefundReceipt.Status.FAILED;
      case "canceled":
        return RefundReceipt.Status.CANCELED;
      default:
        return RefundReceipt.Status.PENDING;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Verifies the one {@code Stripe-Signature} header with stripe-java's {@code Webhook} against
   * the configured clock and tolerance (a timestamp too far ahead is refused too), then maps the
   * event: see {@code docs/stripe.md}.
   */
  @Override
  public ProviderEvent parseWebhook(byte[] body, Map<String, List<String>> headers) {
    present(body, "body");
    present(headers, "headers");
    return webhooks.parse(body, headers);
  }

  /** Shows the configuration without its secrets. */
  @Override
  public String toString() {
    return "StripePaymentGateway[" + config + "]";
  }

  /** Returns {@code amount} in cents, exact. */
  static long cents(BigDecimal amount) {
    BigDecimal scaled;
    try {
      scaled = amount.setScale(2, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT, "USD amounts have at most 2 decimals, got " + amount, e);
    }
    BigDecimal cents = scaled.movePointRight(2);
    if (cents.signum() <= 0 || cents.compareTo(MAX_CENTS) > 0) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_AMOUNT,
          "amount must be above 0 and at most 999999.99 USD (Stripe's 8 digits), got " + amount);
    }
    return cents.longValueExact();
  }

  private static RequestOptions idempotent(String key) {
    return RequestOptions.builder().setIdempotencyKey(key).build();
  }

  private static URI uri(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new SpeedTradeException(
          ErrorCode.PROVIDER_UNAVAILABLE, "Stripe answered a session URL that is not a URI", e);
    }
  }

  private static String trimSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static <T> T present(@Nullable T value, String name) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, name + " must not be null");
    }
    return value;
  }

  private static String text(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, name + " must not be null or blank");
    }
    return value;
  }
}
