package dev.speedtrade.funding;

import dev.speedtrade.ledger.TransferIds;

/**
 * Deterministic ledger transfer ids of the funding service ({@code fund:dep:d1}, or {@code fundh:}
 * and a hash: {@link TransferIds}).
 */
final class FundingIds {
  private FundingIds() {}

  static String of(String... parts) {
    return TransferIds.derive("fund", parts);
  }
}
