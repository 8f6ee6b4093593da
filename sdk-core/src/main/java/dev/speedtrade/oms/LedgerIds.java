package dev.speedtrade.oms;

import dev.speedtrade.ledger.TransferIds;

/**
 * Deterministic ledger transfer ids of the order service ({@code oms:alice:buy-1:hold:2:cash}, or
 * {@code omsh:} and a hash: {@link TransferIds}).
 */
final class LedgerIds {
  private LedgerIds() {}

  static String of(String... parts) {
    return TransferIds.derive("oms", parts);
  }
}
