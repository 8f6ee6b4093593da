package dev.speedtrade.examples.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request as a route sees it: who made it (null on the routes without authentication), its path
 * parameters, query parameters (decoded, in order, a name may repeat), headers and raw body.
 */
record Call(
    @Nullable Principal principal,
    Map<String, String> params,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body) {

  /**
   * Decodes a raw query string ({@code a=1&b=x%20y}); a name without {@code =} has the value {@code
   * ""}. 400 {@code INVALID_QUERY} for a malformed escape.
   */
  static Map<String, List<String>> parseQuery(@Nullable String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        query
            .computeIfAbsent(
                URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
            .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("INVALID_QUERY", "the query string is not well encoded");
      }
    }
    return query;
  }

  /**
   * The one value of query parameter {@code name}, if sent; 400 {@code INVALID_QUERY} when it is
   * sent more than once.
   */
  Optional<String> query(String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw ApiError.badRequest("INVALID_QUERY", "query parameter '" + name + "' is repeated");
    }
    return Optional.of(values.get(0));
  }

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
