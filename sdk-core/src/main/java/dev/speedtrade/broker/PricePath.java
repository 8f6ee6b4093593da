package dev.speedtrade.broker;

import dev.speedtrade.money.Price;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/** The seeded random walk behind {@link SimulatedBroker#step()}. */
final class PricePath {
  private static final BigDecimal FLOOR = new BigDecimal("0.0001");
  private static final int STEPS = 1000;

  private PricePath() {}

  /**
   * Returns {@code price} moved by a uniform random percentage in {@code [-maxStepPercent,
   * +maxStepPercent]} (in 2,001 even steps), rounded HALF_EVEN to cents, or to 4 decimals below $1.
   */
  static Price next(Price price, BigDecimal maxStepPercent, Random random) {
    BigDecimal unit =
        BigDecimal.valueOf(random.nextInt(2 * STEPS + 1) - STEPS).divide(BigDecimal.valueOf(STEPS));
    BigDecimal factor = BigDecimal.ONE.add(unit.multiply(maxStepPercent).movePointLeft(2));
    BigDecimal moved = price.value().multiply(factor);
    int scale = moved.compareTo(BigDecimal.ONE) >= 0 ? 2 : 4;
    BigDecimal rounded = moved.setScale(scale, RoundingMode.HALF_EVEN);
    return Price.of(rounded.compareTo(FLOOR) < 0 ? FLOOR : rounded);
  }
}
