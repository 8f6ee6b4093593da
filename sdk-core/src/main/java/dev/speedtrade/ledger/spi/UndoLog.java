package dev.speedtrade.ledger.spi;

import dev.speedtrade.ledger.Ledger;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How a {@link LedgerTransaction} kept in memory rolls back a linked chain: while a chain is open,
 * each write records how to undo itself, and {@link #rollbackTo} runs those records backwards. For
 * implementors of {@link Ledger}. Not thread-safe; used under the transaction's own guard.
 *
 * <pre>{@code
 * if (undo.isRecording()) {
 *   undo.record(() -> balances.put(id, previous));
 * }
 * }</pre>
 */
public final class UndoLog {
  private final Deque<Runnable> actions = new ArrayDeque<>();
  private boolean recording;

  /** Creates an empty log that is not recording. */
  public UndoLog() {}

  /**
   * Returns true while a chain is open; writes check it first so that nothing is allocated
   * otherwise.
   */
  public boolean isRecording() {
    return recording;
  }

  /** Records how to undo the write just made. */
  public void record(Runnable undo) {
    if (recording) {
      actions.push(undo);
    }
  }

  /** Starts recording and returns the point {@link #rollbackTo} returns to. */
  public LedgerTransaction.Savepoint savepoint() {
    recording = true;
    return new Depth(actions.size());
  }

  /** Undoes, newest first, every write recorded since {@code savepoint}. */
  public void rollbackTo(LedgerTransaction.Savepoint savepoint) {
    int depth = ((Depth) savepoint).depth();
    while (actions.size() > depth) {
      actions.pop().run();
    }
  }

  /**
   * Undoes, newest first, every write recorded since recording started: how a chain that threw
   * halfway (a broken store, a bug) is taken back rather than left partly applied.
   */
  public void rollbackAll() {
    while (!actions.isEmpty()) {
      actions.pop().run();
    }
  }

  /** Ends the chain: its writes stay, the records go, and recording stops. */
  public void end() {
    recording = false;
    actions.clear();
  }

  private record Depth(int depth) implements LedgerTransaction.Savepoint {}
}
