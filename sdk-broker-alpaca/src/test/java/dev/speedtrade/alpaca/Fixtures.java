package dev.speedtrade.alpaca;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Alpaca response fixtures under {@code src/test/resources/alpaca}. */
final class Fixtures {
  static final String KEY = "PKRECOGNISABLEKEY0001";
  static final String SECRET = "recognisable-SECRET-value-0123456789";

  private Fixtures() {}

  static String read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/alpaca/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
