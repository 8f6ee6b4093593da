package dev.speedtrade.kyc;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A verified webhook as the platform keeps it: the event read from it, its raw body byte for byte
 * as received, when it was received, and what {@link KycService#handleWebhook} did with it. One per
 * {@link KycWebhookEvent#eventKey()}: a redelivery is answered {@link KycUpdateCode#DUPLICATE} and
 * not kept again. Only webhooks whose signature verified are kept.
 *
 * <p>Immutable: the body is copied in and out. Two are equal when every part is (the bodies byte
 * for byte). {@link #toString()} names the event and the body's size, not the body.
 */
public final class KycReceivedWebhook {
  private final KycWebhookEvent event;
  private final byte[] body;
  private final Instant receivedAt;
  private final KycUpdateCode outcome;

  /**
   * Copies a received webhook.
   *
   * @param event the event the provider read from the webhook
   * @param body the raw body, as received
   * @param receivedAt when the platform received it (its clock)
   * @param outcome what was done with it: any code but {@link KycUpdateCode#DUPLICATE}, which is
   *     never kept
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null argument or a {@link
   *     KycUpdateCode#DUPLICATE} outcome
   */
  public KycReceivedWebhook(
      KycWebhookEvent event, byte[] body, Instant receivedAt, KycUpdateCode outcome) {
    this.event = KycValues.requireNonNull(event, "event");
    this.body = KycValues.requireNonNull(body, "body").clone();
    this.receivedAt = KycValues.requireNonNull(receivedAt, "receivedAt");
    this.outcome = KycValues.requireNonNull(outcome, "outcome");
    if (outcome == KycUpdateCode.DUPLICATE) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "a duplicate webhook is not kept again: no DUPLICATE outcome");
    }
  }

  /** Returns the event read from the webhook. */
  public KycWebhookEvent event() {
    return event;
  }

  /** Returns the event's key, which identifies the webhook: {@code event().eventKey()}. */
  public String eventKey() {
    return event.eventKey();
  }

  /** Returns a copy of the raw body, byte for byte as received. */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the body read as UTF-8 (a provider's JSON); bytes that are not UTF-8 show as U+FFFD.
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Returns when the platform received the webhook. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** Returns what was done with the webhook. */
  public KycUpdateCode outcome() {
    return outcome;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof KycReceivedWebhook that
        && event.equals(that.event)
        && Arrays.equals(body, that.body)
        && receivedAt.equals(that.receivedAt)
        && outcome == that.outcome;
  }

  @Override
  public int hashCode() {
    return Objects.hash(event, Arrays.hashCode(body), receivedAt, outcome);
  }

  /** Names the event key, type, applicant, receipt time, outcome and the body's size. */
  @Override
  public String toString() {
    return "KycReceivedWebhook[eventKey="
        + event.eventKey()
        + ", type="
        + event.type()
        + ", applicantId="
        + event.applicantId()
        + ", receivedAt="
        + receivedAt
        + ", outcome="
        + outcome
        + ", body="
        + body.length
        + " bytes]";
  }
}
