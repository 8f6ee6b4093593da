package dev.speedtrade.funding;

import dev.speedtrade.kyc.KycStatus;
import java.math.BigDecimal;

/**
 * A user's money as of one read, USD at 2 decimals.
 *
 * @param user the user
 * @param kyc the user's verification status
 * @param cash settled cash: credits posted - debits posted of the cash account
 * @param held what pending transfers hold of it (withdrawals, auto-invest reserves)
 * @param withdrawable cash - held - what the user owes the order service (a debit balance left by
 *     buys on credit against unsettled proceeds, on a service that trades through one), at least 0
 * @param unsettled sale proceeds awaiting settlement
 * @param invested sum over positions of qty x mark, each rounded HALF_EVEN to cents
 * @param equity cash + unsettled + invested - what the user owes the order service
 */
public record UserFunds(
    String user,
    KycStatus kyc,
    BigDecimal cash,
    BigDecimal held,
    BigDecimal withdrawable,
    BigDecimal unsettled,
    BigDecimal invested,
    BigDecimal equity) {}
