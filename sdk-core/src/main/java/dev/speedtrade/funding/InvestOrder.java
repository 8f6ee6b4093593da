package dev.speedtrade.funding;

import java.math.BigDecimal;

/**
 * A notional market buy made by an auto-invest.
 *
 * @param id {@code investId:symbol}
 * @param investId the auto-invest that made it
 * @param user the user
 * @param symbol what it buys
 * @param notional the USD it may spend, held while it is open
 * @param status where it stands
 * @param filledAmount what its fill cost, 0.00 until filled
 */
public record InvestOrder(
    String id,
    String investId,
    String user,
    String symbol,
    BigDecimal notional,
    InvestOrderStatus status,
    BigDecimal filledAmount) {

  InvestOrder with(InvestOrderStatus next, BigDecimal filled) {
    return new InvestOrder(id, investId, user, symbol, notional, next, filled);
  }
}
