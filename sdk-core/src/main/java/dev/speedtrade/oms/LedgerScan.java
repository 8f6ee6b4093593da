package dev.speedtrade.oms;

import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.PendingStatus;
import dev.speedtrade.ledger.RecordedTransfer;
import dev.speedtrade.ledger.TransferKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every transfer on one client's three ledger accounts, read in one pass (paged, each transfer
 * once), and what the order service's codes ({@link ClientCash}) say in them: the live holds, what
 * the buys spent and what the sales brought in. Not thread-safe; read under the account's
 * serialization, where the service's own postings for the client cannot interleave.
 */
final class LedgerScan {
  private final Ledger ledger;
  private final Set<String> clientAccounts;
  private final Map<String, RecordedTransfer> byId = new LinkedHashMap<>();
  private final Set<String> resolved = new HashSet<>();

  private LedgerScan(Ledger ledger, String account) {
    this.ledger = ledger;
    this.clientAccounts =
        Set.of(
            ClientLedgerAccounts.cash(account),
            ClientLedgerAccounts.unsettled(account),
            ClientLedgerAccounts.debit(account));
  }

  /** Reads every transfer of {@code account}'s cash, unsettled and debit accounts. */
  static LedgerScan of(Ledger ledger, String account) {
    LedgerScan scan = new LedgerScan(ledger, account);
    for (String id : scan.clientAccounts) {
      long after = 0;
      List<RecordedTransfer> page;
      do {
        page = ledger.transfers(id, after, Ledger.MAX_PAGE);
        for (RecordedTransfer t : page) {
          scan.add(t);
          after = t.timestamp();
        }
      } while (page.size() == Ledger.MAX_PAGE);
    }
    return scan;
  }

  private void add(RecordedTransfer t) {
    byId.putIfAbsent(t.id(), t);
    String pendingId = t.transfer().pendingId();
    if ((t.kind() == TransferKind.POST || t.kind() == TransferKind.VOID) && pendingId != null) {
      resolved.add(pendingId);
    }
  }

  /** Returns what pending transfer {@code id} holds while it is live; 0 otherwise or if absent. */
  long live(String id) {
    RecordedTransfer t = byId.get(id);
    return t != null && isLiveHold(t) ? t.amount() : 0;
  }

  /**
   * Returns the live pending transfers with the service's hold code that debit one of the client's
   * accounts, in ledger order.
   */
  List<RecordedTransfer> liveHolds() {
    List<RecordedTransfer> holds = new ArrayList<>();
    for (RecordedTransfer t : byId.values()) {
      if (t.code().equals(ClientCash.HOLD_CODE) && debitsClient(t) && isLiveHold(t)) {
        holds.add(t);
      }
    }
    return holds;
  }

  /**
   * Returns, cents, what the ledger says the client's buys spent: the posts of its holds and the
   * {@code buy} transfers out of its accounts (less any {@code buy} transfer into them).
   */
  long buysSpent() {
    long sum = 0;
    for (RecordedTransfer t : byId.values()) {
      if (t.code().equals(ClientCash.HOLD_CODE) && t.kind() == TransferKind.POST) {
        sum += signedOut(t);
      } else if (t.code().equals(ClientCash.BUY_CODE) && t.kind() == TransferKind.SINGLE) {
        sum += signedOut(t);
      }
    }
    return sum;
  }

  /**
   * Returns, cents, what the ledger says the client's sales brought in: the {@code sell} transfers
   * into its accounts (less any out of them).
   */
  long sellsCredited() {
    long sum = 0;
    for (RecordedTransfer t : byId.values()) {
      if (t.code().equals(ClientCash.SELL_CODE) && t.kind() == TransferKind.SINGLE) {
        sum -= signedOut(t);
      }
    }
    return sum;
  }

  /** +amount when it moves money out of the client's accounts, -amount into them, else 0. */
  private long signedOut(RecordedTransfer t) {
    boolean debit = clientAccounts.contains(t.debitAccountId());
    boolean credit = clientAccounts.contains(t.creditAccountId());
    if (debit == credit) {
      return 0;
    }
    return debit ? t.amount() : -t.amount();
  }

  private boolean debitsClient(RecordedTransfer t) {
    return clientAccounts.contains(t.debitAccountId())
        && !clientAccounts.contains(t.creditAccountId());
  }

  private boolean isLiveHold(RecordedTransfer t) {
    if (t.kind() != TransferKind.PENDING || resolved.contains(t.id())) {
      return false;
    }
    // A hold with a timeout may have expired without a transfer of its own: ask the ledger.
    return t.transfer().timeoutSeconds() == null
        || ledger.pendingStatus(t.id()).orElse(null) == PendingStatus.PENDING;
  }
}
