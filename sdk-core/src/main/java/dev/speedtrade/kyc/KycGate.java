package dev.speedtrade.kyc;

/**
 * Where a user's identity verification stands, as the services that gate money and trading read it
 * (deposits above a limit, withdrawals, orders, bot investments need {@link KycStatus#APPROVED}).
 * {@link KycService} implements it; a test may pass a lambda.
 *
 * <p>Implementations are thread-safe and answer from what they have stored, without calling the
 * provider.
 */
@FunctionalInterface
public interface KycGate {
  /**
   * Returns where {@code user}'s verification stands: {@link KycStatus#PENDING} for a user who
   * never started one.
   *
   * @param user the platform's user id
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} for a null or blank user id
   */
  KycStatus status(String user);
}
