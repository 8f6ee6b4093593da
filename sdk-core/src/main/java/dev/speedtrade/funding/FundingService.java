package dev.speedtrade.funding;

import dev.speedtrade.broker.AssetClass;
import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.spi.FundingBook;
import dev.speedtrade.funding.spi.FundingStore;
import dev.speedtrade.funding.spi.InMemoryFundingStore;
import dev.speedtrade.kyc.KycGate;
import dev.speedtrade.kyc.KycStatus;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.oms.ClientLedgerAccounts;
import dev.speedtrade.oms.ClientPosition;
import dev.speedtrade.oms.MarketView;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.risk.Instrument;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Money in and out of the platform's users, as {@code docs/funding-contract.md} specifies it:
 * deposits and their provider events, fills and positions, the settlement of sale proceeds, instant
 * and reviewed withdrawals with their payout events, auto-invest, and the liquidity report. Every
 * movement is a transfer on the {@link Ledger} between the accounts of {@link
 * ClientLedgerAccounts}; each transfer id is derived from the id of what made it, so a retry
 * converges on the ledger's {@code EXISTS}.
 *
 * <p>Each operation answers a {@link FundingCode}: {@code OK}, or why nothing changed (misuse, such
 * as a null argument, throws {@link SpeedTradeException} instead). Thread-safe: operations are
 * serialized; the ledger's own limits ({@code DEBITS_MUST_NOT_EXCEED_CREDITS} on each user's cash)
 * keep other services writing to the same ledger from overdrawing a user.
 *
 * <p>Create with {@link #builder()}.
 */
public final class FundingService {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** The longest id of a deposit, withdrawal, provider event or fill. */
  public static final int MAX_ID = 128;

  /**
   * The longest auto-invest id: its orders are {@code investId:symbol}, which must fit the order
   * service's client order ids ({@value #MAX_ID} characters) with a symbol of up to 27.
   */
  public static final int MAX_INVEST_ID = 100;

  private static final BigInteger SPY_WEIGHT = BigInteger.valueOf(3);
  private static final BigInteger BIL_WEIGHT = BigInteger.valueOf(2);

  private final Ledger ledger;
  private final MarketView market;
  private final Clock clock;
  private final SettlementCalendar calendar;
  private final FundingSettings settings;
  private final FundingStore store;
  private final @Nullable GatewayLink gateway;
  private final @Nullable OrderLink orders;
  private final @Nullable KycGate kyc;

  private FundingService(Builder b) {
    this.ledger = Objects.requireNonNull(b.ledger);
    this.market = Objects.requireNonNull(b.market);
    this.clock = b.clock;
    this.calendar = Objects.requireNonNull(b.calendar);
    this.settings = b.settings;
    this.store = b.store;
    this.gateway = b.payments == null ? null : new GatewayLink(b.payments, store, clock);
    this.orders = b.orders == null ? null : new OrderLink(b.orders, market, calendar);
    this.kyc = b.kyc;
    create(ClientLedgerAccounts.platform());
  }

  /** Returns a builder; the ledger, market and calendar are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the rules in force. */
  public FundingSettings settings() {
    return settings;
  }

  // ------------------------------------------------------------------ users

  /**
   * Opens {@code user} with its cash and unsettled ledger accounts, or finds it.
   *
   * @param instantDailyLimit the user's own daily instant limit, or null for the settings'
   * @return true when the user was opened by this call
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for an id that is not 1-64
   *     characters of {@code [A-Za-z0-9._-]}, a null status, or a limit that is not money
   */
  public boolean openUser(String user, KycStatus kyc, @Nullable BigDecimal instantDailyLimit) {
    userId(user);
    notNull(kyc, "kyc");
    if (instantDailyLimit != null) {
      FundingSettings.money(instantDailyLimit, "instantDailyLimit");
    }
    if (orders != null) {
      orders.open(user);
    }
    return store.inTransaction(
        book -> {
          if (book.user(user).isPresent()) {
            return false;
          }
          List<LedgerAccount> accounts = new ArrayList<>();
          for (LedgerAccount account : ClientLedgerAccounts.client(user)) {
            if (account.id().equals(ClientLedgerAccounts.cash(user))
                || account.id().equals(ClientLedgerAccounts.unsettled(user))) {
              accounts.add(account);
            }
          }
          create(accounts);
          book.putUser(new FundingUser(user, kyc, instantDailyLimit));
          return true;
        });
  }

  /** Sets {@code user}'s verification status: OK or USER_NOT_FOUND. */
  public FundingCode setKyc(String user, KycStatus status) {
    notNull(user, "user");
    notNull(status, "status");
    return store.inTransaction(
        book -> {
          FundingUser u = book.user(user).orElse(null);
          if (u == null) {
            return FundingCode.USER_NOT_FOUND;
          }
          book.putUser(new FundingUser(user, status, u.instantDailyLimit()));
          return FundingCode.OK;
        });
  }

  /** Returns the ids of every user, sorted. */
  public List<String> users() {
    return store.inTransaction(
        book -> {
          return book.users().stream().map(FundingUser::id).toList();
        });
  }

  /** Returns {@code user}'s money now, if the user exists. */
  public Optional<UserFunds> funds(String user) {
    notNull(user, "user");
    return store.inTransaction(
        book -> {
          FundingUser u = book.user(user).orElse(null);
          return u == null ? Optional.empty() : Optional.of(fundsOf(book, u));
        });
  }

  // ------------------------------------------------------------------ deposits

  /**
   * Records a deposit PENDING; nothing moves until the provider says it completed. Answers, in this
   * order: USER_NOT_FOUND, EXISTS or ID_IN_USE, INVALID_AMOUNT, DEPOSIT_BELOW_MINIMUM,
   * DEPOSIT_ABOVE_MAXIMUM, KYC_REQUIRED (a REJECTED user, or one not APPROVED above the KYC deposit
   * limit).
   */
  public DepositResult createDeposit(String user, String depositId, BigDecimal amount) {
    notNull(user, "user");
    id(depositId, "depositId", MAX_ID);
    notNull(amount, "amount");
    DepositResult result = recordDeposit(user, depositId, amount);
    if (gateway == null || result.deposit() == null) {
      return result;
    }
    boolean created = result.code() == FundingCode.OK || result.code() == FundingCode.EXISTS;
    return created ? new DepositResult(result.code(), gateway.collect(result.deposit())) : result;
  }

  private DepositResult recordDeposit(String user, String depositId, BigDecimal amount) {
    return store.inTransaction(
        book -> {
          FundingUser u = book.user(user).orElse(null);
          Deposit existing = book.deposit(depositId).orElse(null);
          if (u == null) {
            return new DepositResult(FundingCode.USER_NOT_FOUND, existing);
          }
          if (existing != null) {
            boolean same = existing.user().equals(user) && existing.amount().compareTo(amount) == 0;
            return new DepositResult(same ? FundingCode.EXISTS : FundingCode.ID_IN_USE, existing);
          }
          FundingCode refusal = null;
          if (!Amounts.isAmount(amount)) {
            refusal = FundingCode.INVALID_AMOUNT;
          } else if (amount.compareTo(settings.depositMin()) < 0) {
            refusal = FundingCode.DEPOSIT_BELOW_MINIMUM;
          } else if (amount.compareTo(settings.depositMax()) > 0) {
            refusal = FundingCode.DEPOSIT_ABOVE_MAXIMUM;
          } else if (kycOf(u) == KycStatus.REJECTED
              || (kycOf(u) != KycStatus.APPROVED
                  && amount.compareTo(settings.kycDepositLimit()) > 0)) {
            refusal = FundingCode.KYC_REQUIRED;
          }
          if (refusal != null) {
            return new DepositResult(refusal, null);
          }
          Instant now = clock.instant();
          Deposit deposit =
              new Deposit(depositId, user, amount, null, DepositStatus.PENDING, now, now, null);
          book.putDeposit(deposit);
          return new DepositResult(FundingCode.OK, deposit);
        });
  }

  /**
   * Applies a payment provider's event to a deposit, once per event id. Answers DUPLICATE_EVENT,
   * DEPOSIT_NOT_FOUND (the event is kept among the {@link #unmatchedEvents()}, its id not recorded,
   * so a delivery after the deposit exists applies it), INVALID_AMOUNT (a confirmed amount that is
   * not an amount), STALE_EVENT (the event does not move the deposit from where it stands; its id
   * is recorded), or OK. A completion credits the confirmed amount (absent: the requested one),
   * once; a COMPLETED deposit never moves.
   */
  public DepositResult applyDepositEvent(
      String eventId,
      String depositId,
      DepositEventType type,
      @Nullable BigDecimal confirmedAmount) {
    id(eventId, "eventId", MAX_ID);
    id(depositId, "depositId", MAX_ID);
    notNull(type, "type");
    return store.inTransaction(
        book -> {
          Deposit deposit = book.deposit(depositId).orElse(null);
          if (book.hasEvent(eventId)) {
            return new DepositResult(FundingCode.DUPLICATE_EVENT, deposit);
          }
          if (deposit == null) {
            book.putUnmatchedEvent(
                new UnmatchedEvent(
                    eventId,
                    UnmatchedEvent.Subject.DEPOSIT,
                    depositId,
                    type.name(),
                    confirmedAmount,
                    clock.instant()));
            return new DepositResult(FundingCode.DEPOSIT_NOT_FOUND, null);
          }
          if (confirmedAmount != null
              && (type != DepositEventType.COMPLETED || !Amounts.isAmount(confirmedAmount))) {
            return new DepositResult(FundingCode.INVALID_AMOUNT, deposit);
          }
          DepositStatus from = deposit.status();
          DepositStatus to = next(from, type);
          book.recordEvent(eventId);
          if (to == null) {
            return new DepositResult(FundingCode.STALE_EVENT, deposit);
          }
          Instant now = clock.instant();
          BigDecimal credited = null;
          if (to == DepositStatus.COMPLETED) {
            credited = confirmedAmount != null ? confirmedAmount : deposit.amount();
            apply(
                List.of(
                    Transfer.single(
                        FundingIds.of("dep", depositId),
                        ClientLedgerAccounts.PSP,
                        ClientLedgerAccounts.cash(deposit.user()),
                        Amounts.cents(credited),
                        "deposit")),
                false);
          }
          Deposit moved =
              new Deposit(
                  deposit.id(),
                  deposit.user(),
                  deposit.amount(),
                  credited,
                  to,
                  deposit.createdAt(),
                  now,
                  deposit.session());
          book.putDeposit(moved);
          return new DepositResult(FundingCode.OK, moved);
        });
  }

  private static @Nullable DepositStatus next(DepositStatus from, DepositEventType type) {
    boolean open = from == DepositStatus.PENDING || from == DepositStatus.PROCESSING;
    return switch (type) {
      case PROCESSING -> from == DepositStatus.PENDING ? DepositStatus.PROCESSING : null;
      case COMPLETED -> from == DepositStatus.COMPLETED ? null : DepositStatus.COMPLETED;
      case FAILED -> open ? DepositStatus.FAILED : null;
      case EXPIRED, CANCELED -> open ? DepositStatus.CANCELED : null;
    };
  }

  /** Returns the deposit {@code depositId} names, if any. */
  public Optional<Deposit> deposit(String depositId) {
    notNull(depositId, "depositId");
    return store.inTransaction(
        book -> {
          return book.deposit(depositId);
        });
  }

  /** Returns every deposit, sorted by id. */
  public List<Deposit> deposits() {
    return store.inTransaction(
        book -> {
          return book.deposits();
        });
  }

  // ------------------------------------------------------------------ refunds

  /**
   * Gives back {@code amount} of a COMPLETED deposit to the means its user paid with: takes it out
   * of the user's cash (user cash -> psp, the reverse of the deposit's credit, transfer id {@code
   * fund:refund:<refundId>}) and records the refund, in one store call; then, with a payment
   * gateway, asks it to refund that much of the deposit's payment with the idempotency key {@code
   * fund:refund:<refundId>} and keeps the provider's reference and status on the refund.
   *
   * <p>Answers, in this order: EXISTS (the same refund id of the same deposit and amount) or
   * ID_IN_USE (another deposit or amount), DEPOSIT_NOT_FOUND, INVALID_AMOUNT, INVALID_TRANSITION (a
   * deposit not COMPLETED, or with a gateway one the gateway never started), REFUND_EXCEEDS_DEPOSIT
   * (more than the confirmed amount less the deposit's earlier refunds), INSUFFICIENT_FUNDS (more
   * than the user's withdrawable cash); every refusal records and moves nothing.
   *
   * <p>A provider's failure is logged and leaves the refund recorded, the cash taken, and no
   * provider reference: the same call again (EXISTS) asks the provider again with the same key, so
   * the provider refunds once however often it is asked. A refund whose {@link
   * Refund#providerReference()} is null has not reached the provider yet.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null argument or an id
   *     that is blank or longer than {@value #MAX_ID} characters
   */
  public RefundResult refundDeposit(String refundId, String depositId, BigDecimal amount) {
    id(refundId, "refundId", MAX_ID);
    id(depositId, "depositId", MAX_ID);
    notNull(amount, "amount");
    GatewayLink link = gateway;
    RefundResult result =
        store.inTransaction(
            book -> {
              Refund existing = book.refund(refundId).orElse(null);
              if (existing != null) {
                boolean same =
                    existing.depositId().equals(depositId)
                        && existing.amount().compareTo(amount) == 0;
                return new RefundResult(
                    same ? FundingCode.EXISTS : FundingCode.ID_IN_USE, existing);
              }
              Deposit deposit = book.deposit(depositId).orElse(null);
              if (deposit == null) {
                return new RefundResult(FundingCode.DEPOSIT_NOT_FOUND, null);
              }
              if (!Amounts.isAmount(amount)) {
                return new RefundResult(FundingCode.INVALID_AMOUNT, null);
              }
              BigDecimal confirmed = deposit.confirmedAmount();
              if (deposit.status() != DepositStatus.COMPLETED
                  || confirmed == null
                  || (link != null && deposit.session() == null)) {
                return new RefundResult(FundingCode.INVALID_TRANSITION, null);
              }
              BigDecimal refunded = Amounts.ZERO;
              for (Refund earlier : book.refundsOf(depositId)) {
                refunded = refunded.add(earlier.amount());
              }
              if (refunded.add(amount).compareTo(confirmed) > 0) {
                return new RefundResult(FundingCode.REFUND_EXCEEDS_DEPOSIT, null);
              }
              FundingUser u = user(book, deposit.user());
              if (amount.compareTo(fundsOf(book, u).withdrawable()) > 0) {
                return new RefundResult(FundingCode.INSUFFICIENT_FUNDS, null);
              }
              boolean moved =
                  apply(
                      List.of(
                          Transfer.single(
                              FundingIds.of("refund", refundId),
                              ClientLedgerAccounts.cash(deposit.user()),
                              ClientLedgerAccounts.PSP,
                              Amounts.cents(amount),
                              "refund")),
                      false);
              if (!moved) {
                return new RefundResult(FundingCode.INSUFFICIENT_FUNDS, null);
              }
              Instant now = clock.instant();
              Refund refund =
                  new Refund(refundId, depositId, deposit.user(), amount, null, null, now, now);
              book.putRefund(refund);
              return new RefundResult(FundingCode.OK, refund);
            });
    Refund refund = result.refund();
    boolean recorded = result.code() == FundingCode.OK || result.code() == FundingCode.EXISTS;
    if (link == null || refund == null || !recorded) {
      return result;
    }
    return new RefundResult(result.code(), link.refund(refund));
  }

  /** Returns the refund {@code refundId} names, if any. */
  public Optional<Refund> refund(String refundId) {
    notNull(refundId, "refundId");
    return store.inTransaction(book -> book.refund(refundId));
  }

  /** Returns the refunds of deposit {@code depositId}, sorted by id. */
  public List<Refund> refundsOf(String depositId) {
    notNull(depositId, "depositId");
    return store.inTransaction(book -> book.refundsOf(depositId));
  }

  // ------------------------------------------------------------------ fills and positions

  /**
   * Records a buy fill for {@code user}: without {@code orderId} it spends withdrawable cash; with
   * one it fills that auto-invest order from its hold (the rest released). Answers DUPLICATE_FILL,
   * USER_NOT_FOUND, UNKNOWN_SYMBOL, INVALID_FILL, then with an order ORDER_NOT_FOUND,
   * INVALID_TRANSITION, OVERFILL, without one INSUFFICIENT_FUNDS.
   */
  public FillResult recordBuyFill(
      String user,
      String execId,
      String symbol,
      BigDecimal qty,
      BigDecimal price,
      @Nullable String orderId) {
    notNull(user, "user");
    id(execId, "execId", MAX_ID);
    notNull(symbol, "symbol");
    notNull(qty, "qty");
    notNull(price, "price");
    ownFills();
    return store.inTransaction(
        book -> {
          FundingCode refusal = judgeFill(book, user, execId, symbol, qty, price);
          if (refusal != null) {
            return new FillResult(refusal, null);
          }
          BigDecimal amount = fillAmount(qty, price);
          List<Transfer> chain = new ArrayList<>();
          InvestOrder order = null;
          if (orderId != null) {
            order = book.investOrder(orderId).orElse(null);
            if (order == null || !order.user().equals(user) || !order.symbol().equals(symbol)) {
              return new FillResult(FundingCode.ORDER_NOT_FOUND, null);
            }
            if (order.status() != InvestOrderStatus.OPEN) {
              return new FillResult(FundingCode.INVALID_TRANSITION, null);
            }
            if (amount.compareTo(order.notional()) > 0) {
              return new FillResult(FundingCode.OVERFILL, null);
            }
            chain.add(
                Transfer.post(
                    FundingIds.of("inv", orderId, "post"),
                    reserveId(orderId),
                    Amounts.cents(amount)));
          } else {
            if (amount.compareTo(fundsOf(book, user(book, user)).withdrawable()) > 0) {
              return new FillResult(FundingCode.INSUFFICIENT_FUNDS, null);
            }
            chain.add(
                Transfer.single(
                    FundingIds.of("fill", execId),
                    ClientLedgerAccounts.cash(user),
                    ClientLedgerAccounts.BROKER,
                    Amounts.cents(amount),
                    "buy"));
          }
          if (!apply(chain, false)) {
            return new FillResult(FundingCode.INSUFFICIENT_FUNDS, null);
          }
          if (order != null) {
            book.putInvestOrder(order.with(InvestOrderStatus.FILLED, amount));
          }
          book.recordFill(execId);
          book.putPosition(
              user, symbol, book.positionsOf(user).getOrDefault(symbol, BigDecimal.ZERO).add(qty));
          return new FillResult(FundingCode.OK, null);
        });
  }

  /**
   * Records a sell fill for {@code user}: the proceeds land unsettled (us_equity, until the
   * settlement date the result names) or in cash (crypto). Answers DUPLICATE_FILL, USER_NOT_FOUND,
   * UNKNOWN_SYMBOL, INVALID_FILL, INSUFFICIENT_POSITION.
   */
  public FillResult recordSellFill(
      String user, String execId, String symbol, BigDecimal qty, BigDecimal price) {
    notNull(user, "user");
    id(execId, "execId", MAX_ID);
    notNull(symbol, "symbol");
    notNull(qty, "qty");
    notNull(price, "price");
    ownFills();
    return store.inTransaction(
        book -> {
          FundingCode refusal = judgeFill(book, user, execId, symbol, qty, price);
          if (refusal != null) {
            return new FillResult(refusal, null);
          }
          BigDecimal held = book.positionsOf(user).getOrDefault(symbol, BigDecimal.ZERO);
          if (qty.compareTo(held) > 0) {
            return new FillResult(FundingCode.INSUFFICIENT_POSITION, null);
          }
          BigDecimal amount = fillAmount(qty, price);
          boolean crypto =
              market.instrument(symbol).map(i -> i.assetClass() == AssetClass.CRYPTO).orElse(false);
          apply(
              List.of(
                  Transfer.single(
                      FundingIds.of("fill", execId),
                      ClientLedgerAccounts.BROKER,
                      crypto
                          ? ClientLedgerAccounts.cash(user)
                          : ClientLedgerAccounts.unsettled(user),
                      Amounts.cents(amount),
                      "sell")),
              false);
          book.recordFill(execId);
          book.putPosition(user, symbol, held.subtract(qty));
          LocalDate settlesOn = null;
          if (!crypto) {
            settlesOn = calendar.settlementDate(today());
            book.putSale(new Sale(execId, user, amount, settlesOn, false));
          }
          return new FillResult(FundingCode.OK, settlesOn);
        });
  }

  private @Nullable FundingCode judgeFill(
      FundingBook book,
      String user,
      String execId,
      String symbol,
      BigDecimal qty,
      BigDecimal price) {
    if (book.hasFill(execId)) {
      return FundingCode.DUPLICATE_FILL;
    }
    if (!book.user(user).isPresent()) {
      return FundingCode.USER_NOT_FOUND;
    }
    if (market.instrument(symbol).isEmpty()) {
      return FundingCode.UNKNOWN_SYMBOL;
    }
    if (qty.signum() <= 0
        || Amounts.decimals(qty) > 9
        || price.signum() <= 0
        || fillAmount(qty, price).signum() == 0) {
      return FundingCode.INVALID_FILL;
    }
    return null;
  }

  /** A fill's amount: qty x price rounded HALF_EVEN to cents. */
  private static BigDecimal fillAmount(BigDecimal qty, BigDecimal price) {
    return qty.multiply(price).setScale(2, RoundingMode.HALF_EVEN);
  }

  /** Returns every position, by user then symbol, valued at the marks now. */
  public List<FundingPosition> positions() {
    return store.inTransaction(
        book -> {
          List<FundingPosition> all = new ArrayList<>();
          if (orders != null) {
            for (FundingUser u : book.users()) {
              for (ClientPosition p : orders.positions(u.id())) {
                all.add(
                    new FundingPosition(u.id(), p.symbol(), p.qty(), value(p.symbol(), p.qty())));
              }
            }
            return List.copyOf(all);
          }
          for (String user : book.usersWithPositions()) {
            for (Map.Entry<String, BigDecimal> p : book.positionsOf(user).entrySet()) {
              all.add(
                  new FundingPosition(
                      user, p.getKey(), p.getValue(), value(p.getKey(), p.getValue())));
            }
          }
          return List.copyOf(all);
        });
  }

  private BigDecimal value(String symbol, BigDecimal qty) {
    BigDecimal mark = market.instrument(symbol).map(Instrument::mark).orElse(BigDecimal.ZERO);
    return qty.multiply(mark).setScale(2, RoundingMode.HALF_EVEN);
  }

  // ------------------------------------------------------------------ settlement

  /**
   * Moves the proceeds of each unsettled sale whose settlement date is today's New York date or
   * earlier to cash, one transfer each; returns their execution ids, sorted.
   */
  public List<String> settle() {
    return store.inTransaction(
        book -> {
          if (orders != null) {
            List<String> users = book.users().stream().map(FundingUser::id).toList();
            for (Sale sale : orders.newSales(book, users)) {
              book.recordFill(sale.execId());
              book.putSale(sale);
            }
          }
          LocalDate today = today();
          List<String> settled = new ArrayList<>();
          for (Sale sale : book.unsettledSales()) {
            if (!sale.settlesOn().isAfter(today)) {
              apply(
                  List.of(
                      Transfer.single(
                          FundingIds.of("settle", sale.execId()),
                          ClientLedgerAccounts.unsettled(sale.user()),
                          ClientLedgerAccounts.cash(sale.user()),
                          Amounts.cents(sale.amount()),
                          "settlement")),
                  false);
              book.putSale(
                  new Sale(sale.execId(), sale.user(), sale.amount(), sale.settlesOn(), true));
              settled.add(sale.execId());
              if (orders != null) {
                repayDebit(sale);
              }
            }
          }
          settled.sort(null);
          return List.copyOf(settled);
        });
  }

  /**
   * Repays what {@code sale}'s user owes the order service (a debit balance: buys on credit against
   * unsettled proceeds) from the cash the sale just settled: the least of the sale, the debt and
   * the cash available, once per sale (a transfer already made is never made again, so a retry does
   * not repay twice).
   */
  private void repayDebit(Sale sale) {
    String id = FundingIds.of("repay", sale.execId());
    if (ledger.transfer(id).isPresent()) {
      return;
    }
    long owed = owed(sale.user());
    AccountBalances cash =
        present(ledger.balances(ClientLedgerAccounts.cash(sale.user())), sale.user());
    long available = cash.creditsPosted() - cash.debitsPosted() - cash.debitsPending();
    long repay = Math.min(Math.min(owed, Amounts.cents(sale.amount())), available);
    if (repay > 0) {
      apply(
          List.of(
              Transfer.single(
                  id,
                  ClientLedgerAccounts.cash(sale.user()),
                  ClientLedgerAccounts.debit(sale.user()),
                  repay,
                  "debit_repay")),
          false);
    }
  }

  /** What {@code user} owes the order service in cents: its debit account's posted balance. */
  private long owed(String user) {
    if (orders == null) {
      return 0;
    }
    return ledger
        .balances(ClientLedgerAccounts.debit(user))
        .map(b -> Math.max(0, b.debitsPosted() - b.creditsPosted()))
        .orElse(0L);
  }

  // ------------------------------------------------------------------ withdrawals

  /**
   * Withdraws at once from withdrawable cash, for a fee: amount - fee is held for the payout and
   * the fee for the platform, as one linked pair; PROCESSING until the payout's event. Answers
   * USER_NOT_FOUND, EXISTS or ID_IN_USE, INVALID_AMOUNT, INVALID_CLABE, KYC_REQUIRED,
   * AMOUNT_TOO_SMALL (not more than the fee), INSUFFICIENT_FUNDS, INSTANT_LIMIT_EXCEEDED.
   */
  public WithdrawalResult withdrawInstant(
      String user, String withdrawalId, BigDecimal amount, Destination destination) {
    return payOut(
        createWithdrawal(user, withdrawalId, amount, destination, WithdrawalKind.INSTANT));
  }

  /**
   * Asks for a reviewed withdrawal: PENDING_REVIEW, or approved at once by {@code auto} up to the
   * auto-approval limit. Answers USER_NOT_FOUND, EXISTS or ID_IN_USE, INVALID_AMOUNT,
   * INVALID_CLABE, KYC_REQUIRED, INSUFFICIENT_FUNDS (more than withdrawable + unsettled + invested
   * - the user's withdrawals still pending review or approved).
   */
  public WithdrawalResult requestWithdrawal(
      String user, String withdrawalId, BigDecimal amount, Destination destination) {
    return raiseOrPay(
        createWithdrawal(user, withdrawalId, amount, destination, WithdrawalKind.REVIEWED));
  }

  private WithdrawalResult createWithdrawal(
      String user,
      String withdrawalId,
      BigDecimal amount,
      Destination destination,
      WithdrawalKind kind) {
    notNull(user, "user");
    id(withdrawalId, "withdrawalId", MAX_ID);
    notNull(amount, "amount");
    notNull(destination, "destination");
    Destination.Saved saved = save(user, destination);
    return store.inTransaction(
        book -> {
          FundingUser u = book.user(user).orElse(null);
          Withdrawal existing = book.withdrawal(withdrawalId).orElse(null);
          if (u == null) {
            return new WithdrawalResult(FundingCode.USER_NOT_FOUND, existing);
          }
          if (existing != null) {
            boolean same =
                existing.kind() == kind
                    && existing.user().equals(user)
                    && existing.amount().compareTo(amount) == 0
                    && existing.destination().fingerprint(user).equals(saved.fingerprint());
            return new WithdrawalResult(
                same ? FundingCode.EXISTS : FundingCode.ID_IN_USE, existing);
          }
          if (!Amounts.isAmount(amount)) {
            return new WithdrawalResult(FundingCode.INVALID_AMOUNT, null);
          }
          if (destination instanceof Destination.Bank bank
              && !Destination.isValidClabe(bank.clabe())) {
            return new WithdrawalResult(FundingCode.INVALID_CLABE, null);
          }
          if (kycOf(u) != KycStatus.APPROVED) {
            return new WithdrawalResult(FundingCode.KYC_REQUIRED, null);
          }
          Instant now = clock.instant();
          UserFunds funds = fundsOf(book, u);
          if (kind == WithdrawalKind.INSTANT) {
            BigDecimal fee = instantFee(amount);
            if (amount.compareTo(fee) <= 0) {
              return new WithdrawalResult(FundingCode.AMOUNT_TOO_SMALL, null);
            }
            if (amount.compareTo(funds.withdrawable()) > 0) {
              return new WithdrawalResult(FundingCode.INSUFFICIENT_FUNDS, null);
            }
            BigDecimal limit =
                u.instantDailyLimit() != null
                    ? u.instantDailyLimit()
                    : settings.instantDailyLimit();
            if (usedToday(book, user).add(amount).compareTo(limit) > 0) {
              return new WithdrawalResult(FundingCode.INSTANT_LIMIT_EXCEEDED, null);
            }
            Withdrawal w =
                new Withdrawal(
                    withdrawalId,
                    user,
                    kind,
                    amount,
                    fee,
                    amount.subtract(fee),
                    WithdrawalStatus.PROCESSING,
                    saved,
                    null,
                    null,
                    now,
                    now,
                    null);
            if (!hold(w)) {
              return new WithdrawalResult(FundingCode.INSUFFICIENT_FUNDS, null);
            }
            book.putWithdrawal(w);
            return new WithdrawalResult(FundingCode.OK, w);
          }
          BigDecimal requestable =
              funds
                  .withdrawable()
                  .add(funds.unsettled())
                  .add(funds.invested())
                  .subtract(awaitingPayout(book, user));
          if (amount.compareTo(requestable) > 0) {
            return new WithdrawalResult(FundingCode.INSUFFICIENT_FUNDS, null);
          }
          Withdrawal w =
              new Withdrawal(
                  withdrawalId,
                  user,
                  kind,
                  amount,
                  Amounts.ZERO,
                  amount,
                  WithdrawalStatus.PENDING_REVIEW,
                  saved,
                  null,
                  null,
                  now,
                  now,
                  null);
          BigDecimal auto = settings.autoApproveLimit();
          if (auto != null && amount.compareTo(auto) <= 0) {
            w = fund(book, w.reviewed("auto", now, WithdrawalStatus.APPROVED));
          }
          book.putWithdrawal(w);
          return new WithdrawalResult(FundingCode.OK, w);
        });
  }

  /**
   * Approves a withdrawal PENDING_REVIEW as {@code reviewer} and funds it: held (PROCESSING) when
   * withdrawable cash covers it, else APPROVED, holding nothing. Answers WITHDRAWAL_NOT_FOUND,
   * INVALID_TRANSITION.
   */
  public WithdrawalResult approveWithdrawal(String withdrawalId, String reviewer) {
    notNull(reviewer, "reviewer");
    return raiseOrPay(
        review(
            withdrawalId,
            WithdrawalStatus.PENDING_REVIEW,
            (book, w) ->
                fund(book, w.reviewed(reviewer, clock.instant(), WithdrawalStatus.APPROVED))));
  }

  /** Rejects a withdrawal PENDING_REVIEW as {@code reviewer}. */
  public WithdrawalResult rejectWithdrawal(String withdrawalId, String reviewer) {
    notNull(reviewer, "reviewer");
    return review(
        withdrawalId,
        WithdrawalStatus.PENDING_REVIEW,
        (book, w) -> w.reviewed(reviewer, clock.instant(), WithdrawalStatus.REJECTED));
  }

  /** Cancels a withdrawal PENDING_REVIEW. */
  public WithdrawalResult cancelWithdrawal(String withdrawalId) {
    return review(
        withdrawalId,
        WithdrawalStatus.PENDING_REVIEW,
        (book, w) -> w.with(WithdrawalStatus.CANCELED, clock.instant()));
  }

  /**
   * Funds an APPROVED withdrawal again (its sales have settled, say): PROCESSING, or
   * INSUFFICIENT_FUNDS leaving it APPROVED. Answers WITHDRAWAL_NOT_FOUND, INVALID_TRANSITION first.
   */
  public WithdrawalResult processWithdrawal(String withdrawalId) {
    notNull(withdrawalId, "withdrawalId");
    return payOut(fundApproved(withdrawalId));
  }

  private WithdrawalResult fundApproved(String withdrawalId) {
    return store.inTransaction(
        book -> {
          Withdrawal w = book.withdrawal(withdrawalId).orElse(null);
          if (w == null) {
            return new WithdrawalResult(FundingCode.WITHDRAWAL_NOT_FOUND, null);
          }
          if (w.status() != WithdrawalStatus.APPROVED) {
            return new WithdrawalResult(FundingCode.INVALID_TRANSITION, w);
          }
          Withdrawal funded = fund(book, w);
          if (funded.status() != WithdrawalStatus.PROCESSING) {
            return new WithdrawalResult(FundingCode.INSUFFICIENT_FUNDS, w);
          }
          book.putWithdrawal(funded);
          return new WithdrawalResult(FundingCode.OK, funded);
        });
  }

  private WithdrawalResult review(
      String withdrawalId,
      WithdrawalStatus from,
      java.util.function.BiFunction<FundingBook, Withdrawal, Withdrawal> change) {
    notNull(withdrawalId, "withdrawalId");
    return store.inTransaction(
        book -> {
          Withdrawal w = book.withdrawal(withdrawalId).orElse(null);
          if (w == null) {
            return new WithdrawalResult(FundingCode.WITHDRAWAL_NOT_FOUND, null);
          }
          if (w.status() != from) {
            return new WithdrawalResult(FundingCode.INVALID_TRANSITION, w);
          }
          Withdrawal changed = change.apply(book, w);
          book.putWithdrawal(changed);
          return new WithdrawalResult(FundingCode.OK, changed);
        });
  }

  /** Holds an approved withdrawal when withdrawable cash covers it (PROCESSING); else unchanged. */
  private Withdrawal fund(FundingBook book, Withdrawal w) {
    UserFunds funds = fundsOf(book, user(book, w.user()));
    if (w.amount().compareTo(funds.withdrawable()) > 0) {
      return w;
    }
    Withdrawal processing = w.with(WithdrawalStatus.PROCESSING, clock.instant());
    return hold(processing) ? processing : w;
  }

  /** Holds a withdrawal's net for the payout and its fee for the platform, linked. */
  private boolean hold(Withdrawal w) {
    List<Transfer> chain = new ArrayList<>();
    chain.add(
        Transfer.pending(
            FundingIds.of("wd", w.id(), "net"),
            ClientLedgerAccounts.cash(w.user()),
            ClientLedgerAccounts.PAYOUTS,
            Amounts.cents(w.net()),
            "withdrawal"));
    if (w.fee().signum() > 0) {
      chain.add(
          Transfer.pending(
              FundingIds.of("wd", w.id(), "fee"),
              ClientLedgerAccounts.cash(w.user()),
              ClientLedgerAccounts.FEES,
              Amounts.cents(w.fee()),
              "instant_fee"));
    }
    return apply(chain, true);
  }

  /**
   * Applies the payment provider's payout event to a PROCESSING withdrawal, once per event id: paid
   * posts its holds (COMPLETED), failed voids them (FAILED). Answers DUPLICATE_EVENT,
   * WITHDRAWAL_NOT_FOUND (kept among the {@link #unmatchedEvents()}), STALE_EVENT (recorded;
   * nothing moves).
   */
  public WithdrawalResult applyPayoutEvent(
      String eventId, String withdrawalId, PayoutEventType type) {
    id(eventId, "eventId", MAX_ID);
    id(withdrawalId, "withdrawalId", MAX_ID);
    notNull(type, "type");
    return store.inTransaction(
        book -> {
          Withdrawal w = book.withdrawal(withdrawalId).orElse(null);
          if (book.hasEvent(eventId)) {
            return new WithdrawalResult(FundingCode.DUPLICATE_EVENT, w);
          }
          if (w == null) {
            book.putUnmatchedEvent(
                new UnmatchedEvent(
                    eventId,
                    UnmatchedEvent.Subject.WITHDRAWAL,
                    withdrawalId,
                    type.name(),
                    null,
                    clock.instant()));
            return new WithdrawalResult(FundingCode.WITHDRAWAL_NOT_FOUND, null);
          }
          book.recordEvent(eventId);
          if (w.status() != WithdrawalStatus.PROCESSING) {
            return new WithdrawalResult(FundingCode.STALE_EVENT, w);
          }
          boolean paid = type == PayoutEventType.PAID;
          List<Transfer> chain = new ArrayList<>();
          for (String part : w.fee().signum() > 0 ? List.of("net", "fee") : List.of("net")) {
            String pending = FundingIds.of("wd", w.id(), part);
            String id = FundingIds.of("wd", w.id(), part, paid ? "post" : "void");
            chain.add(paid ? Transfer.post(id, pending) : Transfer.voidPending(id, pending));
          }
          apply(chain, false);
          Withdrawal moved =
              w.with(paid ? WithdrawalStatus.COMPLETED : WithdrawalStatus.FAILED, clock.instant());
          book.putWithdrawal(moved);
          return new WithdrawalResult(FundingCode.OK, moved);
        });
  }

  /**
   * Applies a payment provider's event that its gateway has verified and read ({@link
   * PaymentGateway#parseWebhook}): a deposit's event as {@link #applyDepositEvent}, a payout's as
   * {@link #applyPayoutEvent}, each once by its id. An event the platform does not act on is
   * recorded by its id and answered OK (its replay is DUPLICATE_EVENT).
   *
   * <pre>{@code
   * FundingCode code = funding.apply(gateway.parseWebhook(rawBody, headers));
   * }</pre>
   */
  public FundingCode apply(ProviderEvent event) {
    notNull(event, "event");
    if (event instanceof ProviderEvent.DepositEvent d) {
      return applyDepositEvent(d.eventId(), d.depositId(), d.type(), d.confirmedAmount()).code();
    }
    if (event instanceof ProviderEvent.PayoutEvent p) {
      return applyPayoutEvent(p.eventId(), p.withdrawalId(), p.type()).code();
    }
    id(event.eventId(), "eventId", MAX_ID);
    return store.inTransaction(
        book -> {
          if (book.hasEvent(event.eventId())) {
            return FundingCode.DUPLICATE_EVENT;
          }
          book.recordEvent(event.eventId());
          return FundingCode.OK;
        });
  }

  /**
   * Starts the payout of every PROCESSING withdrawal whose payout was not started (its provider
   * failed, or the JVM stopped between the hold and the payout); with no gateway, does nothing. The
   * gateway pays a withdrawal at most once whatever was started before (its idempotency key is the
   * withdrawal's), so running this at any time is safe. Returns the withdrawals it started, sorted
   * by id.
   */
  public List<Withdrawal> resumePayouts() {
    GatewayLink link = gateway;
    if (link == null) {
      return List.of();
    }
    List<Withdrawal> waiting =
        store.inTransaction(
            book -> {
              return book.withdrawals().stream()
                  .filter(
                      w -> w.status() == WithdrawalStatus.PROCESSING && w.payoutReference() == null)
                  .toList();
            });
    List<Withdrawal> started = new ArrayList<>();
    for (Withdrawal w : waiting) {
      Withdrawal after = link.payOut(w);
      if (after.payoutReference() != null) {
        started.add(after);
      }
    }
    return List.copyOf(started);
  }

  /**
   * The day's settlement, for a scheduler to run once each trading day (running it again is safe):
   * settles every sale due ({@link #settle}), funds every APPROVED withdrawal that cash now covers
   * ({@link #processWithdrawal}), and starts every payout not started ({@link #resumePayouts}).
   */
  public SettlementRun settleAndPay() {
    List<String> settled = settle();
    List<String> approved =
        store.inTransaction(
            book -> {
              return book.withdrawals().stream()
                  .filter(w -> w.status() == WithdrawalStatus.APPROVED)
                  .map(Withdrawal::id)
                  .toList();
            });
    List<String> funded = new ArrayList<>();
    List<String> paid = new ArrayList<>();
    for (String id : approved) {
      WithdrawalResult r = processWithdrawal(id);
      Withdrawal w = r.withdrawal();
      if (r.code() == FundingCode.OK && w != null) {
        funded.add(id);
        if (w.payoutReference() != null) {
          paid.add(id);
        }
      }
    }
    for (Withdrawal w : resumePayouts()) {
      paid.add(w.id());
    }
    paid.sort(null);
    return new SettlementRun(settled, funded, paid);
  }

  /**
   * Returns the provider events that named a deposit or withdrawal the platform did not know when
   * they arrived (answered {@code DEPOSIT_NOT_FOUND} or {@code WITHDRAWAL_NOT_FOUND}, nothing
   * moved) and that no later delivery has applied, sorted by event id: what reconciliation with the
   * provider starts from. A host's webhook endpoint acknowledges them, so the provider does not
   * retry them forever.
   */
  public List<UnmatchedEvent> unmatchedEvents() {
    return store.inTransaction(
        book -> {
          return book.unmatchedEvents().stream().filter(e -> !book.hasEvent(e.eventId())).toList();
        });
  }

  /** Returns the withdrawal {@code withdrawalId} names, if any. */
  public Optional<Withdrawal> withdrawal(String withdrawalId) {
    notNull(withdrawalId, "withdrawalId");
    return store.inTransaction(
        book -> {
          return book.withdrawal(withdrawalId);
        });
  }

  /**
   * Returns the receipt of the withdrawal {@code withdrawalId} names, as it stands: its payout's
   * reference and, once COMPLETED, when the paid event was applied. Render it with {@link
   * WithdrawalReceiptPdf}. Empty when there is no such withdrawal.
   */
  public Optional<WithdrawalReceipt> receipt(String withdrawalId) {
    return withdrawal(withdrawalId)
        .map(
            w ->
                WithdrawalReceipt.of(
                    w,
                    w.payoutReference(),
                    w.status() == WithdrawalStatus.COMPLETED ? w.updatedAt() : null));
  }

  /** Returns every withdrawal, sorted by id. */
  public List<Withdrawal> withdrawals() {
    return store.inTransaction(
        book -> {
          return book.withdrawals();
        });
  }

  /**
   * Returns what an APPROVED withdrawal still lacks: max(0, amount - its user's withdrawable);
   * empty for a withdrawal in any other state, or none.
   */
  public Optional<BigDecimal> shortfall(String withdrawalId) {
    notNull(withdrawalId, "withdrawalId");
    return store.inTransaction(
        book -> {
          Withdrawal w = book.withdrawal(withdrawalId).orElse(null);
          if (w == null || w.status() != WithdrawalStatus.APPROVED) {
            return Optional.empty();
          }
          BigDecimal lack = w.amount().subtract(fundsOf(book, user(book, w.user())).withdrawable());
          return Optional.of(Amounts.money(lack.max(BigDecimal.ZERO)));
        });
  }

  /** The instant fee: amount x rate rounded HALF_UP to cents, within [min, max]. */
  private BigDecimal instantFee(BigDecimal amount) {
    BigDecimal fee = amount.multiply(settings.instantFeeRate()).setScale(2, RoundingMode.HALF_UP);
    fee = fee.max(settings.instantFeeMin()).min(settings.instantFeeMax());
    return Amounts.money(fee);
  }

  /** The amounts of {@code user}'s instant withdrawals not FAILED created today (New York). */
  private BigDecimal usedToday(FundingBook book, String user) {
    LocalDate today = today();
    BigDecimal used = BigDecimal.ZERO;
    for (Withdrawal w : book.withdrawalsOf(user, today.atStartOfDay(NEW_YORK).toInstant())) {
      if (w.kind() == WithdrawalKind.INSTANT
          && w.status() != WithdrawalStatus.FAILED
          && w.createdAt().atZone(NEW_YORK).toLocalDate().equals(today)) {
        used = used.add(w.amount());
      }
    }
    return used;
  }

  /** The amounts of {@code user}'s withdrawals PENDING_REVIEW or APPROVED. */
  private BigDecimal awaitingPayout(FundingBook book, String user) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Withdrawal w : book.withdrawalsOf(user)) {
      if (isAwaiting(w.status())) {
        sum = sum.add(w.amount());
      }
    }
    return sum;
  }

  private static boolean isAwaiting(WithdrawalStatus status) {
    return status == WithdrawalStatus.PENDING_REVIEW || status == WithdrawalStatus.APPROVED;
  }

  // ------------------------------------------------------------------ auto-invest

  /**
   * Invests up to {@code amount} of {@code user}'s withdrawable cash above the liquidity buffer:
   * the {@code ranked} symbols by harmonic weights, or SPY 3/5 and BIL 2/5 when none are given; one
   * notional market buy per symbol ({@code investId:symbol}), OPEN with its notional held, all
   * holds one linked batch. Answers USER_NOT_FOUND, EXISTS or ID_IN_USE, INVALID_AMOUNT,
   * UNKNOWN_SYMBOL, KYC_REQUIRED, NOTHING_TO_INVEST.
   */
  public InvestResult autoInvest(
      String user, String investId, BigDecimal amount, List<String> ranked) {
    notNull(user, "user");
    id(investId, "investId", MAX_INVEST_ID);
    notNull(amount, "amount");
    notNull(ranked, "ranked");
    InvestResult result = recordInvestment(user, investId, amount, List.copyOf(ranked));
    OrderLink link = orders;
    if (link == null || (result.code() != FundingCode.OK && result.code() != FundingCode.EXISTS)) {
      return result;
    }
    List<InvestOrder> open =
        store.inTransaction(
            book -> {
              return book.investOrders().stream()
                  .filter(o -> o.investId().equals(investId))
                  .filter(o -> o.status() == InvestOrderStatus.OPEN)
                  .toList();
            });
    List<String> refused = new ArrayList<>();
    for (InvestOrder order : open) {
      if (!link.buy(order)) {
        refused.add(order.id());
      }
    }
    if (refused.isEmpty()) {
      return result;
    }
    List<InvestOrder> after =
        store.inTransaction(
            book -> {
              List<InvestOrder> all = new ArrayList<>();
              for (InvestOrder o : result.orders()) {
                InvestOrder now = book.investOrder(o.id()).orElse(o);
                if (refused.contains(now.id()) && now.status() == InvestOrderStatus.OPEN) {
                  now = now.with(InvestOrderStatus.CANCELED, now.filledAmount());
                  book.putInvestOrder(now);
                }
                all.add(now);
              }
              return all;
            });
    return new InvestResult(result.code(), result.investable(), result.buffer(), after);
  }

  private InvestResult recordInvestment(
      String user, String investId, BigDecimal amount, List<String> symbols) {
    return store.inTransaction(
        book -> {
          FundingUser u = book.user(user).orElse(null);
          if (u == null) {
            return new InvestResult(FundingCode.USER_NOT_FOUND, null, null, List.of());
          }
          Investment existing = book.investment(investId).orElse(null);
          if (existing != null) {
            boolean same =
                existing.user().equals(user)
                    && existing.amount().compareTo(amount) == 0
                    && existing.ranked().equals(symbols);
            return new InvestResult(
                same ? FundingCode.EXISTS : FundingCode.ID_IN_USE, null, null, List.of());
          }
          if (!Amounts.isAmount(amount)) {
            return new InvestResult(FundingCode.INVALID_AMOUNT, null, null, List.of());
          }
          List<String> policy = symbols.isEmpty() ? List.of("SPY", "BIL") : symbols;
          for (String symbol : policy) {
            if (market.instrument(symbol).isEmpty()) {
              return new InvestResult(FundingCode.UNKNOWN_SYMBOL, null, null, List.of());
            }
          }
          if (kycOf(u) != KycStatus.APPROVED) {
            return new InvestResult(FundingCode.KYC_REQUIRED, null, null, List.of());
          }
          UserFunds funds = fundsOf(book, u);
          BigDecimal buffer = buffer(funds.equity());
          BigDecimal investable =
              Amounts.money(
                  amount
                      .min(funds.withdrawable().subtract(buffer).max(BigDecimal.ZERO))
                      .setScale(2, RoundingMode.DOWN));
          if (investable.signum() == 0) {
            return new InvestResult(FundingCode.NOTHING_TO_INVEST, investable, buffer, List.of());
          }
          List<BigDecimal> notionals = split(investable, symbols.isEmpty() ? null : policy.size());
          List<InvestOrder> made = new ArrayList<>();
          List<Transfer> holds = new ArrayList<>();
          for (int i = 0; i < policy.size(); i++) {
            BigDecimal notional = notionals.get(i);
            if (notional.signum() == 0) {
              continue;
            }
            String orderId = investId + ":" + policy.get(i);
            made.add(
                new InvestOrder(
                    orderId,
                    investId,
                    user,
                    policy.get(i),
                    notional,
                    InvestOrderStatus.OPEN,
                    Amounts.ZERO));
            holds.add(
                Transfer.pending(
                    reserveId(orderId),
                    ClientLedgerAccounts.cash(user),
                    ClientLedgerAccounts.BROKER,
                    Amounts.cents(notional),
                    "buy_reserve"));
          }
          if (orders == null && !apply(holds, true)) {
            return new InvestResult(FundingCode.NOTHING_TO_INVEST, investable, buffer, List.of());
          }
          book.putInvestment(new Investment(investId, user, amount, symbols));
          for (InvestOrder order : made) {
            book.putInvestOrder(order);
          }
          return new InvestResult(FundingCode.OK, investable, buffer, made);
        });
  }

  /**
   * Splits {@code investable} by the policy's weights, each rounded DOWN to cents with one exact
   * division, the cents left to the first: harmonic over {@code ranked} symbols, else 3/5 and 2/5.
   */
  private static List<BigDecimal> split(BigDecimal investable, @Nullable Integer ranked) {
    List<BigInteger> weights = new ArrayList<>();
    if (ranked == null) {
      weights.add(SPY_WEIGHT);
      weights.add(BIL_WEIGHT);
    } else {
      BigInteger lcm = BigInteger.ONE;
      for (int k = 2; k <= ranked; k++) {
        BigInteger kk = BigInteger.valueOf(k);
        lcm = lcm.divide(lcm.gcd(kk)).multiply(kk);
      }
      for (int i = 0; i < ranked; i++) {
        weights.add(lcm.divide(BigInteger.valueOf(i + 1)));
      }
    }
    BigInteger total = BigInteger.ZERO;
    for (BigInteger w : weights) {
      total = total.add(w);
    }
    BigDecimal sum = BigDecimal.ZERO;
    List<BigDecimal> notionals = new ArrayList<>();
    for (BigInteger w : weights) {
      BigDecimal n =
          investable
              .multiply(new BigDecimal(w))
              .divide(new BigDecimal(total), 2, RoundingMode.DOWN);
      notionals.add(n);
      sum = sum.add(n);
    }
    notionals.set(0, notionals.get(0).add(investable.subtract(sum)));
    return notionals;
  }

  /** Cancels an OPEN auto-invest order (the broker canceled it), voiding its hold. */
  public InvestOrderResult cancelInvestOrder(String orderId) {
    notNull(orderId, "orderId");
    return store.inTransaction(
        book -> {
          InvestOrder order = book.investOrder(orderId).orElse(null);
          if (order == null) {
            return new InvestOrderResult(FundingCode.ORDER_NOT_FOUND, null);
          }
          if (order.status() != InvestOrderStatus.OPEN) {
            return new InvestOrderResult(FundingCode.INVALID_TRANSITION, order);
          }
          apply(
              List.of(
                  Transfer.voidPending(FundingIds.of("inv", orderId, "void"), reserveId(orderId))),
              false);
          InvestOrder canceled = order.with(InvestOrderStatus.CANCELED, order.filledAmount());
          book.putInvestOrder(canceled);
          return new InvestOrderResult(FundingCode.OK, canceled);
        });
  }

  /** Returns the auto-invest order {@code orderId} names, if any. */
  public Optional<InvestOrder> investOrder(String orderId) {
    notNull(orderId, "orderId");
    return store.inTransaction(
        book -> {
          return book.investOrder(orderId);
        });
  }

  /** Returns every auto-invest order, sorted by id. */
  public List<InvestOrder> investOrders() {
    return store.inTransaction(
        book -> {
          return book.investOrders();
        });
  }

  private static String reserveId(String orderId) {
    return FundingIds.of("inv", orderId, "hold");
  }

  // ------------------------------------------------------------------ liquidity

  /** Returns the platform's liquidity now. */
  public LiquidityReport liquidity() {
    return store.inTransaction(
        book -> {
          BigDecimal bufferTarget = Amounts.ZERO;
          BigDecimal cashOnHand = Amounts.ZERO;
          for (FundingUser u : book.users()) {
            UserFunds funds = fundsOf(book, u);
            bufferTarget = bufferTarget.add(buffer(funds.equity()));
            cashOnHand = cashOnHand.add(funds.withdrawable());
          }
          BigDecimal pending = Amounts.ZERO;
          BigDecimal processing = Amounts.ZERO;
          for (Withdrawal w : book.withdrawals()) {
            if (isAwaiting(w.status())) {
              pending = pending.add(w.amount());
            } else if (w.status() == WithdrawalStatus.PROCESSING) {
              processing = processing.add(w.amount());
            }
          }
          return new LiquidityReport(
              Amounts.money(bufferTarget),
              Amounts.money(cashOnHand),
              Amounts.money(pending),
              Amounts.money(processing),
              Amounts.money(cashOnHand.subtract(pending)));
        });
  }

  /** buffer x equity, rounded UP to cents. */
  private BigDecimal buffer(BigDecimal equity) {
    return equity.multiply(settings.liquidityBuffer()).setScale(2, RoundingMode.UP);
  }

  // ------------------------------------------------------------------ the ledger

  private UserFunds fundsOf(FundingBook book, FundingUser u) {
    String user = u.id();
    List<Optional<AccountBalances>> both =
        ledger.balances(
            List.of(ClientLedgerAccounts.cash(user), ClientLedgerAccounts.unsettled(user)));
    AccountBalances cash = present(both.get(0), user);
    AccountBalances unsettled = present(both.get(1), user);
    long posted = cash.creditsPosted() - cash.debitsPosted();
    long held = cash.debitsPending();
    long owed = owed(user);
    BigDecimal invested = Amounts.ZERO;
    if (orders != null) {
      for (ClientPosition p : orders.positions(user)) {
        invested = invested.add(value(p.symbol(), p.qty()));
      }
    } else {
      for (Map.Entry<String, BigDecimal> p : book.positionsOf(user).entrySet()) {
        invested = invested.add(value(p.getKey(), p.getValue()));
      }
    }
    BigDecimal cashUsd = Amounts.usd(posted);
    BigDecimal unsettledUsd = Amounts.usd(unsettled.creditsPosted() - unsettled.debitsPosted());
    return new UserFunds(
        user,
        kycOf(u),
        cashUsd,
        Amounts.usd(held),
        Amounts.usd(Math.max(0, posted - held - owed)),
        unsettledUsd,
        invested,
        cashUsd.add(unsettledUsd).add(invested).subtract(Amounts.usd(owed)));
  }

  private static AccountBalances present(Optional<AccountBalances> balances, String user) {
    return balances.orElseThrow(
        () ->
            new SpeedTradeException(
                ErrorCode.ACCOUNT_NOT_FOUND, "the ledger has no account of user '" + user + "'"));
  }

  /**
   * Applies {@code chain} (linked when asked), treating a transfer that exists as done; returns
   * false when the ledger refused it for funds, and throws for anything else.
   */
  private boolean apply(List<Transfer> chain, boolean linked) {
    if (chain.isEmpty()) {
      return true;
    }
    List<TransferResult> results =
        linked || chain.size() > 1
            ? ledger.createLinkedTransfers(chain)
            : ledger.createTransfers(chain);
    boolean ok = true;
    for (TransferResult r : results) {
      ok &= r.isSuccess();
    }
    if (ok) {
      return true;
    }
    if (results.contains(TransferResult.EXCEEDS_CREDITS)) {
      return false;
    }
    throw new SpeedTradeException(
        ErrorCode.INVALID_TRANSFER,
        "the ledger refused the funding transfers " + chain + ": " + results);
  }

  private void create(List<LedgerAccount> accounts) {
    var results = ledger.createAccounts(accounts);
    for (int i = 0; i < results.size(); i++) {
      if (!results.get(i).isSuccess()) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ACCOUNT,
            "ledger account '"
                + accounts.get(i).id()
                + "' could not be created: "
                + results.get(i));
      }
    }
  }

  /**
   * Returns how {@code destination} is kept: with a gateway, saved there first (a CLABE only when
   * valid; an invalid one is refused in the transaction that follows), so no store holds the whole
   * number.
   */
  private Destination.Saved save(String user, Destination destination) {
    String token = null;
    boolean payable =
        !(destination instanceof Destination.Saved)
            && (!(destination instanceof Destination.Bank bank)
                || Destination.isValidClabe(bank.clabe()));
    if (gateway != null && payable && user.matches("[A-Za-z0-9._-]{1,64}")) {
      token = gateway.save(user, destination);
    }
    return Destination.Saved.of(user, destination, token);
  }

  /**
   * Starts the payout of a withdrawal the result holds when it is PROCESSING and has none yet (a
   * gateway only); the result, with the withdrawal as it stands after.
   */
  private WithdrawalResult payOut(WithdrawalResult result) {
    Withdrawal w = result.withdrawal();
    if (gateway == null || w == null) {
      return result;
    }
    boolean mayPay = result.code() == FundingCode.OK || result.code() == FundingCode.EXISTS;
    return mayPay ? new WithdrawalResult(result.code(), gateway.payOut(w)) : result;
  }

  /**
   * Pays a withdrawal the result holds out when it is PROCESSING; when it is APPROVED and the
   * service trades through an order service, sells what withdrawable cash and unsettled proceeds
   * lack (the proceeds settle on the next trading day, and {@link #settleAndPay} pays it then).
   */
  private WithdrawalResult raiseOrPay(WithdrawalResult result) {
    Withdrawal w = result.withdrawal();
    OrderLink link = orders;
    boolean created = result.code() == FundingCode.OK || result.code() == FundingCode.EXISTS;
    if (link == null || w == null || !created || w.status() != WithdrawalStatus.APPROVED) {
      return payOut(result);
    }
    UserFunds funds = funds(w.user()).orElseThrow();
    BigDecimal lacking = w.amount().subtract(funds.withdrawable()).subtract(funds.unsettled());
    if (lacking.signum() > 0) {
      link.sellFor(w, lacking);
    }
    return result;
  }

  private void ownFills() {
    if (orders != null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "this funding service trades through an order service, whose fills are the ones booked;"
              + " it records none of its own");
    }
  }

  /** {@code u}'s verification: the gate's answer when the service has one, else its record's. */
  private KycStatus kycOf(FundingUser u) {
    return kyc != null ? kyc.status(u.id()) : u.kyc();
  }

  /** The user of something the service recorded for it: it exists. */
  private static FundingUser user(FundingBook book, String user) {
    return book.user(user).orElseThrow();
  }

  private LocalDate today() {
    return clock.instant().atZone(NEW_YORK).toLocalDate();
  }

  /**
   * Checks an id a write keeps: 1 to {@code max} characters, none of them a control character
   * (stores key records by it, and the order service takes an auto-invest order's id as its client
   * order id).
   */
  private static String id(@Nullable String value, String what, int max) {
    String text = notNull(value, what);
    if (text.isEmpty() || text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          what
              + " must be 1-"
              + max
              + " characters and no control character, got "
              + text.length()
              + " characters");
    }
    return text;
  }

  private static void userId(@Nullable String user) {
    if (user == null || !user.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT,
          "user id must be 1-64 characters of [A-Za-z0-9._-], got '" + user + "'");
    }
  }

  private static <T> T notNull(@Nullable T value, String what) {
    if (value == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
    }
    return value;
  }

  /** Builds a {@link FundingService}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Ledger ledger;
    private @Nullable MarketView market;
    private Clock clock = Clock.systemUTC();
    private @Nullable SettlementCalendar calendar;
    private FundingSettings settings = FundingSettings.DEFAULTS;
    private FundingStore store = new InMemoryFundingStore();
    private @Nullable PaymentGateway payments;
    private @Nullable OrderService orders;
    private @Nullable KycGate kyc;

    private Builder() {}

    /**
     * Reads each user's verification from {@code value} (the platform's {@link
     * dev.speedtrade.kyc.KycService}) instead of the status kept with the user ({@link #openUser},
     * {@link #setKyc}): deposits above the KYC deposit limit, withdrawals and auto-invest then need
     * the gate to answer APPROVED ({@link FundingCode#KYC_REQUIRED} otherwise), and a REJECTED user
     * deposits nothing. By default the kept status decides, as the contract's scripts set it.
     */
    public Builder kyc(KycGate value) {
      kyc = notNull(value, "kyc");
      return this;
    }

    /**
     * Trades through {@code value}, the omnibus order service on the same ledger (default none:
     * fills are recorded by {@link #recordBuyFill} and {@link #recordSellFill}, as the contract's
     * scripts do). With one, auto-invest submits its buys there (each risk-checked like any order;
     * the order service holds the reserve), an approved withdrawal's shortfall is sold there,
     * positions are its books, {@link #settle} settles the equity sales among its fills, opening a
     * user opens its account there, and the service's own fill methods refuse.
     */
    public Builder orders(OrderService value) {
      orders = notNull(value, "orders");
      return this;
    }

    /**
     * Sets the payment provider that collects deposits and pays withdrawals out (default none:
     * deposits and payouts then move only by the events a caller applies, as the contract's scripts
     * do). With one, a created deposit is started there, a destination is saved there before a
     * withdrawal keeps its masked form, and a withdrawal that reaches PROCESSING is paid out there.
     */
    public Builder payments(PaymentGateway value) {
      payments = notNull(value, "payments");
      return this;
    }

    /** Sets where the records are kept (default a new {@link InMemoryFundingStore}). */
    public Builder store(FundingStore value) {
      store = notNull(value, "store");
      return this;
    }

    /** Sets the ledger the users' money is kept in (required). */
    public Builder ledger(Ledger value) {
      ledger = notNull(value, "ledger");
      return this;
    }

    /** Sets where instruments and their marks are read (required). */
    public Builder market(MarketView value) {
      market = notNull(value, "market");
      return this;
    }

    /** Sets the clock (default UTC system clock). */
    public Builder clock(Clock value) {
      clock = notNull(value, "clock");
      return this;
    }

    /** Sets the trading days sales settle on (required). */
    public Builder calendar(SettlementCalendar value) {
      calendar = notNull(value, "calendar");
      return this;
    }

    /** Sets the rules (default {@link FundingSettings#DEFAULTS}). */
    public Builder settings(FundingSettings value) {
      settings = notNull(value, "settings");
      return this;
    }

    /**
     * Returns the service, creating the platform's ledger accounts if they are missing.
     *
     * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when the ledger, market or
     *     calendar is missing
     */
    public FundingService build() {
      notNull(ledger, "ledger");
      notNull(market, "market");
      notNull(calendar, "calendar");
      return new FundingService(this);
    }
  }
}
