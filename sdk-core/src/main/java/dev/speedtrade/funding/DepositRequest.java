package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;

/**
 * What the platform asks a {@link PaymentGateway} to collect for one deposit.
 *
 * @param depositId the deposit's id on the platform; the gateway's idempotency key derives from it
 * @param user the id of the paying user
 * @param amount USD, greater than 0 with at most 2 decimals
 */
public record DepositRequest(String depositId, String user, BigDecimal amount) {

  /**
   * Checks every field.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null or blank id; {@link
   *     ErrorCode#INVALID_AMOUNT} for an amount that is null, not above 0 or has more than 2
   *     decimals
   */
  public DepositRequest {
    PaymentArguments.text(depositId, "depositId");
    PaymentArguments.text(user, "user");
    PaymentArguments.amount(amount, "amount");
  }

  /**
   * Returns the key a gateway sends its provider so that a retried start creates nothing new: the
   * same for every request of this deposit id, different for every other deposit id, and at most
   * 128 characters of {@code [A-Za-z0-9:._-]}.
   */
  public String idempotencyKey() {
    return FundingIds.of("deposit", depositId);
  }
}
