package dev.speedtrade.jdbc;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The account rows a {@link JdbcLedger} last wrote or read, the least recently used dropped past a
 * bound. An entry may be stale (another host changed the row since): the writes that rely on it are
 * conditioned on the row's timestamp, so a stale entry costs a retry, never a wrong balance.
 * Thread-safe.
 */
final class AccountCache {
  private final int capacity;
  private final LinkedHashMap<String, AccountRow> rows;

  /** A cache of at most {@code capacity} rows; 0 keeps none. */
  AccountCache(int capacity) {
    this.capacity = capacity;
    this.rows =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, AccountRow> eldest) {
            return size() > AccountCache.this.capacity;
          }
        };
  }

  boolean isEnabled() {
    return capacity > 0;
  }

  /** The rows of every one of {@code ids}, or null when any of them is missing. */
  synchronized @Nullable Map<String, AccountRow> getAll(Collection<String> ids) {
    Map<String, AccountRow> found = new HashMap<>(ids.size() * 4 / 3 + 1);
    for (String id : ids) {
      AccountRow row = rows.get(id);
      if (row == null) {
        return null;
      }
      found.put(id, row);
    }
    return found;
  }

  synchronized void putAll(Collection<AccountRow> written) {
    if (capacity > 0) {
      written.forEach(row -> rows.put(row.id(), row));
    }
  }

  synchronized void forget(Collection<String> ids) {
    ids.forEach(rows::remove);
  }
}
