package dev.speedtrade.examples.serve;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request as a route sees it: who made it (null on the routes without authentication), its path
 * parameters, headers and raw body.
 */
record Call(
    @Nullable Principal principal,
    Map<String, String> params,
    Map<String, List<String>> headers,
    byte[] body) {
  /** The authenticated client; only called on routes that require authentication. */
  String client() {
    Principal p = principal;
    if (p == null) {
      throw new IllegalStateException("route without authentication asked for the client");
    }
    return p.clientId();
  }

  /** The body as a JSON object (400 when it is not one). */
  RequestBody json() {
    return RequestBody.parse(body);
  }

  String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no parameter " + name);
    }
    return value;
  }
}
