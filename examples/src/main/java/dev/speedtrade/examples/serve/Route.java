package dev.speedtrade.examples.serve;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A method and a path pattern ({@code /orders/{id}}) with its handler, and whether the caller must
 * be authenticated (every route but {@code /health} and the signed webhooks) or an admin.
 */
record Route(String method, List<String> segments, Access access, Handler handler) {
  enum Access {
    PUBLIC,
    CLIENT,
    ADMIN
  }

  /** Handles one call; throws {@link ApiError} or the SDK's exceptions for the error answers. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Call call);
  }

  static Route of(String method, String pattern, Access access, Handler handler) {
    return new Route(method, segments(pattern), access, handler);
  }

  static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
  }

  /** The pattern, as given to {@link #of} without a trailing slash: {@code /orders/{id}}. */
  String pattern() {
    return "/" + String.join("/", segments);
  }

  /** The path parameters when {@code path} matches the pattern, else null. */
  @Nullable Map<String, String> match(List<String> path) {
    if (path.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String pattern = segments.get(i);
      if (pattern.startsWith("{") && pattern.endsWith("}")) {
        if (path.get(i).isEmpty()) {
          return null;
        }
        params.put(pattern.substring(1, pattern.length() - 1), path.get(i));
      } else if (!pattern.equals(path.get(i))) {
        return null;
      }
    }
    return params;
  }
}
