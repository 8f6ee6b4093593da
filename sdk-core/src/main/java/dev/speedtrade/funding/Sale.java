package dev.speedtrade.funding;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A us_equity sale whose proceeds settle on a later trading day.
 *
 * @param execId the fill's execution id
 * @param user the user
 * @param amount the proceeds, USD at 2 decimals
 * @param settlesOn the date they become cash
 * @param settled whether they have
 */
public record Sale(
    String execId, String user, BigDecimal amount, LocalDate settlesOn, boolean settled) {}
