package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Where a withdrawal is paid: a Mexican bank account by its CLABE, or a debit card on file by its
 * last four digits, as a user gives it; or {@link Saved}, the form the funding service keeps. Kept
 * masked wherever it is shown: {@link #masked()} and each {@code toString()} never give a whole
 * CLABE, and no store holds one (the payment provider keeps the number; the platform keeps its
 * token, its masked form and a fingerprint).
 */
public sealed interface Destination {

  /** Returns the destination as it may be shown: {@code bank:****1234} or {@code card:****4242}. */
  String masked();

  /** Returns {@code bank} or {@code card}. */
  String type();

  /**
   * Returns a digest that tells whether two destinations of {@code user} name the same account:
   * SHA-256 over the user, the type and the whole value, hex. Salted by the user, so equal numbers
   * of two users differ; it is no secret (a CLABE has few enough values to be found from it by
   * trying them), so it is kept only beside the records that already name the user.
   */
  String fingerprint(String user);

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
    public String fingerprint(String user) {
      return digest(user, type(), clabe);
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
    public String fingerprint(String user) {
      return digest(user, type(), last4);
    }

    @Override
    public String toString() {
      return masked();
    }
  }

  /**
   * A destination as the funding service keeps it: its type, its masked form, its {@link
   * #fingerprint} and the payment provider's token for it ({@link PaymentGateway#saveDestination}),
   * null when no gateway took it. Holds no whole CLABE; a payout names the token.
   *
   * @param type {@code bank} or {@code card}
   * @param masked the masked form, e.g. {@code bank:****9719}
   * @param fingerprint the digest of the whole value, from the destination as given
   * @param token the provider's token, or null
   */
  record Saved(String type, String masked, String fingerprint, @Nullable String token)
      implements Destination {

    /** Checks that every field but the token is present and the type is bank or card. */
    public Saved {
      if (type == null || !(type.equals("bank") || type.equals("card"))) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "type must be bank or card, got '" + type + "'");
      }
      PaymentArguments.text(masked, "masked");
      PaymentArguments.text(fingerprint, "fingerprint");
      if (token != null) {
        PaymentArguments.text(token, "token");
      }
    }

    /**
     * Returns how {@code destination} of {@code user} is kept, with the provider's {@code token}
     * (null for none); a destination already saved is returned as it is.
     */
    public static Saved of(String user, Destination destination, @Nullable String token) {
      if (destination instanceof Saved saved) {
        return saved;
      }
      return new Saved(
          destination.type(), destination.masked(), destination.fingerprint(user), token);
    }

    /** Returns the fingerprint it was saved with, whoever asks. */
    @Override
    public String fingerprint(String user) {
      return fingerprint;
    }

    @Override
    public String toString() {
      return masked + (token == null ? "" : " (" + token + ")");
    }
  }

  private static String digest(String user, String type, String value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] hash =
          sha.digest((user + '\0' + type + '\0' + value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
