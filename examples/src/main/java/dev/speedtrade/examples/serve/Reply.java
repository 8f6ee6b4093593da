package dev.speedtrade.examples.serve;

/** A route's answer: a status and a body Jackson writes as JSON. */
record Reply(int status, Object body) {
  static Reply ok(Object body) {
    return new Reply(200, body);
  }

  static Reply created(Object body) {
    return new Reply(201, body);
  }
}
