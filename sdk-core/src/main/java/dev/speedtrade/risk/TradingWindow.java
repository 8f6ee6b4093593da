package dev.speedtrade.risk;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The New York times of day an account may submit orders in: from {@code start} inclusive to {@code
 * end} exclusive, overnight when {@code start} is after {@code end} ({@code 22:00-02:00}).
 *
 * @param start the first minute orders are allowed
 * @param end the first minute they are no longer allowed; never equal to {@code start}
 */
public record TradingWindow(LocalTime start, LocalTime end) {
  private static final Pattern FORMAT = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])");

  /**
   * Checks the fields.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null time or equal times
   */
  public TradingWindow {
    Arguments.notNull(start, "trading window start");
    Arguments.notNull(end, "trading window end");
    if (start.equals(end)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "trading window start and end must differ, both " + start);
    }
  }

  /**
   * Reads {@code "HH:MM-HH:MM"} (hours 00-23, minutes 00-59).
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for null or other text, or equal
   *     times
   */
  public static TradingWindow parse(@Nullable String text) {
    if (text != null) {
      int dash = text.indexOf('-');
      if (dash > 0) {
        LocalTime start = time(text.substring(0, dash));
        LocalTime end = time(text.substring(dash + 1));
        if (start != null && end != null) {
          return new TradingWindow(start, end);
        }
      }
    }
    throw new SpeedTradeException(
        ErrorCode.INVALID_ARGUMENT, "trading window must be HH:MM-HH:MM, got '" + text + "'");
  }

  private static @Nullable LocalTime time(String text) {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return null;
    }
    return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /**
   * Returns true when {@code time} is in the window: {@code start <= time < end}, or for an
   * overnight window {@code time >= start} or {@code time < end}.
   */
  public boolean contains(LocalTime time) {
    if (start.isBefore(end)) {
      return !time.isBefore(start) && time.isBefore(end);
    }
    return !time.isBefore(start) || time.isBefore(end);
  }

  /** Returns the window as {@code HH:MM-HH:MM}. */
  @Override
  public String toString() {
    return start + "-" + end;
  }
}
