package dev.speedtrade;

import dev.speedtrade.funding.spi.FundingStore;
import dev.speedtrade.kyc.spi.KycStore;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.oms.spi.OrderStore;
import dev.speedtrade.rebalance.ExecutionStore;
import dev.speedtrade.rebalance.InvestmentStore;
import dev.speedtrade.rebalance.SettingsStore;
import dev.speedtrade.risk.RiskStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a platform persists, opened by a {@link Storage} on the platform's clock: the ledger
 * and each service's stores. Services still to come add their stores here.
 *
 * @param ledger the money ledger
 * @param investments the bot investments of the daily rebalance
 * @param settings the trading settings of the daily rebalance
 * @param executions the daily rebalance's executions: the audit log and the once-a-day guard
 * @param orders the order books of the omnibus clients: orders, fills, positions, the outbox
 * @param risk the risk limits and trading states (the kill switch) with their history
 * @param funding deposits, withdrawals (destinations kept masked), provider events, settlement and
 *     auto-invest records
 * @param kyc each user's verification, its history and the KYC provider's webhooks
 * @param resource closed with the platform (a connection pool the storage opened), or null
 */
public record Stores(
    Ledger ledger,
    InvestmentStore investments,
    SettingsStore settings,
    ExecutionStore executions,
    OrderStore orders,
    RiskStore risk,
    FundingStore funding,
    KycStore kyc,
    @Nullable AutoCloseable resource) {

  /** Checks that every store is present. */
  public Stores {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(investments, "investments");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(executions, "executions");
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(funding, "funding");
    Objects.requireNonNull(kyc, "kyc");
  }
}
