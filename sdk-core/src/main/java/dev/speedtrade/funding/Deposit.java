package dev.speedtrade.funding;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A deposit: what the user asked to pay in and what the provider confirmed.
 *
 * @param id the deposit's id, the key of its create
 * @param user the user
 * @param amount the amount asked for, USD, as given
 * @param confirmedAmount what the provider collected and the user was credited, null until
 *     COMPLETED
 * @param status where it stands
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param session where the payment provider collects it, null until a gateway started it (and
 *     always without one)
 */
public record Deposit(
    String id,
    String user,
    BigDecimal amount,
    @Nullable BigDecimal confirmedAmount,
    DepositStatus status,
    Instant createdAt,
    Instant updatedAt,
    @Nullable DepositSession session) {

  Deposit startedAs(DepositSession started, Instant at) {
    return new Deposit(id, user, amount, confirmedAmount, status, createdAt, at, started);
  }
}
