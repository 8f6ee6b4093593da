/**
 * {@link dev.speedtrade.kyc.KycProvider} over Sumsub: {@link
 * dev.speedtrade.sumsub.SumsubKycProvider}, configured by {@link
 * dev.speedtrade.sumsub.SumsubConfig}. Every request is signed as Sumsub's App Token authentication
 * asks ({@code X-App-Token}, {@code X-App-Access-Ts}, {@code X-App-Access-Sig}); webhooks are
 * verified against their {@code X-Payload-Digest} before they are read. See {@code docs/kyc.md}.
 */
@NullMarked
package dev.speedtrade.sumsub;

import org.jspecify.annotations.NullMarked;
