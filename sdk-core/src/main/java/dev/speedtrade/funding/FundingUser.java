package dev.speedtrade.funding;

import dev.speedtrade.kyc.KycStatus;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A user as the funding service knows it.
 *
 * @param id the user's id, 1-64 characters of {@code [A-Za-z0-9._-]}
 * @param kyc the user's verification status
 * @param instantDailyLimit the user's own daily instant limit, or null for the settings'
 */
public record FundingUser(String id, KycStatus kyc, @Nullable BigDecimal instantDailyLimit) {}
