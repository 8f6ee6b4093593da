package dev.speedtrade.rebalance;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * A non-negative decimal held as base-10<sup>9</sup> limbs of {@code long} and a scale, with the
 * multiplication and addition of {@link BigDecimal} under {@link MathContext#DECIMAL128}: {@link
 * #setProduct} and {@link #add} leave exactly the value and scale that {@link
 * BigDecimal#multiply(BigDecimal, MathContext)} and {@link BigDecimal#add(BigDecimal, MathContext)}
 * return, without a {@code BigInteger} (one reads a value of more than 18 digits) and dividing by
 * constants only. Mutable, not thread-safe; the planner's merge (step 4) keeps one per symbol, and
 * step 3's sum of a bot's weights one per bot, both through {@link Decimal128Sum}.
 *
 * <p>Why the results are the same: for non-zero or zero operands alike, {@code BigDecimal} defines
 * {@code x.multiply(y, DECIMAL128)} as the exact product at scale {@code x.scale() + y.scale()} and
 * {@code x.add(y, DECIMAL128)} as the exact sum at scale {@code max(x.scale(), y.scale())}, each
 * then rounded to 34 digits: when the exact result has more than 34 digits, the {@code d} digits
 * above 34 are dropped {@code HALF_EVEN} and the scale lowered by {@code d}; when that rounds up to
 * 10<sup>34</sup>, one more zero is dropped. An exact result of at most 34 digits is kept as it is.
 * This class computes the exact result in limbs (at most 82 digits, else the caller must fall back
 * to {@code BigDecimal}) and applies the same rounding; the randomised test {@code
 * Decimal128LimbsTest} compares the two on 100,000 inputs. Two shortcuts reach the same result with
 * less work: two values below 10<sup>18</sup> at one scale add to at most 19 digits, which is exact
 * and kept as it is ({@link #addSmall}); and a 34-digit sum plus a value 1 to 9 decimals finer is
 * rounded without being formed ({@link #addBelow}, which says why).
 */
final class Decimal128Limbs {
  /** The digits of {@link MathContext#DECIMAL128}. */
  static final int PRECISION = 34;

  /** The most digits {@link #set} takes: four limbs. */
  static final int MAX_INPUT_DIGITS = 36;

  /**
   * The largest scale, in size, {@link #set} takes: products and sums of such values keep their
   * scales far inside {@code int}, so no operation here can overflow one.
   */
  static final int MAX_INPUT_SCALE = 1_000_000;

  /** The most digits an aligned operand of {@link #add} may have; the sum has one more at most. */
  static final int MAX_ALIGNED_DIGITS = 81;

  private static final long BASE = 1_000_000_000L;
  private static final int LIMB_DIGITS = 9;
  private static final int CAPACITY = 10;
  private static final long[] POW = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, BASE
  };
  private static final long TEN_18 = BASE * BASE;

  /** The top (fourth) limb of a 34-digit value is at least 10^6: 34 = 3 × 9 + 7 digits. */
  private static final long TOP_LIMB_OF_FULL = 1_000_000L;

  private static final BigInteger BIG_TEN_18 = BigInteger.valueOf(TEN_18);

  /** Little-endian limbs, each below 10<sup>9</sup>; those at {@code length} and above are junk. */
  private final long[] limbs = new long[CAPACITY];

  /** Scratch for {@link #addBelow}. */
  private final long[] quotient = new long[4];

  /** Limbs in use: at least one, the top one non-zero unless the value is zero. */
  private int length = 1;

  private int scale;

  /**
   * Sets this to {@code value}; returns false, leaving this unchanged, when the value is negative,
   * has more than {@value #MAX_INPUT_DIGITS} digits or a scale beyond {@value #MAX_INPUT_SCALE} in
   * size.
   */
  boolean set(BigDecimal value) {
    if (value.signum() < 0 || value.scale() > MAX_INPUT_SCALE || value.scale() < -MAX_INPUT_SCALE) {
      return false;
    }
    int precision = value.precision();
    if (precision > MAX_INPUT_DIGITS) {
      return false;
    }
    if (precision <= 9) {
      // The usual allocation weight (0.002, 0.25): one limb.
      limbs[0] = value.unscaledValue().longValue();
      length = 1;
    } else if (precision <= 18) {
      long unscaled = value.unscaledValue().longValue();
      limbs[0] = unscaled % BASE;
      limbs[1] = unscaled / BASE;
      length = 2;
    } else {
      BigInteger[] parts = value.unscaledValue().divideAndRemainder(BIG_TEN_18);
      long high = parts[0].longValue();
      long low = parts[1].longValue();
      limbs[0] = low % BASE;
      limbs[1] = low / BASE;
      limbs[2] = high % BASE;
      limbs[3] = high / BASE;
      length = 4;
      trim();
    }
    scale = value.scale();
    return true;
  }

  /** Sets this to {@code other}'s value and scale. */
  void set(Decimal128Limbs other) {
    System.arraycopy(other.limbs, 0, limbs, 0, other.length);
    length = other.length;
    scale = other.scale;
  }

  /**
   * Sets this to {@code x.multiply(y, DECIMAL128)}; this must be neither {@code x} nor {@code y},
   * both of which came from {@link #set} or from an operation here (four limbs at most).
   */
  void setProduct(Decimal128Limbs x, Decimal128Limbs y) {
    if (y.length == 1) {
      // The usual allocation weight (0.002, 0.25) has at most 9 digits: one row.
      long factor = y.limbs[0];
      long carry = 0;
      for (int i = 0; i < x.length; i++) {
        long t = x.limbs[i] * factor + carry;
        limbs[i] = t % BASE;
        carry = t / BASE;
      }
      limbs[x.length] = carry;
      length = x.length + 1;
    } else {
      int total = x.length + y.length;
      for (int i = 0; i < total; i++) {
        limbs[i] = 0;
      }
      for (int i = 0; i < x.length; i++) {
        long xi = x.limbs[i];
        long carry = 0;
        for (int j = 0; j < y.length; j++) {
          long t = limbs[i + j] + xi * y.limbs[j] + carry;
          limbs[i + j] = t % BASE;
          carry = t / BASE;
        }
        limbs[i + y.length] = carry;
      }
      length = total;
    }
    scale = x.scale + y.scale;
    trim();
    round();
  }

  /**
   * Sets this to {@code this.add(y, DECIMAL128)}; returns false, leaving this unchanged, when the
   * operand with the smaller scale, aligned to the larger, would have more than {@value
   * #MAX_ALIGNED_DIGITS} digits. {@code y} is left as it is.
   */
  boolean add(Decimal128Limbs y) {
    long shift = (long) scale - y.scale;
    if (shift == 0 && length <= 2 && y.length <= 2) {
      // Two values below 10^18 at one scale, as a bot's weights are: at most 19 digits, exact.
      addSmall(y);
      return true;
    }
    if (shift < 0 && shift >= -LIMB_DIGITS && isFull() && addBelow(y, (int) -shift)) {
      return true;
    }
    if (shift >= 0) {
      if (y.digits() + shift > MAX_ALIGNED_DIGITS) {
        return false;
      }
      addShifted(y.limbs, y.length, (int) shift);
    } else {
      if (digits() - shift > MAX_ALIGNED_DIGITS) {
        return false;
      }
      shiftUp((int) -shift);
      scale = y.scale;
      addShifted(y.limbs, y.length, 0);
    }
    round();
    return true;
  }

  /** Adds {@code y} at the same scale, both below 10^18: no division, nothing to round. */
  private void addSmall(Decimal128Limbs y) {
    long low = limbs[0] + y.limbs[0];
    long high = (length > 1 ? limbs[1] : 0) + (y.length > 1 ? y.limbs[1] : 0);
    if (low >= BASE) {
      low -= BASE;
      high++;
    }
    limbs[0] = low;
    if (high >= BASE) {
      limbs[1] = high - BASE;
      limbs[2] = 1;
      length = 3;
    } else {
      limbs[1] = high;
      length = high != 0 ? 2 : 1;
    }
  }

  /**
   * True when the value has exactly {@value #PRECISION} digits: four limbs, the top one 10^6 or
   * more.
   */
  private boolean isFull() {
    return length == 4 && limbs[3] >= TOP_LIMB_OF_FULL;
  }

  /**
   * The usual sum of a merge: this has 34 digits {@code A} and {@code low}, {@code L}, a scale
   * {@code k} higher, {@code 1 <= k <= 9}. The exact sum {@code A × 10^k + L} is {@code S × 10^k +
   * r} with {@code S = A + L / 10^k} and {@code r = L mod 10^k}; when {@code S < 10^34}, it has
   * exactly {@code 34 + k} digits (S has 34, as {@code S >= A}), so rounding drops the {@code k}
   * digits of {@code r}: {@code S}, plus one when {@code r} is above half of {@code 10^k} or is
   * half and {@code S} odd, at this scale. Returns false, leaving this unchanged, when {@code S >=
   * 10^34} (the general path then handles it).
   */
  private boolean addBelow(Decimal128Limbs low, int k) {
    long[] sum = quotient;
    for (int i = low.length; i < 4; i++) {
      sum[i] = 0;
    }
    long remainder = divide(low.limbs, 0, low.length, sum, k);
    long carry = 0;
    for (int i = 0; i < 4; i++) {
      long t = limbs[i] + sum[i] + carry;
      if (t >= BASE) {
        sum[i] = t - BASE;
        carry = 1;
      } else {
        sum[i] = t;
        carry = 0;
      }
    }
    if (carry != 0 || sum[3] >= TOP_LIMB_OF_FULL * 10) {
      return false;
    }
    long half = 5 * POW[k - 1];
    boolean up = remainder > half || remainder == half && (sum[0] & 1) == 1;
    System.arraycopy(sum, 0, limbs, 0, 4);
    if (up) {
      int i = 0;
      while (limbs[i] == BASE - 1) {
        limbs[i++] = 0;
      }
      limbs[i]++;
      if (limbs[3] >= TOP_LIMB_OF_FULL * 10) {
        // Rounded up to 10^34: BigDecimal rounds once more, to 10^33 a scale lower.
        limbs[3] /= 10;
        scale--;
      }
    }
    return true;
  }

  /** Returns the value as a {@code BigDecimal} with this scale. */
  BigDecimal toBigDecimal() {
    long low = limb(0) + limb(1) * BASE;
    long high = limb(2) + limb(3) * BASE;
    if (high == 0) {
      return BigDecimal.valueOf(low, scale);
    }
    return new BigDecimal(
        BigInteger.valueOf(high).multiply(BIG_TEN_18).add(BigInteger.valueOf(low)), scale);
  }

  private long limb(int i) {
    return i < length ? limbs[i] : 0;
  }

  /** The digits of the value; zero has one. */
  int digits() {
    return LIMB_DIGITS * (length - 1) + digitsOf(limbs[length - 1]);
  }

  /** The digits of a limb, {@code 0 <= limb < 10^9}; zero has one. */
  private static int digitsOf(long limb) {
    if (limb < 100_000L) {
      if (limb < 100L) {
        return limb < 10L ? 1 : 2;
      }
      return limb < 1_000L ? 3 : limb < 10_000L ? 4 : 5;
    }
    if (limb < 10_000_000L) {
      return limb < 1_000_000L ? 6 : 7;
    }
    return limb < 100_000_000L ? 8 : 9;
  }

  private void trim() {
    while (length > 1 && limbs[length - 1] == 0) {
      length--;
    }
  }

  /** Adds {@code source × 10^shift}, which has at most {@value #MAX_ALIGNED_DIGITS} digits. */
  private void addShifted(long[] source, int sourceLength, int shift) {
    int offset = shift / LIMB_DIGITS;
    long factor = POW[shift % LIMB_DIGITS];
    for (int i = length; i < offset; i++) {
      limbs[i] = 0;
    }
    long carry = 0;
    int i = offset;
    for (int j = 0; j < sourceLength; j++, i++) {
      long t = (i < length ? limbs[i] : 0) + source[j] * factor + carry;
      limbs[i] = t % BASE;
      carry = t / BASE;
    }
    for (; carry != 0 || i < length; i++) {
      long t = (i < length ? limbs[i] : 0) + carry;
      limbs[i] = t % BASE;
      carry = t / BASE;
    }
    length = Math.max(length, i);
    trim();
  }

  /**
   * Multiplies by 10^shift in place; the result has at most {@value #MAX_ALIGNED_DIGITS} digits.
   */
  private void shiftUp(int shift) {
    int offset = shift / LIMB_DIGITS;
    long factor = POW[shift % LIMB_DIGITS];
    if (factor != 1) {
      long carry = 0;
      for (int i = 0; i < length; i++) {
        long t = limbs[i] * factor + carry;
        limbs[i] = t % BASE;
        carry = t / BASE;
      }
      if (carry != 0) {
        limbs[length++] = carry;
      }
    }
    if (offset > 0) {
      for (int i = length - 1; i >= 0; i--) {
        limbs[i + offset] = limbs[i];
      }
      for (int i = 0; i < offset; i++) {
        limbs[i] = 0;
      }
      length += offset;
    }
    trim();
  }

  /**
   * Rounds to {@value #PRECISION} digits as {@code BigDecimal} does: the digits above 34 dropped
   * {@code HALF_EVEN}, the scale lowered by as many, and 10<sup>34</sup> made 10<sup>33</sup> with
   * the scale lowered by one more.
   */
  private void round() {
    int digits = digits();
    if (digits <= PRECISION) {
      return;
    }
    int drop = digits - PRECISION;
    // The digits below the first dropped one: whole limbs, then a part of the next.
    int below = drop - 1;
    int wholeLimbs = below / LIMB_DIGITS;
    int partDigits = below % LIMB_DIGITS;
    boolean sticky = false;
    for (int i = 0; i < wholeLimbs; i++) {
      sticky |= limbs[i] != 0;
    }
    // Divide the limbs from wholeLimbs up by 10^(partDigits + 1), in place, top down.
    long remainder = divide(limbs, wholeLimbs, length, limbs, partDigits + 1);
    long firstDropped = dividePow10(remainder, partDigits);
    sticky |= remainder - firstDropped * POW[partDigits] != 0;
    if (wholeLimbs > 0) {
      for (int i = 0; i + wholeLimbs < length; i++) {
        limbs[i] = limbs[i + wholeLimbs];
      }
      length -= wholeLimbs;
    }
    trim();
    scale -= drop;
    if (firstDropped > 5 || firstDropped == 5 && (sticky || (limbs[0] & 1) == 1)) {
      int i = 0;
      while (i < length && limbs[i] == BASE - 1) {
        limbs[i++] = 0;
      }
      if (i == length) {
        limbs[length++] = 1;
      } else {
        limbs[i]++;
      }
      if (digits() > PRECISION) {
        // Rounded up to 10^34: BigDecimal rounds once more, to 10^33 a scale lower.
        limbs[length - 1] /= 10;
        scale--;
      }
    }
  }

  /**
   * Divides the limbs of {@code source} from {@code from} to {@code end} (excluded) by {@code
   * 10^power}, {@code 1 <= power <= 9}, writing each quotient limb at the same index of {@code
   * target} (which may be {@code source}); returns the remainder. One loop per power, so that each
   * divisor is a constant the JIT turns into a multiplication.
   */
  private static long divide(long[] source, int from, int end, long[] target, int power) {
    switch (power) {
      case 1:
        return divide(source, from, end, target, 10L);
      case 2:
        return divide(source, from, end, target, 100L);
      case 3:
        return divide(source, from, end, target, 1_000L);
      case 4:
        return divide(source, from, end, target, 10_000L);
      case 5:
        return divide(source, from, end, target, 100_000L);
      case 6:
        return divide(source, from, end, target, 1_000_000L);
      case 7:
        return divide(source, from, end, target, 10_000_000L);
      case 8:
        return divide(source, from, end, target, 100_000_000L);
      case 9:
        return divide(source, from, end, target, BASE);
      default:
        throw new IllegalArgumentException("power " + power);
    }
  }

  private static long divide(long[] source, int from, int end, long[] target, long divisor) {
    long remainder = 0;
    for (int i = end - 1; i >= from; i--) {
      long current = remainder * BASE + source[i];
      long quotient = current / divisor;
      remainder = current - quotient * divisor;
      target[i] = quotient;
    }
    return remainder;
  }

  /** Returns {@code value / 10^power} for {@code 0 <= power <= 8}, by constants as above. */
  private static long dividePow10(long value, int power) {
    switch (power) {
      case 0:
        return value;
      case 1:
        return value / 10L;
      case 2:
        return value / 100L;
      case 3:
        return value / 1_000L;
      case 4:
        return value / 10_000L;
      case 5:
        return value / 100_000L;
      case 6:
        return value / 1_000_000L;
      case 7:
        return value / 10_000_000L;
      case 8:
        return value / 100_000_000L;
      default:
        throw new IllegalArgumentException("power " + power);
    }
  }
}
