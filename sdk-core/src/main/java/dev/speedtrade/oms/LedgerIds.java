package dev.speedtrade.oms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Deterministic ledger transfer ids of the order service, so that a retried posting converges on
 * {@code EXISTS}. Readable ({@code oms:alice:buy-1:hold:2:cash}) when every part is plain ({@code
 * [A-Za-z0-9._-]}) and the id fits the ledger's 128 characters; else {@code omsh:} and the SHA-256
 * of the parts (client order ids and exec ids may hold any character). The two forms never meet:
 * their prefixes differ.
 */
final class LedgerIds {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");
  private static final int MAX_LENGTH = 128;

  private LedgerIds() {}

  static String of(String... parts) {
    String readable = "oms:" + String.join(":", parts);
    boolean plain = readable.length() <= MAX_LENGTH;
    for (String part : parts) {
      plain &= PLAIN.matcher(part).matches();
    }
    if (plain) {
      return readable;
    }
    MessageDigest digest = sha256();
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      digest.update((byte) ':');
      digest.update(bytes);
    }
    return "omsh:" + HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
