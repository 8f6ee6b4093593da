package dev.speedtrade.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with aligned columns: text left, numbers right. */
final class TextTable {
  private final String[] headers;
  private final boolean[] numeric;
  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... headers) {
    this.headers = headers.clone();
    this.numeric = new boolean[headers.length];
  }

  /** Right-aligns the named columns. */
  TextTable numeric(String... columns) {
    for (String column : columns) {
      numeric[Arrays.asList(headers).indexOf(column)] = true;
    }
    return this;
  }

  TextTable row(Object... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.length);
    }
    rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
    return this;
  }

  String render() {
    int[] widths = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      widths[i] = headers[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths);
    String[] rule = new String[headers.length];
    for (int i = 0; i < headers.length; i++) {
      rule[i] = "-".repeat(widths[i]);
    }
    line(out, rule, widths);
    for (String[] row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private void line(StringBuilder out, String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      String pad = " ".repeat(widths[i] - cells[i].length());
      line.append(numeric[i] ? pad + cells[i] : cells[i] + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
