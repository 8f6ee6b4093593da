package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;

/**
 * What the platform asks a {@link PaymentGateway} to pay out for one withdrawal.
 *
 * @param withdrawalId the withdrawal's id on the platform; the gateway's idempotency key derives
 *     from it
 * @param amount the net paid to the destination, USD, greater than 0 with at most 2 decimals
 * @param destination where it is paid; masked in {@link #toString()}
 */
public record PayoutRequest(String withdrawalId, BigDecimal amount, Destination destination) {

  /**
   * Checks every field.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id or a null
   *     destination; {@link ErrorCode#INVALID_AMOUNT} for an amount that is null, not above 0 or
   *     has more than 2 decimals
   */
  public PayoutRequest {
    PaymentArguments.text(withdrawalId, "withdrawalId");
    PaymentArguments.amount(amount, "amount");
    PaymentArguments.present(destination, "destination");
  }

  /**
   * Returns the key a gateway sends its provider so that a retried payout pays nothing more: the
   * same for every request of this withdrawal id, different for every other withdrawal id, and at
   * most 128 characters of {@code [A-Za-z0-9:._-]}.
   */
  public String idempotencyKey() {
    return FundingIds.of("payout", withdrawalId);
  }
}
