package dev.speedtrade.funding;

import java.math.BigDecimal;

/**
 * A user's position in one symbol, from its fills; listed from its first fill, even at qty 0.
 *
 * @param user the user
 * @param symbol the instrument
 * @param qty what the user holds
 * @param marketValue qty x the mark now, rounded HALF_EVEN to cents
 */
public record FundingPosition(String user, String symbol, BigDecimal qty, BigDecimal marketValue) {}
