package dev.speedtrade.examples.cli;

/** Bad input to a CLI command (an unreadable file, a malformed field): exit code 2. */
final class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserInputException(String message) {
    super(message);
  }
}
