/**
 * For implementors: where {@link dev.speedtrade.kyc.KycService} keeps the users' verifications,
 * their history and the webhooks received ({@link dev.speedtrade.kyc.spi.KycStore}), in memory
 * ({@link dev.speedtrade.kyc.spi.InMemoryKycStore}) or on a database (the JDBC store of {@code
 * sdk-ledger-jdbc}). Hosts only pick one. Each implementation passes {@code KycStoreContract} of
 * {@code sdk-testkit}.
 */
@NullMarked
package dev.speedtrade.kyc.spi;

import org.jspecify.annotations.NullMarked;
