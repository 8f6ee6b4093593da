package dev.speedtrade.funding.spi;

import dev.speedtrade.funding.Deposit;
import dev.speedtrade.funding.FundingUser;
import dev.speedtrade.funding.InvestOrder;
import dev.speedtrade.funding.Investment;
import dev.speedtrade.funding.Refund;
import dev.speedtrade.funding.Sale;
import dev.speedtrade.funding.UnmatchedEvent;
import dev.speedtrade.funding.Withdrawal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The funding service's records as one {@link FundingStore#inTransaction} sees them. Every put
 * replaces the record with the same id; lists are sorted by id ({@link String#compareTo}),
 * positions by symbol. Valid only during the call that handed it out.
 */
public interface FundingBook {

  /** Returns the user {@code id}, if any. */
  Optional<FundingUser> user(String id);

  /** Stores {@code user}. */
  void putUser(FundingUser user);

  /** Returns every user, sorted by id. */
  List<FundingUser> users();

  /** Returns the deposit {@code id}, if any. */
  Optional<Deposit> deposit(String id);

  /** Stores {@code deposit}. */
  void putDeposit(Deposit deposit);

  /** Returns every deposit, sorted by id. */
  List<Deposit> deposits();

  /** Returns the refund {@code id}, if any. */
  Optional<Refund> refund(String id);

  /** Stores {@code refund}. */
  void putRefund(Refund refund);

  /**
   * Returns the refunds of deposit {@code depositId}, sorted by id: what a new refund of the
   * deposit reads to know how much is left to refund.
   */
  List<Refund> refundsOf(String depositId);

  /** Returns the withdrawal {@code id}, if any. */
  Optional<Withdrawal> withdrawal(String id);

  /**
   * Stores {@code withdrawal}, whose destination is kept as it is saved: its type, masked form,
   * fingerprint and token, never a whole number.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@code INVALID_ARGUMENT} when the destination
   *     is not a {@link dev.speedtrade.funding.Destination.Saved}; nothing is stored
   */
  void putWithdrawal(Withdrawal withdrawal);

  /** Returns every withdrawal, sorted by id. */
  List<Withdrawal> withdrawals();

  /** Returns {@code user}'s withdrawals, sorted by id. */
  List<Withdrawal> withdrawalsOf(String user);

  /**
   * Returns {@code user}'s withdrawals created at or after {@code createdFrom}, sorted by id: what
   * the daily instant limit reads on every instant withdrawal. The default filters {@link
   * #withdrawalsOf(String)}; a database answers it from an index.
   */
  default List<Withdrawal> withdrawalsOf(String user, Instant createdFrom) {
    return withdrawalsOf(user).stream().filter(w -> !w.createdAt().isBefore(createdFrom)).toList();
  }

  /** Returns the auto-invest {@code id}, if any. */
  Optional<Investment> investment(String id);

  /** Stores {@code investment}. */
  void putInvestment(Investment investment);

  /** Returns the auto-invest order {@code id}, if any. */
  Optional<InvestOrder> investOrder(String id);

  /** Stores {@code order}. */
  void putInvestOrder(InvestOrder order);

  /** Returns every auto-invest order, sorted by id. */
  List<InvestOrder> investOrders();

  /** Returns true when provider event {@code eventId} was recorded. */
  boolean hasEvent(String eventId);

  /** Records provider event {@code eventId}. */
  void recordEvent(String eventId);

  /** Keeps {@code event}, replacing one with the same event id. */
  void putUnmatchedEvent(UnmatchedEvent event);

  /** Returns every unmatched event kept, sorted by event id. */
  List<UnmatchedEvent> unmatchedEvents();

  /** Returns true when a fill with execution id {@code execId} was recorded (any user). */
  boolean hasFill(String execId);

  /** Records a fill's execution id. */
  void recordFill(String execId);

  /** Stores {@code sale}. */
  void putSale(Sale sale);

  /** Returns the sales not settled yet, sorted by execution id. */
  List<Sale> unsettledSales();

  /** Returns {@code user}'s positions by symbol, sorted by symbol (empty when none). */
  Map<String, BigDecimal> positionsOf(String user);

  /** Sets {@code user}'s position in {@code symbol} (kept at 0 too). */
  void putPosition(String user, String symbol, BigDecimal qty);

  /** Returns every user with a position, sorted by id. */
  List<String> usersWithPositions();
}
