package dev.speedtrade.examples.serve;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The example's {@link Authenticator}: {@code Authorization: Bearer <token>}, one token per client
 * and any number of admin tokens.
 *
 * <pre>{@code
 * Authenticator auth = BearerTokens.builder()
 *     .client("alice", Secret.of(System.getenv("ALICE_TOKEN")))
 *     .admin("ops", Secret.of(System.getenv("SPEEDTRADE_ADMIN_TOKEN")))
 *     .build();
 * }</pre>
 *
 * <p>A presented token is compared with every known one, each by its SHA-256 digest with {@link
 * MessageDigest#isEqual} and without stopping at a match, so the time taken does not tell how much
 * of a token was right or which client's it was. Tokens are held as {@link Secret}s and never
 * logged; {@link #toString()} names the clients only. Immutable and thread-safe.
 */
public final class BearerTokens implements Authenticator {
  private static final String SCHEME = "bearer ";

  private final List<Entry> entries;

  private BearerTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Returns a builder with no tokens. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the principal of the single {@code Authorization: Bearer} header's token; empty when
   * the header is missing, repeated, of another scheme, or carries a token no client has.
   */
  @Override
  public Optional<Principal> authenticate(Map<String, List<String>> headers) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey() != null
          && header.getKey().equalsIgnoreCase("Authorization")
          && header.getValue() != null) {
        values.addAll(header.getValue());
      }
    }
    if (values.size() != 1) {
      return Optional.empty();
    }
    String value = values.get(0).strip();
    if (value.length() <= SCHEME.length()
        || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    byte[] presented = digest(value.substring(SCHEME.length()).strip());
    Principal found = null;
    for (Entry entry : entries) {
      // no early exit: every presented token costs the same comparisons
      if (MessageDigest.isEqual(entry.digest(), presented) && found == null) {
        found = entry.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  /** Names the clients and admins, never a token. */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    for (Entry entry : entries) {
      names.add(entry.principal().clientId() + (entry.principal().admin() ? " (admin)" : ""));
    }
    return "BearerTokens" + names;
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private record Entry(Principal principal, byte[] digest) {}

  /** Collects the tokens; not thread-safe. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /**
     * Adds {@code clientId}'s token.
     *
     * @throws NullPointerException for a null argument
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a malformed client id or a
     *     token another client already has
     */
    public Builder client(String clientId, Secret token) {
      return add(new Principal(Objects.requireNonNull(clientId, "clientId"), false), token);
    }

    /**
     * Adds an admin token, its principal named {@code adminId}.
     *
     * @throws NullPointerException for a null argument
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a malformed id or a token
     *     already given
     */
    public Builder admin(String adminId, Secret token) {
      return add(new Principal(Objects.requireNonNull(adminId, "adminId"), true), token);
    }

    private Builder add(Principal principal, Secret token) {
      Objects.requireNonNull(token, "token");
      byte[] digest = digest(token.reveal().strip());
      for (Entry entry : entries) {
        if (MessageDigest.isEqual(entry.digest(), digest)) {
          throw new SpeedTradeException(
              ErrorCode.INVALID_ARGUMENT,
              "the token of "
                  + principal.clientId()
                  + " is already "
                  + entry.principal().clientId()
                  + "'s");
        }
      }
      entries.add(new Entry(principal, digest));
      return this;
    }

    /** Returns the authenticator; with no tokens at all it refuses every request. */
    public BearerTokens build() {
      return new BearerTokens(entries);
    }
  }
}
