package dev.speedtrade.examples.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line at each level from an SDK logger and from Flyway's, so that {@link SpeedTradeJarIT}
 * can run it on the jar's class path and see what the jar's logging configuration lets through.
 */
final class LogsOneOfEachLevel {
  private LogsOneOfEachLevel() {}

  public static void main(String[] args) {
    for (String name :
        new String[] {"dev.speedtrade.alpaca.AlpacaBroker", "org.flywaydb.core.Flyway"}) {
      Logger log = LoggerFactory.getLogger(name);
      log.debug("{} debug", name);
      log.info("{} info", name);
      log.warn("{} warn", name);
      log.error("{} error", name);
    }
    System.out.println("done");
  }
}
