package dev.speedtrade.examples.serve;

import java.util.Map;

/**
 * A route's answer: a status and a body Jackson writes as JSON, or a {@link Binary} body written as
 * it is, with headers of its own ({@code Location}) beside the ones the service sets on every
 * answer ({@code Content-Type}, {@code Cache-Control}, {@code X-Content-Type-Options}, which win).
 */
record Reply(int status, Object body, Map<String, String> headers) {
  /** Bytes sent as they are, with their content type. */
  record Binary(String contentType, byte[] bytes) {}

  Reply {
    headers = Map.copyOf(headers);
  }

  Reply(int status, Object body) {
    this(status, body, Map.of());
  }

  static Reply pdf(byte[] bytes) {
    return new Reply(200, new Binary("application/pdf", bytes));
  }

  static Reply ok(Object body) {
    return new Reply(200, body);
  }

  static Reply created(Object body) {
    return new Reply(201, body);
  }

  /** 302 to {@code location} (a path on this service), with an empty body. */
  static Reply redirect(String location) {
    return new Reply(
        302, new Binary("text/plain; charset=utf-8", new byte[0]), Map.of("Location", location));
  }
}
