/**
 * Identity verification (KYC) of the platform's users: the {@link dev.speedtrade.kyc.KycProvider}
 * SPI that a provider adapter implements (applicants, access tokens for the provider's web SDK,
 * review statuses, verified webhooks), its values, the deterministic in-memory {@link
 * dev.speedtrade.kyc.MockKycProvider} for tests and demos, and where a user stands ({@link
 * dev.speedtrade.kyc.KycStatus}), which the funding and order services read to gate money and
 * trading.
 *
 * <p>Sits above {@code broker} and below {@code risk}, {@code oms} and {@code funding}: it imports
 * only the JDK, slf4j, jspecify and the error and secret packages.
 */
@NullMarked
package dev.speedtrade.kyc;

import org.jspecify.annotations.NullMarked;
