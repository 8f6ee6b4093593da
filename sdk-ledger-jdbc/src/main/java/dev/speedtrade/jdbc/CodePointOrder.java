package dev.speedtrade.jdbc;

import java.util.Comparator;

/**
 * Strings compared by Unicode code point, as the SPIs promise their sorted lists: not by the
 * database's collation (PostgreSQL's sorts {@code "a"} before {@code "B"}), nor by {@link
 * String#compareTo}'s UTF-16 units (which put a supplementary character before {@code U+E000}).
 */
final class CodePointOrder implements Comparator<String> {
  /** The one instance; stateless. */
  static final CodePointOrder INSTANCE = new CodePointOrder();

  private CodePointOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
