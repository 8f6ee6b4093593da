/**
 * The {@code PaymentGateway} SPI over Stripe: deposits, payouts and verified webhooks. Filled by
 * the funding issue.
 */
@NullMarked
package dev.speedtrade.stripe;

import org.jspecify.annotations.NullMarked;
