package dev.speedtrade.funding;

import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.spi.FundingStore;
import dev.speedtrade.money.Money;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The funding service's calls to its payment gateway. Each runs outside the store's transaction (a
 * provider's latency never holds the records) and its outcome is kept in one after, so a crash
 * between the two leaves a record the next call finishes: the gateway answers a start it has seen
 * with what it answered first, so nothing is collected or paid twice.
 */
final class GatewayLink {
  private static final Logger log = LoggerFactory.getLogger(GatewayLink.class);

  private final PaymentGateway gateway;
  private final FundingStore store;
  private final Clock clock;

  GatewayLink(PaymentGateway gateway, FundingStore store, Clock clock) {
    this.gateway = gateway;
    this.store = store;
    this.clock = clock;
  }

  String save(String user, Destination destination) {
    return gateway.saveDestination(user, destination);
  }

  /**
   * Starts collecting an open deposit that has no session yet; returns the deposit as it stands
   * after. A provider's failure propagates (the user needs the session to pay): the deposit stays
   * without one until the same create is asked again.
   */
  Deposit collect(Deposit deposit) {
    boolean open =
        deposit.status() == DepositStatus.PENDING || deposit.status() == DepositStatus.PROCESSING;
    if (deposit.session() != null || !open) {
      return deposit;
    }
    DepositSession session =
        gateway.startDeposit(new DepositRequest(deposit.id(), deposit.user(), deposit.amount()));
    return store.inTransaction(
        book -> {
          Deposit now = book.deposit(deposit.id()).orElseThrow();
          if (now.session() != null) {
            return now;
          }
          Deposit started = now.startedAs(session, clock.instant());
          book.putDeposit(started);
          return started;
        });
  }

  /**
   * Starts the payout of a PROCESSING withdrawal that has none yet; returns the withdrawal as it
   * stands after. A provider's failure is logged and leaves it without a reference, held, for
   * {@link FundingService#resumePayouts} to start again.
   */
  Withdrawal payOut(Withdrawal w) {
    if (w.status() != WithdrawalStatus.PROCESSING || w.payoutReference() != null) {
      return w;
    }
    PayoutReceipt receipt;
    try {
      receipt = gateway.startPayout(new PayoutRequest(w.id(), w.net(), w.destination()));
    } catch (SpeedTradeException e) {
      log.warn(
          "payout of withdrawal {} not started ({}, retryable: {}); it stays held until"
              + " resumePayouts starts it",
          w.id(),
          e.code(),
          e.code().isRetryable());
      return w;
    }
    return store.inTransaction(
        book -> {
          Withdrawal now = book.withdrawal(w.id()).orElseThrow();
          if (now.payoutReference() != null) {
            return now;
          }
          Withdrawal started = now.paidOutAs(receipt.providerReference(), clock.instant());
          book.putWithdrawal(started);
          return started;
        });
  }

  /**
   * Asks the provider to refund a recorded refund that has no provider reference yet; returns the
   * refund as it stands after. A provider's failure is logged and leaves it without a reference
   * (the money stays out of the user's cash) for the same {@code refundDeposit} to ask again with
   * the same idempotency key.
   */
  Refund refund(Refund refund) {
    if (refund.providerReference() != null) {
      return refund;
    }
    RefundReceipt receipt;
    try {
      Optional<DepositSession> session =
          store.inTransaction(
              book ->
                  book.deposit(refund.depositId()).flatMap(d -> Optional.ofNullable(d.session())));
      if (session.isEmpty()) {
        return refund;
      }
      receipt =
          gateway.refund(
              new RefundRequest(
                  refund.id(),
                  session.get().providerReference(),
                  Money.of(refund.amount(), PaymentArguments.USD),
                  refund.user()));
    } catch (SpeedTradeException e) {
      log.warn(
          "refund {} of deposit {} not accepted by the provider ({}, retryable: {}); the same"
              + " refundDeposit asks again",
          refund.id(),
          refund.depositId(),
          e.code(),
          e.code().isRetryable());
      return refund;
    }
    return store.inTransaction(
        book -> {
          Refund now = book.refund(refund.id()).orElseThrow();
          if (now.providerReference() != null) {
            return now;
          }
          Refund sent = now.sentAs(receipt, clock.instant());
          book.putRefund(sent);
          return sent;
        });
  }
}
