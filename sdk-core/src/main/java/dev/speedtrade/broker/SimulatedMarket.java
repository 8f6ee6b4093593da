package dev.speedtrade.broker;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.money.Money;
import dev.speedtrade.money.Price;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic, in-process market that any number of {@link SimulatedBroker} accounts trade on:
 * the listings and their prices, the NYSE {@link #marketClock() calendar}, the {@link #marketData()
 * snapshots}, and the behaviours every account sees (partial fills, rejections, latency).
 *
 * <p>Every price print ({@link #setPrice}, {@link #list}, {@link #step()}) gives the open orders of
 * every account their chance to execute; each account's cash, positions and orders stay its own.
 * Time comes from the injected {@link Clock}; randomness from {@link Random}s seeded by {@link
 * Builder#seed(long)} (one for the price path, one per account from the seed and the account id),
 * so the same calls in the same order give the same results. The matching rules are {@link
 * SimulatedBroker}'s.
 *
 * <p>Thread-safe: one lock guards the market and all its accounts. Trade updates reach each
 * account's listeners on the calling thread after the lock is released.
 */
public final class SimulatedMarket {
  private final Object lock = new Object();
  private final Clock clock;
  private final long seed;
  private final SimulatedMarketClock marketClock;
  private final SimulatedSessions sessions;
  private final Random random;
  private final Random latencyRandom;
  private final int partialFillPercent;
  private final int rejectionPercent;
  private final Duration minLatency;
  private final Duration maxLatency;
  private final Consumer<Duration> sleeper;
  private final @Nullable BigDecimal randomWalkPercent;
  private final MarketData marketData = this::snapshots;
  private final Map<String, SimulatedListing> listings = new TreeMap<>();
  private final Map<String, SimulatedBroker> accounts = new LinkedHashMap<>();

  private SimulatedMarket(Builder builder) {
    this.clock = builder.clock;
    this.seed = builder.seed;
    this.marketClock = new SimulatedMarketClock(clock);
    this.sessions = new SimulatedSessions(marketClock);
    this.random = new Random(builder.seed);
    this.latencyRandom = new Random(builder.seed ^ 0x5DEECE66DL);
    this.partialFillPercent = builder.partialFillPercent;
    this.rejectionPercent = builder.rejectionPercent;
    this.minLatency = builder.minLatency;
    this.maxLatency = builder.maxLatency;
    this.sleeper = builder.sleeper;
    this.randomWalkPercent = builder.randomWalkPercent;
    Instant now = clock.instant();
    builder.listings.forEach(
        (symbol, listing) ->
            listings.put(symbol, new SimulatedListing(listing.asset(), listing.price(), now)));
  }

  /** Returns a builder: a clock, a seed, listings, and the behaviours to simulate. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens an account on this market with {@code cash} and no positions.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a blank or already used
   *     account id; {@link ErrorCode#CURRENCY_MISMATCH} for cash not in US dollars
   */
  public SimulatedBroker openAccount(String accountId, Money cash) {
    return openAccount(accountId, cash, List.of());
  }

  /**
   * Opens an account on this market with {@code cash} and long {@code positions} in listed symbols.
   * The account draws its random choices (ids, partial fills, rejections, latency) from a generator
   * seeded by the market's seed and {@code accountId}, so it behaves the same whichever other
   * accounts trade beside it.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a blank or already used
   *     account id; {@link ErrorCode#CURRENCY_MISMATCH} for cash not in US dollars; {@link
   *     ErrorCode#UNKNOWN_SYMBOL} for a position in a symbol the market does not list
   */
  public SimulatedBroker openAccount(
      String accountId, Money cash, List<StartingPosition> positions) {
    long accountSeed = seed ^ (checkAccountId(accountId).hashCode() * 0x9E3779B97F4A7C15L);
    return open(
        accountId,
        cash,
        positions,
        new Random(accountSeed),
        new Random(accountSeed ^ 0x5DEECE66DL));
  }

  /** Opens the one account of a {@link SimulatedBroker.Builder}, on the market's own generators. */
  SimulatedBroker openSoleAccount(String accountId, Money cash, List<StartingPosition> positions) {
    return open(checkAccountId(accountId), cash, positions, random, latencyRandom);
  }

  private SimulatedBroker open(
      String accountId,
      Money cash,
      List<StartingPosition> positions,
      Random accountRandom,
      Random accountLatency) {
    SimulatedBroker.checkUsd(Objects.requireNonNull(cash, "cash"));
    Objects.requireNonNull(positions, "positions");
    synchronized (lock) {
      if (accounts.containsKey(accountId)) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, "account '" + accountId + "' is already open");
      }
      SimulatedBroker account =
          new SimulatedBroker(this, accountId, cash, accountRandom, accountLatency);
      for (StartingPosition position : positions) {
        SimulatedListing listing = listings.get(position.symbol());
        if (listing == null) {
          throw new SpeedTradeException(
              ErrorCode.UNKNOWN_SYMBOL, "position in unlisted symbol '" + position.symbol() + "'");
        }
        account.hold(position, listing.asset().assetClass());
      }
      accounts.put(accountId, account);
      return account;
    }
  }

  private static String checkAccountId(String accountId) {
    if (accountId == null || accountId.isBlank()) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "account id must not be blank");
    }
    return accountId;
  }

  /** Returns the market data view of this market: one snapshot per listed symbol. */
  public MarketData marketData() {
    return marketData;
  }

  /** Returns the NYSE market clock of this market, on its injected {@link Clock}. */
  public MarketClock marketClock() {
    return marketClock;
  }

  /** Returns the clock the market reads. */
  public Clock clock() {
    return clock;
  }

  /**
   * Sets the current price of {@code symbol}, as a trade printed on the market at the clock's now,
   * and matches every account's open orders against it.
   *
   * @throws SpeedTradeException {@link ErrorCode#UNKNOWN_SYMBOL} when the symbol is not listed
   */
  public void setPrice(String symbol, Price price) {
    String normalized = Symbols.normalize(symbol);
    Objects.requireNonNull(price, "price");
    operateAll(now -> listing(normalized).setPrice(price, now));
  }

  /**
   * Returns the current price of {@code symbol}.
   *
   * @throws SpeedTradeException {@link ErrorCode#UNKNOWN_SYMBOL} when the symbol is not listed
   */
  public Price price(String symbol) {
    String normalized = Symbols.normalize(symbol);
    synchronized (lock) {
      return listing(normalized).price();
    }
  }

  /**
   * Lists a new asset at {@code price}, or replaces the listing of a known one (to make it inactive
   * or untradable, say) and sets its price.
   */
  public void list(Asset asset, Price price) {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(price, "price");
    operateAll(
        now -> {
          SimulatedListing known = listings.get(asset.symbol());
          if (known == null) {
            listings.put(asset.symbol(), new SimulatedListing(asset, price, now));
          } else {
            known.relist(asset);
            known.setPrice(price, now);
          }
        });
  }

  /**
   * Moves every price one step along the seeded random walk set by {@link
   * Builder#randomWalk(BigDecimal)}, then matches every account's open orders.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} when no random walk was
   *     configured
   */
  public void step() {
    BigDecimal walk = randomWalkPercent;
    if (walk == null) {
      throw new SpeedTradeException(
          ErrorCode.INVALID_ARGUMENT, "step() needs a random walk: set Builder.randomWalk(...)");
    }
    operateAll(
        now -> {
          for (SimulatedListing listing : listings.values()) {
            listing.setPrice(PricePath.next(listing.price(), walk, random), now);
          }
        });
  }

  /**
   * Expires what the clock says has expired and matches every open order of every account that may
   * trade now. Every account's own calls do this for that account first; call it after moving a
   * test clock to see the effects at once.
   */
  public void matchOrders() {
    operateAll(now -> {});
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "SimulatedMarket{listings=" + listings.size() + ", accounts=" + accounts.size() + "}";
    }
  }

  // ---------------------------------------------------------------- for the accounts, under the
  // lock

  SimulatedSessions sessions() {
    return sessions;
  }

  int partialFillPercent() {
    return partialFillPercent;
  }

  int rejectionPercent() {
    return rejectionPercent;
  }

  SimulatedListing listing(String symbol) {
    SimulatedListing listing = listings.get(symbol);
    if (listing == null) {
      throw new SpeedTradeException(ErrorCode.UNKNOWN_SYMBOL, "unknown symbol '" + symbol + "'");
    }
    return listing;
  }

  /** Runs one account's call: its latency, then under the lock its catch-up and the operation. */
  <T> T call(SimulatedBroker account, Random accountLatency, Function<Instant, T> operation) {
    simulateLatency(accountLatency);
    return operate(account, operation);
  }

  /** Runs one account's operation under the lock; delivers the account's updates after it. */
  <T> T operate(SimulatedBroker account, Function<Instant, T> operation) {
    T result;
    try {
      synchronized (lock) {
        Instant now = clock.instant();
        account.catchUp(now);
        result = operation.apply(now);
        account.prune();
      }
    } finally {
      account.deliver();
    }
    return result;
  }

  /** Runs a market-wide change under the lock, then gives every account's orders their chance. */
  private void operateAll(Consumer<Instant> change) {
    List<SimulatedBroker> touched = List.of();
    try {
      synchronized (lock) {
        Instant now = clock.instant();
        touched = List.copyOf(accounts.values());
        for (SimulatedBroker account : touched) {
          account.catchUp(now);
        }
        change.accept(now);
        for (SimulatedBroker account : touched) {
          account.matchAll(now);
          account.prune();
        }
      }
    } finally {
      for (SimulatedBroker account : touched) {
        account.deliver();
      }
    }
  }

  private void simulateLatency(Random accountLatency) {
    if (maxLatency.isZero()) {
      return;
    }
    long spread = maxLatency.toNanos() - minLatency.toNanos();
    long nanos;
    synchronized (accountLatency) {
      nanos = minLatency.toNanos() + (spread == 0 ? 0 : accountLatency.nextLong(spread + 1));
    }
    sleeper.accept(Duration.ofNanos(nanos));
  }

  private Map<String, Snapshot> snapshots(Collection<String> symbols) {
    if (symbols == null) {
      throw new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, "symbols must not be null");
    }
    List<String> wanted = symbols.stream().map(Symbols::normalize).distinct().toList();
    simulateLatency(latencyRandom);
    synchronized (lock) {
      Instant now = clock.instant();
      Map<String, Snapshot> snapshots = new LinkedHashMap<>();
      for (String symbol : wanted) {
        SimulatedListing listing = listings.get(symbol);
        if (listing != null) {
          snapshots.put(symbol, listing.snapshot(now));
        }
      }
      return Collections.unmodifiableMap(snapshots);
    }
  }

  /**
   * Builds a {@link SimulatedMarket}. Defaults: the system UTC clock, seed 0, no listings, no
   * partial fills, rejections or latency. Not thread-safe.
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private long seed;
    private final Map<String, Listing> listings = new TreeMap<>();
    private int partialFillPercent;
    private int rejectionPercent;
    private Duration minLatency = Duration.ZERO;
    private Duration maxLatency = Duration.ZERO;
    private Consumer<Duration> sleeper = duration -> LockSupport.parkNanos(duration.toNanos());
    private @Nullable BigDecimal randomWalkPercent;

    private Builder() {}

    private record Listing(Asset asset, Price price) {}

    /** Sets the time source for market hours, expiry and timestamps. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the seed of every random choice (ids, partial fills, rejections, latency, prices). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Lists an asset at a starting price; listing a symbol again replaces it. */
    public Builder listing(Asset asset, Price price) {
      Objects.requireNonNull(asset, "asset");
      Objects.requireNonNull(price, "price");
      listings.put(asset.symbol(), new Listing(asset, price));
      return this;
    }

    /**
     * Lists a small demo market: the ETFs {@code SPY QQQ TLT BIL SGOV SH}, the stocks {@code AAPL
     * MSFT}, the non-fractionable {@code BRK.A}, the delisted {@code OLDCO}, and the crypto pairs
     * {@code BTC/USD ETH/USD}, at plausible prices.
     */
    public Builder demoListings() {
      listing(Asset.usEquity("SPY", "SPDR S&P 500 ETF Trust"), Price.of("590.25"));
      listing(Asset.usEquity("QQQ", "Invesco QQQ Trust"), Price.of("505.10"));
      listing(Asset.usEquity("TLT", "iShares 20+ Year Treasury Bond ETF"), Price.of("90.50"));
      listing(Asset.usEquity("BIL", "SPDR Bloomberg 1-3 Month T-Bill ETF"), Price.of("91.55"));
      listing(Asset.usEquity("SGOV", "iShares 0-3 Month Treasury Bond ETF"), Price.of("100.40"));
      listing(Asset.usEquity("SH", "ProShares Short S&P500"), Price.of("40.20"));
      listing(Asset.usEquity("AAPL", "Apple Inc."), Price.of("229.87"));
      listing(Asset.usEquity("MSFT", "Microsoft Corporation"), Price.of("415.30"));
      listing(
          new Asset(
              "BRK.A",
              "Berkshire Hathaway Inc. Class A",
              AssetClass.US_EQUITY,
              AssetStatus.ACTIVE,
              true,
              false),
          Price.of("705000.00"));
      listing(
          new Asset(
              "OLDCO",
              "Delisted Old Company",
              AssetClass.US_EQUITY,
              AssetStatus.INACTIVE,
              false,
              false),
          Price.of("1.05"));
      listing(Asset.crypto("BTC/USD", "Bitcoin"), Price.of("97250.5"));
      listing(Asset.crypto("ETH/USD", "Ethereum"), Price.of("3410.25"));
      return this;
    }

    /** Sets the share (0-100) of executions that fill only part of what remains. */
    public Builder partialFillPercent(int percent) {
      this.partialFillPercent = checkPercent(percent, "partial fill percent");
      return this;
    }

    /** Sets the share (0-100) of accepted orders that are rejected at once. */
    public Builder rejectionPercent(int percent) {
      this.rejectionPercent = checkPercent(percent, "rejection percent");
      return this;
    }

    /** Makes every broker and market data call wait a seeded random time between min and max. */
    public Builder latency(Duration min, Duration max) {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "latency needs 0 <= min <= max, got " + min + " and " + max);
      }
      this.minLatency = min;
      this.maxLatency = max;
      return this;
    }

    /** Replaces how latency is waited out (parking the thread); tests may record it instead. */
    public Builder latencySleeper(Consumer<Duration> sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Enables {@link SimulatedMarket#step()}: each step moves each price by a seeded uniform random
     * percentage in {@code [-maxStepPercent, +maxStepPercent]}, rounded to the cent (to 4 decimals
     * below one dollar) {@link RoundingMode#HALF_EVEN}, never below 0.0001.
     */
    public Builder randomWalk(BigDecimal maxStepPercent) {
      if (Objects.requireNonNull(maxStepPercent, "maxStepPercent").signum() <= 0
          || maxStepPercent.compareTo(BigDecimal.valueOf(50)) > 0) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT,
            "random walk step must be above 0 and at most 50 percent, got " + maxStepPercent);
      }
      this.randomWalkPercent = maxStepPercent;
      return this;
    }

    /** Returns the market, with no accounts yet. */
    public SimulatedMarket build() {
      return new SimulatedMarket(this);
    }

    private static int checkPercent(int percent, String what) {
      if (percent < 0 || percent > 100) {
        throw new SpeedTradeException(
            ErrorCode.INVALID_ARGUMENT, what + " must be 0-100, got " + percent);
      }
      return percent;
    }
  }
}
