package dev.speedtrade.funding;

import java.math.BigDecimal;

/**
 * The platform's cash against what its users have asked to take out, USD.
 *
 * @param bufferTarget the sum of the users' liquidity buffers (buffer x equity, each rounded up)
 * @param cashOnHand the sum of the users' withdrawable cash
 * @param pendingWithdrawals the amounts of withdrawals PENDING_REVIEW or APPROVED
 * @param processingWithdrawals the amounts of withdrawals PROCESSING
 * @param surplus cashOnHand - pendingWithdrawals
 */
public record LiquidityReport(
    BigDecimal bufferTarget,
    BigDecimal cashOnHand,
    BigDecimal pendingWithdrawals,
    BigDecimal processingWithdrawals,
    BigDecimal surplus) {}
