package dev.speedtrade.sumsub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Sumsub fixtures under {@code src/test/resources/sumsub} (sources in its README.md), the
 * recognisable credentials the tests use, and an HMAC written apart from the adapter's, to check it
 * against.
 */
final class Fixtures {
  static final String APP_TOKEN = "sbx:RECOGNISABLEappTOKEN0001.PrivatePart0001";
  static final String SECRET_KEY = "recognisable-SECRET-key-0123456789";
  static final String WEBHOOK_SECRET = "recognisable-WEBHOOK-secret-0123456789";
  static final String LEVEL = "basic-kyc-level";

  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/sumsub/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /** The lower-case hex HMAC of the parts, one after the other, under {@code key}. */
  static String hmacHex(String javaName, String key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance(javaName);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), javaName));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
