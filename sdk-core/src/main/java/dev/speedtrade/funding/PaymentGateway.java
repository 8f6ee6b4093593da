package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payment provider that collects deposits, refunds them and pays withdrawals out, and whose
 * webhooks say what became of them. One adapter per provider; {@link SimulatedPaymentGateway} for
 * tests and demos. The contract every implementation keeps is {@code PaymentGatewayContract} in
 * {@code sdk-testkit}.
 *
 * <p>Starts are idempotent by the platform's id: starting a deposit, a payout or a refund again
 * with the same id (after a timeout, from another thread or another JVM) answers what the first
 * start answered and never collects or pays twice; an implementation sends the request's {@code
 * idempotencyKey()} to its provider for that. The same id with other fields is refused.
 *
 * <p>Webhooks are verified before they are read: {@link #parseWebhook} checks the signature over
 * the raw body first, so a forged or altered webhook changes nothing.
 *
 * <p>Implementations are thread-safe.
 */
public interface PaymentGateway {

  /**
   * Starts collecting a deposit at the provider and returns where the user pays; starting the same
   * deposit id again returns the same session and starts nothing new.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null request, or a deposit
   *     id started before with another user or amount; a provider's failure with its provider code
   *     ({@link ErrorCode#PROVIDER_UNAVAILABLE}, {@link ErrorCode#RATE_LIMITED}, ...), after which
   *     the same request may be retried
   */
  DepositSession startDeposit(DepositRequest request);

  /**
   * Returns where the deposit the provider knows as {@code providerReference} stands, or empty when
   * the provider knows no such reference.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank reference; a
   *     provider's failure with its provider code
   */
  Optional<ProviderDepositStatus> depositStatus(String providerReference);

  /**
   * Keeps a user's payout destination at the provider and returns the provider's token for it. The
   * platform stores only the destination's masked form, its fingerprint and this token ({@link
   * Destination.Saved}); a later payout names the token, so the whole number lives only at the
   * provider. Saving the same destination of the same user again returns a token that pays the same
   * account (the same one, for the simulated gateway).
   *
   * @param user the user the destination belongs to
   * @param destination a bank account or card as the user gave it (not a {@link Destination.Saved})
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank user, a null
   *     or saved destination, or a bank account whose CLABE is not valid; a provider's failure with
   *     its provider code, after which the same call may be retried
   */
  String saveDestination(String user, Destination destination);

  /**
   * Asks the provider to pay a withdrawal's net to its destination; starting the same withdrawal id
   * again returns the same receipt and pays nothing more. What became of the payout arrives as a
   * {@link ProviderEvent.PayoutEvent}.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null request, a saved
   *     destination whose token this provider did not give, or a withdrawal id started before with
   *     another amount or destination; a provider's failure with its provider code, after which the
   *     same request may be retried
   */
  PayoutReceipt startPayout(PayoutRequest request);

  /**
   * Asks the provider to give back {@code request.amount()} of a completed deposit's payment to the
   * means the user paid with. Refunding the same refund id again returns the same receipt and gives
   * back nothing more (also from concurrent threads); several refund ids may refund one deposit in
   * parts, up to what the provider collected for it.
   *
   * <p>The platform's books are not moved here: the caller (the funding service) takes the money
   * out of the user's cash first, and the receipt's status says where the refund stood when the
   * provider answered. Later changes of a refund at the provider reach {@link #parseWebhook} as
   * {@link ProviderEvent.IgnoredEvent}s for now.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null request, a reference
   *     the provider does not know, a deposit that is not paid (pending, failed, expired,
   *     canceled), a deposit paid by another user, or a refund id refunded before with other
   *     fields; {@link ErrorCode#INVALID_AMOUNT} for an amount above what is left to refund of the
   *     deposit, or one the provider cannot send; a provider's failure with its provider code
   *     ({@link ErrorCode#PROVIDER_UNAVAILABLE}, {@link ErrorCode#RATE_LIMITED}, ...), after which
   *     the same request may be retried
   */
  RefundReceipt refund(RefundRequest request);

  /**
   * Verifies a webhook the provider sent and reads the event it carries. The signature is checked
   * first, over {@code body} exactly as received; only a genuine webhook is read.
   *
   * <p>A host's HTTP endpoint passes the request's raw body (not re-encoded, not parsed) and its
   * headers; header names are matched ignoring case. Reading changes nothing: the same webhook
   * parses to the same event each time, and the platform applies an event once by its id.
   *
   * @param body the raw request body
   * @param headers the request headers, each name with its values
   * @return the event: a deposit or payout event, or {@link ProviderEvent.IgnoredEvent} for a
   *     genuine event of a type the platform does not act on
   * @throws SpeedTradeException {@link ErrorCode#INVALID_SIGNATURE} when the signature header is
   *     missing or malformed, when no signature in it matches the body (forged, or the body
   *     altered), or when it was signed outside the tolerated window; {@link
   *     ErrorCode#INVALID_ARGUMENT} for a null body or headers, or a genuine body that cannot be
   *     read
   */
  ProviderEvent parseWebhook(byte[] body, Map<String, List<String>> headers);
}
