package dev.speedtrade.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of KYC reject labels as one text column: each label as its length in UTF-16 code units,
 * {@code ':'} and the label, one after the other ({@code [FORGERY, A:B]} is {@code
 * 7:FORGERY3:A:B}), so that any character survives and the order is kept; the empty text is no
 * label.
 */
final class LabelText {
  private LabelText() {}

  static String encode(List<String> labels) {
    StringBuilder text = new StringBuilder();
    for (String label : labels) {
      text.append(label.length()).append(':').append(label);
    }
    return text.toString();
  }

  /**
   * Reads what {@link #encode} wrote.
   *
   * @throws SQLException for a text it did not write (a column changed by hand)
   */
  static List<String> decode(String text) throws SQLException {
    List<String> labels = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int colon = text.indexOf(':', at);
      int length;
      try {
        length = colon < 0 ? -1 : Integer.parseInt(text.substring(at, colon));
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length < 0 || colon + 1 + length > text.length()) {
        throw new SQLException("malformed reject labels in a KYC row at index " + at, "XX001");
      }
      labels.add(text.substring(colon + 1, colon + 1 + length));
      at = colon + 1 + length;
    }
    return labels;
  }
}
