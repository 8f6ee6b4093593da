package dev.speedtrade.rebalance;

import java.math.BigDecimal;
import java.math.MathContext;
import org.jspecify.annotations.Nullable;

/**
 * A running sum whose every addition is {@code sum = sum.add(addend, DECIMAL128)}, value and scale
 * as {@code BigDecimal} gives them: computed in {@link Decimal128Limbs} while the sum and the
 * addend fit there, and in {@code BigDecimal} for an addition that does not (the sum returns to
 * limbs as soon as it fits again). Not thread-safe.
 */
final class Decimal128Sum {
  private static final MathContext MC = MathContext.DECIMAL128;

  private final Decimal128Limbs limbs = new Decimal128Limbs();

  /** The sum when it does not fit in {@link #limbs}; null while it does. */
  private @Nullable BigDecimal big;

  /** Starts at {@code initial}, as it is (not rounded). */
  Decimal128Sum(BigDecimal initial) {
    if (!limbs.set(initial)) {
      big = initial;
    }
  }

  /** Starts at {@code initial}, as it is. */
  Decimal128Sum(Decimal128Limbs initial) {
    limbs.set(initial);
  }

  /** Adds {@code addend}, using {@code scratch} (which it overwrites) for its limbs. */
  void add(BigDecimal addend, Decimal128Limbs scratch) {
    if (big == null && scratch.set(addend) && limbs.add(scratch)) {
      return;
    }
    addBig(addend);
  }

  /** Adds {@code addend}, which it leaves as it is. */
  void add(Decimal128Limbs addend) {
    if (big == null && limbs.add(addend)) {
      return;
    }
    addBig(addend.toBigDecimal());
  }

  private void addBig(BigDecimal addend) {
    BigDecimal next = value().add(addend, MC);
    big = limbs.set(next) ? null : next;
  }

  /** Returns the sum. */
  BigDecimal value() {
    BigDecimal value = big;
    return value != null ? value : limbs.toBigDecimal();
  }
}
