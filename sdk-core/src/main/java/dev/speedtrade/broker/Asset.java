package dev.speedtrade.broker;

import java.util.Objects;

/**
 * What a broker knows of a tradable symbol.
 *
 * @param symbol the ticker or crypto pair, upper case
 * @param name the asset's name
 * @param assetClass equity or crypto
 * @param status active or inactive
 * @param tradable whether the broker accepts orders for it now
 * @param fractionable whether fractional quantities and notional orders are accepted
 */
public record Asset(
    String symbol,
    String name,
    AssetClass assetClass,
    AssetStatus status,
    boolean tradable,
    boolean fractionable) {

  /** Checks the fields and upper-cases the symbol. */
  public Asset {
    symbol = Symbols.normalize(symbol);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(assetClass, "assetClass");
    Objects.requireNonNull(status, "status");
  }

  /** Returns an active, tradable, fractionable US equity. */
  public static Asset usEquity(String symbol, String name) {
    return new Asset(symbol, name, AssetClass.US_EQUITY, AssetStatus.ACTIVE, true, true);
  }

  /** Returns an active, tradable, fractionable crypto pair. */
  public static Asset crypto(String symbol, String name) {
    return new Asset(symbol, name, AssetClass.CRYPTO, AssetStatus.ACTIVE, true, true);
  }

  /** Returns true when orders for it are accepted: active and tradable. */
  public boolean isTradable() {
    return status == AssetStatus.ACTIVE && tradable;
  }
}
