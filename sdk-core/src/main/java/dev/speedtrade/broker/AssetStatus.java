package dev.speedtrade.broker;

/** Whether the broker lists an asset as active. */
public enum AssetStatus {
  /** Listed and, when {@link Asset#tradable()}, tradable. */
  ACTIVE,
  /** Delisted or otherwise inactive: not tradable. */
  INACTIVE
}
