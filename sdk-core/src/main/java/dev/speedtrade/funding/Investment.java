package dev.speedtrade.funding;

import java.math.BigDecimal;
import java.util.List;

/**
 * An auto-invest as it was asked, to tell a repeat ({@code EXISTS}) from a clash ({@code
 * ID_IN_USE}).
 *
 * @param id the auto-invest's id
 * @param user the user
 * @param amount the amount asked, as given
 * @param ranked the ranked symbols asked, in order (empty: the default policy)
 */
public record Investment(String id, String user, BigDecimal amount, List<String> ranked) {
  /** Copies the list. */
  public Investment {
    ranked = List.copyOf(ranked);
  }
}
