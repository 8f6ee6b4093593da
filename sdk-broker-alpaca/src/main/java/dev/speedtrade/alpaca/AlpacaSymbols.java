package dev.speedtrade.alpaca;

import dev.speedtrade.broker.Asset;
import dev.speedtrade.broker.AssetClass;
import java.util.List;

/**
 * Alpaca's two spellings of a crypto pair. Orders, assets and market data use {@code BTC/USD};
 * positions are reported as {@code BTCUSD}, and {@code /v2/positions/{symbol}} and {@code
 * /v2/assets/{symbol}} take a USD pair only in that old form (Alpaca's OpenAPI spec; alpaca-py
 * issue #537). The SDK always speaks {@code BTC/USD}.
 */
final class AlpacaSymbols {
  /** Quote currencies of Alpaca's crypto pairs, longest first so that USDT is not read as USD. */
  private static final List<String> QUOTES = List.of("USDT", "USDC", "USD", "BTC");

  private AlpacaSymbols() {}

  /** Validates and upper-cases a symbol the way every SPI value does. */
  static String normalize(String symbol) {
    return Asset.usEquity(symbol, symbol).symbol();
  }

  /**
   * The symbol as a path segment of the positions and assets endpoints: {@code BTC/USD} as {@code
   * BTCUSD}.
   */
  static String pathSegment(String symbol) {
    String normalized = normalize(symbol);
    return normalized.endsWith("/USD")
        ? normalized.substring(0, normalized.length() - 4) + "USD"
        : normalized;
  }

  /** A symbol Alpaca sent, as the SDK spells it: a crypto pair without its slash gets it back. */
  static String fromAlpaca(String symbol, AssetClass assetClass) {
    if (assetClass != AssetClass.CRYPTO || symbol.indexOf('/') >= 0) {
      return symbol;
    }
    for (String quote : QUOTES) {
      if (symbol.length() > quote.length() && symbol.endsWith(quote)) {
        return symbol.substring(0, symbol.length() - quote.length()) + "/" + quote;
      }
    }
    return symbol;
  }
}
