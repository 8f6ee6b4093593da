package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The JSON the demo's provider stand-ins answer and send: copies of the providers' documented
 * shapes under {@code dev/speedtrade/examples/cli/stripe} and {@code .../sumsub} (each directory's
 * README cites its sources), read fresh for each use so a stand-in can fill in its fields.
 */
final class StandInFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StandInFixtures() {}

  /** A fresh copy of the JSON object in {@code provider/name}. */
  static ObjectNode object(String provider, String name) {
    String path = provider + "/" + name;
    try (InputStream in =
        Objects.requireNonNull(
            StandInFixtures.class.getResourceAsStream(path), "no stand-in fixture " + path)) {
      return (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a JSON object from a request's body. */
  static ObjectNode parse(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node instanceof ObjectNode object ? object : JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }

  static ObjectNode newObject() {
    return JSON.createObjectNode();
  }

  /** Compact JSON, fields in their order. */
  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree that cannot be written", e);
    }
  }

  /**
   * The first {@code length} characters of a digest of {@code seed} in {@code alphabet}: an id that
   * looks like the provider's and is the same in every run.
   */
  static String derivedId(String seed, String alphabet, int length) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    StringBuilder id = new StringBuilder();
    for (int i = 0; id.length() < length; i++) {
      id.append(alphabet.charAt((digest[i % digest.length] & 0xff) % alphabet.length()));
    }
    return id.toString();
  }

  /** Lower-case hex. */
  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
