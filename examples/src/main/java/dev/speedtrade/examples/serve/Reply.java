package dev.speedtrade.examples.serve;

/**
 * A route's answer: a status and a body Jackson writes as JSON, or a {@link Binary} body written as
 * it is.
 */
record Reply(int status, Object body) {
  /** Bytes sent as they are, with their content type. */
  record Binary(String contentType, byte[] bytes) {}

  static Reply pdf(byte[] bytes) {
    return new Reply(200, new Binary("application/pdf", bytes));
  }

  static Reply ok(Object body) {
    return new Reply(200, body);
  }

  static Reply created(Object body) {
    return new Reply(201, body);
  }
}
