/**
 * Money in and out of the platform, per {@code docs/funding-contract.md}: deposits and the payment
 * provider's events, instant and reviewed withdrawals with their fees and limits, the settlement of
 * sale proceeds, auto-invest with its liquidity buffer, and the platform's liquidity report. Every
 * movement is a transfer on the {@link dev.speedtrade.ledger.Ledger}, on the chart of accounts of
 * {@link dev.speedtrade.oms.ClientLedgerAccounts}; every amount is exact, and each rounding is
 * named where it happens. The service is {@link dev.speedtrade.funding.FundingService}.
 *
 * <p>The payment provider sits behind {@link dev.speedtrade.funding.PaymentGateway}: starting
 * deposits and payouts, and verifying and reading its webhooks into {@link
 * dev.speedtrade.funding.ProviderEvent}s; {@link dev.speedtrade.funding.SimulatedPaymentGateway}
 * implements it in memory.
 */
@NullMarked
package dev.speedtrade.funding;

import org.jspecify.annotations.NullMarked;
