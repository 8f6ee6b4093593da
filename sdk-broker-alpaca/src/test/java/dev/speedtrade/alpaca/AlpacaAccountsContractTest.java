package dev.speedtrade.alpaca;

import dev.speedtrade.broker.SimulatedBroker;
import dev.speedtrade.broker.TradingAccounts;
import dev.speedtrade.broker.TradingMode;
import dev.speedtrade.testkit.TradingAccountsContract;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link AlpacaAccounts} keeps the contract of every {@link TradingAccounts}, on a fake Alpaca of
 * two accounts.
 */
class AlpacaAccountsContractTest extends TradingAccountsContract {
  private static final String ALICE_KEY = "PKALICECONTRACTKEY01";
  private static final String BOB_KEY = "PKBOBCONTRACTKEY0001";
  private static final String SECRET = "contract-SECRET-0123456789";

  private @Nullable FakeAlpaca fake;

  @Override
  protected TradingAccounts openAliceAndBob(Clock clock) {
    SimulatedBroker alice =
        SimulatedBroker.builder().clock(clock).seed(1).accountId("ALICE-1").demoListings().build();
    SimulatedBroker bob =
        SimulatedBroker.builder().clock(clock).seed(2).accountId("BOB-2").demoListings().build();
    FakeAlpaca started =
        FakeAlpaca.start(alice, ALICE_KEY, SECRET).addAccount(bob, BOB_KEY, SECRET);
    fake = started;
    Map<String, AlpacaCredentials> keys =
        Map.of(
            ALICE,
            AlpacaCredentials.of(ALICE_KEY, SECRET),
            BOB,
            AlpacaCredentials.of(BOB_KEY, SECRET));
    URI url = URI.create(started.baseUrl());
    return AlpacaAccounts.builder()
        .credentials(
            (userId, mode) ->
                mode == TradingMode.PAPER
                    ? Optional.ofNullable(keys.get(userId))
                    : Optional.empty())
        .liveTrading(LiveTrading.I_UNDERSTAND_THIS_TRADES_REAL_MONEY)
        .clock(clock)
        .paperUrl(url)
        .liveUrl(url)
        .dataUrl(url)
        .timeout(Duration.ofSeconds(5))
        .requestsPerMinute(60_000)
        .retryBackoff(Duration.ofMillis(10))
        .build();
  }

  @Override
  protected void closeAccounts(TradingAccounts accounts) {
    ((AlpacaAccounts) accounts).close();
    if (fake != null) {
      fake.close();
    }
  }
}
