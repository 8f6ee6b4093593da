package dev.speedtrade.broker;

import dev.speedtrade.money.Money;
import java.util.Objects;

/**
 * A brokerage account's state at one moment.
 *
 * @param id the broker's account id
 * @param status whether the account is active
 * @param cash settled and unsettled cash; may be negative on margin
 * @param equity cash plus the market value of all positions
 * @param buyingPower what the account can spend on new buys now, after open buy orders
 * @param tradingBlocked true when the broker blocks all trading on the account
 */
public record Account(
    String id,
    AccountStatus status,
    Money cash,
    Money equity,
    Money buyingPower,
    boolean tradingBlocked) {

  /** Checks that every field is present. */
  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cash, "cash");
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(buyingPower, "buyingPower");
  }
}
