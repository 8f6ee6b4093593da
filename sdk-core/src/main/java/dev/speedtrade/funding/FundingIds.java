package dev.speedtrade.funding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ledger transfer ids of the funding service, so that a retried posting converges on
 * {@code EXISTS}: readable ({@code fund:dep:d1}) when every part is {@code [A-Za-z0-9._-]} and the
 * id fits the ledger's 128 characters; else {@code fundh:} and the SHA-256 of the parts.
 */
final class FundingIds {
  private static final int MAX_LENGTH = 128;

  private FundingIds() {}

  static String of(String... parts) {
    int length = 4;
    boolean plain = true;
    for (String part : parts) {
      length += 1 + part.length();
      plain &= isPlain(part);
    }
    if (plain && length <= MAX_LENGTH) {
      StringBuilder readable = new StringBuilder(length).append("fund");
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
    return "fundh:" + HexFormat.of().formatHex(digest.digest());
  }

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
