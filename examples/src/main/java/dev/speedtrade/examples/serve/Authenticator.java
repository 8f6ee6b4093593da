package dev.speedtrade.examples.serve;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds who made a request from its headers; the host plugs its own in (sessions, JWTs, mTLS behind
 * a proxy). {@link HostService} answers 401 for every route but {@code /health} and the signed
 * webhooks when this returns empty: there is no default client.
 *
 * <p>Implementations must be thread-safe (requests are served on several threads), must not throw
 * for bad credentials (return empty), and must never log a credential.
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * Returns the principal the request's credentials name, or empty for missing or bad ones.
   *
   * @param headers the request's headers; names in any case (look them up case-insensitively)
   */
  Optional<Principal> authenticate(Map<String, List<String>> headers);
}
