/**
 * Identity verification (KYC) of the platform's users: {@link dev.speedtrade.kyc.KycService} (a
 * verification per user with its history, the provider's webhooks kept and applied once, in any
 * order) and the {@link dev.speedtrade.kyc.KycGate} through which the funding and order services
 * read where a user stands ({@link dev.speedtrade.kyc.KycStatus}) to gate money and trading; the
 * {@link dev.speedtrade.kyc.KycProvider} SPI that a provider adapter implements (applicants, access
 * tokens for the provider's web SDK, review statuses, verified webhooks), its values, and the
 * deterministic in-memory {@link dev.speedtrade.kyc.MockKycProvider} for tests and demos. The
 * service's store SPI is in {@code kyc.spi}.
 *
 * <p>Sits above {@code broker} and below {@code risk}, {@code oms} and {@code funding}: it imports
 * only the JDK, slf4j, jspecify and the error, secret and event packages.
 */
@NullMarked
package dev.speedtrade.kyc;

import org.jspecify.annotations.NullMarked;
