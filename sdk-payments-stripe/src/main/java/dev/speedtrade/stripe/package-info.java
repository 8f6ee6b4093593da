/**
 * {@link dev.speedtrade.funding.PaymentGateway} over Stripe: {@link
 * dev.speedtrade.stripe.StripePaymentGateway}, configured by {@link
 * dev.speedtrade.stripe.StripeConfig}. Deposits are collected through Checkout Sessions,
 * withdrawals paid out through payouts to external accounts of a connected account, webhooks
 * verified with stripe-java's {@code Webhook} on the raw body before they are read. See {@code
 * docs/stripe.md}.
 */
@NullMarked
package dev.speedtrade.stripe;

import org.jspecify.annotations.NullMarked;
