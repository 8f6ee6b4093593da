package dev.speedtrade.examples.serve;

/**
 * A request the service answers with an error status and a {@code {"code", "message"}} body. It
 * carries no stack trace: it is an answer, not a failure of the service.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }

  static ApiError notFound(String code, String message) {
    return new ApiError(404, code, message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
