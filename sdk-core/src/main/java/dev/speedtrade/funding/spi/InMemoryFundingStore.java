package dev.speedtrade.funding.spi;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.Deposit;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.FundingUser;
import dev.speedtrade.funding.InvestOrder;
import dev.speedtrade.funding.Investment;
import dev.speedtrade.funding.Refund;
import dev.speedtrade.funding.Sale;
import dev.speedtrade.funding.UnmatchedEvent;
import dev.speedtrade.funding.Withdrawal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A {@link FundingStore} in the JVM's memory, for tests, demos and single-process hosts: one lock
 * serializes every call. A work that throws keeps the writes it made before throwing (the funding
 * service judges first and writes last).
 */
public final class InMemoryFundingStore implements FundingStore {
  private final Book book = new Book();

  /** Creates an empty store. */
  public InMemoryFundingStore() {}

  @Override
  public <T> T inTransaction(Function<FundingBook, T> work) {
    synchronized (book) {
      return work.apply(book);
    }
  }

  /** Every record; guarded by its own monitor. */
  private static final class Book implements FundingBook {
    private final Map<String, FundingUser> users = new TreeMap<>();
    private final Map<String, Deposit> deposits = new TreeMap<>();
    private final Map<String, Withdrawal> withdrawals = new TreeMap<>();
    private final Map<String, Refund> refunds = new TreeMap<>();
    private final Map<String, Investment> investments = new TreeMap<>();
    private final Map<String, InvestOrder> orders = new TreeMap<>();
    private final Set<String> events = new HashSet<>();
    private final Map<String, UnmatchedEvent> unmatched = new TreeMap<>();
    private final Set<String> fills = new HashSet<>();
    private final Map<String, Sale> sales = new TreeMap<>();
    private final Map<String, Map<String, BigDecimal>> positions = new TreeMap<>();

    @Override
    public Optional<FundingUser> user(String id) {
      return Optional.ofNullable(users.get(id));
    }

    @Override
    public void putUser(FundingUser user) {
      users.put(user.id(), user);
    }

    @Override
    public List<FundingUser> users() {
      return List.copyOf(users.values());
    }

    @Override
    public Optional<Deposit> deposit(String id) {
      return Optional.ofNullable(deposits.get(id));
    }

    @Override
    public void putDeposit(Deposit deposit) {
      deposits.put(deposit.id(), deposit);
    }

    @Override
    public List<Deposit> deposits() {
      return List.copyOf(deposits.values());
    }

    @Override
    public Optional<Refund> refund(String id) {
      return Optional.ofNullable(refunds.get(id));
    }

    @Override
    public void putRefund(Refund refund) {
      refunds.put(refund.id(), refund);
    }

    @Override
    public List<Refund> refundsOf(String depositId) {
      return refunds.values().stream().filter(r -> r.depositId().equals(depositId)).toList();
    }

    @Override
    public Optional<Withdrawal> withdrawal(String id) {
      return Optional.ofNullable(withdrawals.get(id));
    }

    @Override
    public void putWithdrawal(Withdrawal withdrawal) {
      if (!(withdrawal.destination() instanceof Destination.Saved)) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "withdrawal "
                + withdrawal.id()
                + "'s destination must be saved (masked, with a fingerprint), not "
                + withdrawal.destination().type());
      }
      withdrawals.put(withdrawal.id(), withdrawal);
    }

    @Override
    public List<Withdrawal> withdrawals() {
      return List.copyOf(withdrawals.values());
    }

    @Override
    public List<Withdrawal> withdrawalsOf(String user) {
      List<Withdrawal> mine = new ArrayList<>();
      for (Withdrawal w : withdrawals.values()) {
        if (w.user().equals(user)) {
          mine.add(w);
        }
      }
      return Collections.unmodifiableList(mine);
    }

    @Override
    public Optional<Investment> investment(String id) {
      return Optional.ofNullable(investments.get(id));
    }

    @Override
    public void putInvestment(Investment investment) {
      investments.put(investment.id(), investment);
    }

    @Override
    public Optional<InvestOrder> investOrder(String id) {
      return Optional.ofNullable(orders.get(id));
    }

    @Override
    public void putInvestOrder(InvestOrder order) {
      orders.put(order.id(), order);
    }

    @Override
    public List<InvestOrder> investOrders() {
      return List.copyOf(orders.values());
    }

    @Override
    public boolean hasEvent(String eventId) {
      return events.contains(eventId);
    }

    @Override
    public void recordEvent(String eventId) {
      events.add(eventId);
    }

    @Override
    public void putUnmatchedEvent(UnmatchedEvent event) {
      unmatched.put(event.eventId(), event);
    }

    @Override
    public List<UnmatchedEvent> unmatchedEvents() {
      return List.copyOf(unmatched.values());
    }

    @Override
    public boolean hasFill(String execId) {
      return fills.contains(execId);
    }

    @Override
    public void recordFill(String execId) {
      fills.add(execId);
    }

    @Override
    public void putSale(Sale sale) {
      sales.put(sale.execId(), sale);
    }

    @Override
    public List<Sale> unsettledSales() {
      List<Sale> open = new ArrayList<>();
      for (Sale sale : sales.values()) {
        if (!sale.settled()) {
          open.add(sale);
        }
      }
      return Collections.unmodifiableList(open);
    }

    @Override
    public Map<String, BigDecimal> positionsOf(String user) {
      Map<String, BigDecimal> mine = positions.get(user);
      return mine == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(mine));
    }

    @Override
    public void putPosition(String user, String symbol, BigDecimal qty) {
      positions.computeIfAbsent(user, u -> new TreeMap<>()).put(symbol, qty);
    }

    @Override
    public List<String> usersWithPositions() {
      return List.copyOf(positions.keySet());
    }
  }
}
