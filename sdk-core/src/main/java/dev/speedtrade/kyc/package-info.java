/**
 * Identity verification of the platform's users: where each user stands ({@link
 * dev.speedtrade.kyc.KycStatus}), which the funding and order services read to gate money and
 * trading.
 */
@NullMarked
package dev.speedtrade.kyc;

import org.jspecify.annotations.NullMarked;
