package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;

/**
 * Where a withdrawal is paid: a Mexican bank account by its CLABE, or a debit card on file by its
 * last four digits. Kept masked wherever it is shown: {@link #masked()} and each {@code toString()}
 * never give a whole CLABE.
 */
public sealed interface Destination {

  /** Returns the destination as it may be shown: {@code bank:****1234} or {@code card:****4242}. */
  String masked();

  /** Returns {@code bank} or {@code card}. */
  String type();

  /**
   * Returns a bank account destination. Whether the CLABE is valid is the funding service's to
   * answer ({@link FundingCode#INVALID_CLABE}), not an exception.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null CLABE
   */
  static Destination bank(String clabe) {
    return new Bank(clabe);
  }

  /**
   * Returns a card destination.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} unless {@code last4} is 4 digits
   */
  static Destination card(String last4) {
    return new Card(last4);
  }

  /**
   * True when {@code clabe} is 18 digits whose last is the check digit of the first 17: with s =
   * (sum of (digit x weight) mod 10 over them, weights 3, 7, 1 repeating) mod 10, the last digit is
   * (10 - s) mod 10.
   */
  static boolean isValidClabe(String clabe) {
    if (clabe.length() != 18) {
      return false;
    }
    int[] weights = {3, 7, 1};
    int sum = 0;
    for (int i = 0; i < 18; i++) {
      char c = clabe.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      if (i < 17) {
        sum += ((c - '0') * weights[i % 3]) % 10;
      }
    }
    int s = sum % 10;
    return clabe.charAt(17) - '0' == (10 - s) % 10;
  }

  /**
   * A bank account by its CLABE (18 digits, the last a check digit).
   *
   * @param clabe the CLABE as given
   */
  record Bank(String clabe) implements Destination {
    /** Checks that the CLABE is present. */
    public Bank {
      if (clabe == null) {
        throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "clabe must not be null");
      }
    }

    @Override
    public String type() {
      return "bank";
    }

    @Override
    public String masked() {
      return "bank:****" + clabe.substring(Math.max(0, clabe.length() - 4));
    }

    @Override
    public String toString() {
      return masked();
    }
  }

  /**
   * A debit card on file by the last four digits of its number.
   *
   * @param last4 four digits
   */
  record Card(String last4) implements Destination {
    /** Checks that {@code last4} is four digits. */
    public Card {
      if (last4 == null || !last4.matches("[0-9]{4}")) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "last4 must be 4 digits, got '" + last4 + "'");
      }
    }

    @Override
    public String type() {
      return "card";
    }

    @Override
    public String masked() {
      return "card:****" + last4;
    }

    @Override
    public String toString() {
      return masked();
    }
  }
}
