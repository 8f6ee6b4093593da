package dev.speedtrade.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic transfer ids derived from the ids of what makes a transfer, so that a retried
 * posting converges on {@link TransferResult#EXISTS} instead of moving money twice.
 *
 * <p>{@link #derive derive("oms", "alice", "buy-1", "hold", "2")} is the readable {@code
 * oms:alice:buy-1:hold:2} when every part is one or more of {@code [A-Za-z0-9._-]} and the id fits
 * the ledger's 128 characters; otherwise it is the namespace, {@code h:} and the SHA-256 of the
 * parts, each prefixed with its length ({@code omsh:3f0a...}), so that parts holding any character,
 * or many, still give one id each and never meet a readable one.
 */
public final class TransferIds {
  private static final int MAX_LENGTH = 128;

  private TransferIds() {}

  /**
   * Returns the id of {@code parts} in {@code namespace} (itself plain and short, such as {@code
   * oms} or {@code fund}).
   */
  public static String derive(String namespace, String... parts) {
    int length = namespace.length();
    boolean plain = true;
    for (String part : parts) {
      length += 1 + part.length();
      plain &= isPlain(part);
    }
    if (plain && length <= MAX_LENGTH) {
      StringBuilder readable = new StringBuilder(length).append(namespace);
      for (String part : parts) {
        readable.append(':').append(part);
      }
      return readable.toString();
    }
    MessageDigest digest = sha256();
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      digest.update((byte) ':');
      digest.update(bytes);
    }
    return namespace + "h:" + HexFormat.of().formatHex(digest.digest());
  }

  /** True for one or more of {@code [A-Za-z0-9._-]}, without a regular expression (a hot path). */
  private static boolean isPlain(String part) {
    if (part.isEmpty()) {
      return false;
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
