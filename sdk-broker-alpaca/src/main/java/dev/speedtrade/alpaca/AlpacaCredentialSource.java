package dev.speedtrade.alpaca;

import dev.speedtrade.broker.TradingMode;
import java.util.Optional;

/**
 * The host's store of its users' Alpaca keys, for {@link AlpacaAccounts}: {@code (userId, mode) ->}
 * the key id and secret key of that user's paper or live account, or empty when the user has none.
 *
 * <pre>{@code
 * AlpacaCredentialSource source = (userId, mode) -> vault.find("alpaca/" + mode + "/" + userId)
 *     .map(keys -> AlpacaCredentials.of(keys.id(), keys.secret()));
 * }</pre>
 *
 * <p>{@link AlpacaAccounts} asks when it opens an account's client: on the first request for the
 * user and mode, and again after the client was evicted from its cache or {@linkplain
 * AlpacaAccounts#invalidate invalidated}; not on every call. It never asks for a {@link
 * TradingMode#LIVE} account unless it was given the live opt-in. It asks on the calling thread and
 * holds no lock of its own meanwhile, so a slow store delays only that user's call.
 *
 * <p>Implementations are thread-safe: two threads may ask at once, for the same user too. An
 * exception thrown here reaches the caller of {@link AlpacaAccounts#brokerage} (or of the call that
 * reopened the account) unchanged; it must not carry a key.
 */
@FunctionalInterface
public interface AlpacaCredentialSource {

  /**
   * Returns the keys of {@code userId}'s Alpaca account in {@code mode}.
   *
   * @param userId the host's id of the user, as given to {@link AlpacaAccounts#brokerage}; never
   *     null or blank
   * @param mode which of the user's accounts; never null
   * @return the account's keys, or empty when the user has no Alpaca account in {@code mode} (never
   *     null)
   */
  Optional<AlpacaCredentials> credentials(String userId, TradingMode mode);
}
