package dev.speedtrade.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts what the PostgreSQL JDBC driver sends, from its own protocol log: every {@code Sync}
 * message ends a round trip (the driver then waits for the server's answer), and every {@code
 * Execute} message runs one statement (a {@code BEGIN} or {@code COMMIT} included). Counts every
 * connection of the JVM while open, so open it only while one thread works. The driver's log costs
 * time: never open one while measuring.
 */
final class PgWireCounter implements AutoCloseable {
  private static final String DRIVER_LOGGER = "org.postgresql.core.v3.QueryExecutorImpl";

  // Held here so that the logger, and the level set on it, are not collected while counting.
  private final Logger logger = Logger.getLogger(DRIVER_LOGGER);
  private final Level levelBefore;
  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong executes = new AtomicLong();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message = record.getMessage();
          if (message == null) {
            return;
          }
          if (message.startsWith(" FE=> Sync")) {
            syncs.incrementAndGet();
          } else if (message.startsWith(" FE=> Execute")) {
            executes.incrementAndGet();
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  PgWireCounter() {
    levelBefore = logger.getLevel();
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
    logger.setLevel(Level.FINEST);
  }

  /** Round trips so far: the driver's {@code Sync} messages. */
  long roundTrips() {
    return syncs.get();
  }

  /** Statements so far: the driver's {@code Execute} messages. */
  long statements() {
    return executes.get();
  }

  @Override
  public void close() {
    logger.setLevel(levelBefore);
    logger.removeHandler(handler);
  }
}
