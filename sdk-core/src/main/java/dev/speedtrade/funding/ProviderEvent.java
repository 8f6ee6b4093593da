package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A payment provider's webhook after {@link PaymentGateway#parseWebhook} verified and read it: an
 * event about a deposit, about a payout, or one the platform does not act on. Every event has the
 * provider's id, unique per event, by which the platform applies it at most once (a redelivered
 * webhook parses to the same id).
 */
public sealed interface ProviderEvent {

  /** Returns the provider's id of the event. */
  String eventId();

  /**
   * An event about a deposit, what {@link FundingService#applyDepositEvent} takes.
   *
   * @param eventId the provider's id of the event
   * @param depositId the platform's id of the deposit, as given in its {@link DepositRequest}
   * @param type what happened
   * @param confirmedAmount for {@link DepositEventType#COMPLETED}, what the provider collected
   *     (USD, may differ from what was asked), or null when the provider does not say; null for
   *     every other type
   */
  record DepositEvent(
      String eventId, String depositId, DepositEventType type, @Nullable BigDecimal confirmedAmount)
      implements ProviderEvent {

    /**
     * Checks the fields.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id, a null
     *     type, or a confirmed amount with a type other than COMPLETED; {@link
     *     ErrorCode#INVALID_AMOUNT} for a confirmed amount not above 0 or with more than 2 decimals
     */
    public DepositEvent {
      PaymentArguments.text(eventId, "eventId");
      PaymentArguments.text(depositId, "depositId");
      PaymentArguments.present(type, "type");
      if (confirmedAmount != null) {
        if (type != DepositEventType.COMPLETED) {
          throw new SpeedTradeException(
              ErrorCode.INVALID_ARGUMENT,
              "only a COMPLETED deposit event has a confirmed amount, got "
                  + confirmedAmount
                  + " with "
                  + type);
        }
        PaymentArguments.amount(confirmedAmount, "confirmedAmount");
      }
    }
  }

  /**
   * An event about the payout of a withdrawal, what {@link FundingService#applyPayoutEvent} takes.
   *
   * @param eventId the provider's id of the event
   * @param withdrawalId the platform's id of the withdrawal, as given in its {@link PayoutRequest}
   * @param type what happened
   */
  record PayoutEvent(String eventId, String withdrawalId, PayoutEventType type)
      implements ProviderEvent {

    /**
     * Checks the fields.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id or a
     *     null type
     */
    public PayoutEvent {
      PaymentArguments.text(eventId, "eventId");
      PaymentArguments.text(withdrawalId, "withdrawalId");
      PaymentArguments.present(type, "type");
    }
  }

  /**
   * A genuine event of a type the platform does not act on; a host acknowledges it and does nothing
   * else.
   *
   * @param eventId the provider's id of the event
   * @param providerType the provider's name of the event's type, as it sent it
   */
  record IgnoredEvent(String eventId, String providerType) implements ProviderEvent {

    /**
     * Checks the fields.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank field
     */
    public IgnoredEvent {
      PaymentArguments.text(eventId, "eventId");
      PaymentArguments.text(providerType, "providerType");
    }
  }
}
