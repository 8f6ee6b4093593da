package dev.speedtrade.stripe;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The fixtures under {@code src/test/resources/stripe} (sources in the README there). */
final class Fixtures {
  static final String API_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
  static final String WEBHOOK_SECRET = "whsec_test_6a3d1f8e2b7c";
  static final String PAYOUT_ACCOUNT = "acct_1032D82eZvKYlo2C";

  private Fixtures() {}

  static String text(String name) {
    try (InputStream in =
        Objects.requireNonNull(
            Fixtures.class.getResourceAsStream("/stripe/" + name), "no fixture " + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh copy of the fixture's JSON object. */
  static JsonObject json(String name) {
    return JsonParser.parseString(text(name)).getAsJsonObject();
  }
}
