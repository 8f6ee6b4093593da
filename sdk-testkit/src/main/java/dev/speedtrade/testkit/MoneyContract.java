package dev.speedtrade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.Balance;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.NormalSide;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferKind;
import dev.speedtrade.ledger.TransferOutcome;
import dev.speedtrade.ledger.TransferOutcomes;
import dev.speedtrade.ledger.TransferResult;
import dev.speedtrade.money.Money;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract for its {@link Money} conveniences: transfers whose amount is {@code Money}
 * (its currency checked against the accounts'), balances read as {@code Money} from an account's
 * normal side, and results that carry their transfer's id.
 *
 * <p>Part of {@link LedgerContract}, which runs every ledger contract; extend this class alone to
 * run (and debug) just this feature against {@link #newLedger(java.time.Clock)}.
 */
public abstract class MoneyContract extends LedgerContractBase {
  private static final Money TEN_DOLLARS = Money.of("10.00", "USD");

  /** Creates the contract; the ledger is made before each test. */
  protected MoneyContract() {}

  // ------------------------------------------------------------------ transfers in Money

  @Test
  void aMoneyTransferInTheAccountsCurrencyIsTheSameTransferAsItsMinorUnits() {
    createAccounts(usd("bank"), usd("cash"));
    ok(Transfer.single("t1", "bank", "cash", TEN_DOLLARS, "deposit"));
    assertBalances("cash", 0, 0, 0, 1_000);
    assertThat(ledger.transfer("t1").orElseThrow().transfer())
        .isEqualTo(Transfer.single("t1", "bank", "cash", 1_000, "deposit"));
    assertThat(apply(Transfer.single("t1", "bank", "cash", 1_000, "deposit")))
        .isEqualTo(TransferResult.EXISTS);
    assertThat(apply(Transfer.single("t1", "bank", "cash", TEN_DOLLARS, "deposit")))
        .isEqualTo(TransferResult.EXISTS);
    ok(Transfer.single("t2", "bank", "cash", 500, "deposit"));
    assertThat(apply(Transfer.single("t2", "bank", "cash", Money.of("5.00", "USD"), "deposit")))
        .isEqualTo(TransferResult.EXISTS);
  }

  @Test
  void aMoneyTransferInAnotherCurrencyAnswersCurrencyMismatchAndChangesNothing() {
    createAccounts(usd("bank"), usd("cash"), LedgerAccount.of("pesos", "MXN", "test"));
    rejects(
        TransferResult.CURRENCY_MISMATCH,
        Transfer.single("t1", "bank", "cash", Money.of("10.00", "MXN"), "x"));
    rejects(
        TransferResult.CURRENCY_MISMATCH,
        Transfer.pending("t2", "bank", "cash", Money.of("10", "JPY"), "x", 60));
    rejects(
        TransferResult.CURRENCY_MISMATCH, Transfer.single("t3", "bank", "pesos", TEN_DOLLARS, "x"));
    assertThat(ledger.transfer("t1")).isEmpty();
    ok(Transfer.single("t1", "bank", "cash", TEN_DOLLARS, "x"));
  }

  @Test
  void earlierCodesPrecedeAMoneyCurrencyMismatch() {
    createAccounts(usd("bank"), usd("cash"));
    Money pesos = Money.of("1.00", "MXN");
    rejects(TransferResult.INVALID_ID, Transfer.single("bad id", "bank", "cash", pesos, "x"));
    rejects(
        TransferResult.AMOUNT_NOT_POSITIVE,
        Transfer.single("t", "bank", "cash", Money.of("-1.00", "MXN"), "x"));
    rejects(TransferResult.SAME_ACCOUNT, Transfer.single("t", "cash", "cash", pesos, "x"));
    rejects(TransferResult.ACCOUNT_NOT_FOUND, Transfer.single("t", "bank", "nobody", pesos, "x"));
    rejects(TransferResult.PENDING_NOT_FOUND, Transfer.post("t", "nothing", pesos));
  }

  @Test
  void aReplayInAnotherCurrencyAnswersExistsWithDifferentFields() {
    createAccounts(usd("bank"), usd("cash"));
    ok(Transfer.single("t1", "bank", "cash", TEN_DOLLARS, "deposit"));
    assertThat(apply(Transfer.single("t1", "bank", "cash", Money.of("10.00", "CAD"), "deposit")))
        .isEqualTo(TransferResult.EXISTS_WITH_DIFFERENT_FIELDS);
    assertBalances("cash", 0, 0, 0, 1_000);
  }

  @Test
  void aPostInMoneyMustBeInItsPendingTransfersCurrency() {
    createAccounts(usd("bank"), capped("cash"), usd("payouts"));
    fund("cash", 1_000);
    ok(Transfer.pending("p1", "cash", "payouts", Money.of("4.00", "USD"), "withdrawal", 60));
    rejects(
        TransferResult.CURRENCY_MISMATCH, Transfer.post("post1", "p1", Money.of("1.50", "EUR")));
    ok(Transfer.post("post1", "p1", Money.of("1.50", "USD")));
    assertBalances("cash", 0, 150, 0, 1_000);
    rejects(
        TransferResult.CURRENCY_MISMATCH, Transfer.post("post2", "p1", Money.of("1.50", "EUR")));
    rejects(
        TransferResult.PENDING_ALREADY_POSTED,
        Transfer.post("post2", "p1", Money.of("1.50", "USD")));
  }

  @Test
  void aCurrencyMismatchFailsALinkedChain() {
    createAccounts(usd("bank"), usd("cash"));
    assertThat(
            ledger.createLinkedTransfers(
                List.of(
                    Transfer.single("t1", "bank", "cash", TEN_DOLLARS, "deposit"),
                    Transfer.single("t2", "cash", "bank", Money.of("1.00", "GBP"), "fee"))))
        .containsExactly(TransferResult.LINKED_EVENT_FAILED, TransferResult.CURRENCY_MISMATCH);
    assertBalances("cash", 0, 0, 0, 0);
  }

  @Test
  void aStatedCurrencyMustBeAnIsoCodeAndComeWithAnAmount() {
    assertThrowsCode(
        ErrorCode.INVALID_TRANSFER,
        () ->
            new Transfer("t", TransferKind.SINGLE, "a", "b", 5L, "x", null, null, Map.of(), "usd"));
    assertThrowsCode(
        ErrorCode.INVALID_TRANSFER,
        () ->
            new Transfer(
                "t", TransferKind.SINGLE, "a", "b", 5L, "x", null, null, Map.of(), "DOLLAR"));
    assertThrowsCode(
        ErrorCode.INVALID_TRANSFER,
        () ->
            new Transfer(
                "t", TransferKind.VOID, null, null, null, null, null, "p", Map.of(), "USD"));
    assertThrowsCode(
        ErrorCode.INVALID_TRANSFER,
        () ->
            new Transfer(
                "t", TransferKind.POST, null, null, null, null, null, "p", Map.of(), "USD"));
    Transfer stated = Transfer.single("t", "a", "b", TEN_DOLLARS, "x");
    assertThat(stated.currency()).isEqualTo("USD");
    assertThat(stated.withMetadata(Map.of("k", "v")).currency()).isEqualTo("USD");
    assertThat(stated.withoutCurrency()).isEqualTo(Transfer.single("t", "a", "b", 1_000, "x"));
  }

  // ------------------------------------------------------------------ balances in Money

  @Test
  void aCreditNormalBalanceIsCreditsMinusDebitsWithPendingDebitsReserved() {
    createAccounts(usd("bank"), capped("cash"), usd("payouts"));
    fund("cash", 10_000);
    ok(Transfer.single("fee", "cash", "bank", 100, "fee"));
    ok(Transfer.pending("hold", "cash", "payouts", 2_500, "withdrawal"));
    ok(Transfer.pending("refund", "bank", "cash", 300, "refund"));
    Balance cash = ledger.balance("cash", NormalSide.CREDIT).orElseThrow();
    assertThat(cash.accountId()).isEqualTo("cash");
    assertThat(cash.normalSide()).isEqualTo(NormalSide.CREDIT);
    assertThat(cash.posted()).isEqualTo(Money.of("99.00", "USD"));
    assertThat(cash.reserved()).isEqualTo(Money.of("25.00", "USD"));
    assertThat(cash.incoming()).isEqualTo(Money.of("3.00", "USD"));
    assertThat(cash.available()).isEqualTo(Money.of("74.00", "USD"));
    assertThat(cash.timestamp()).isEqualTo(ledger.balances("cash").orElseThrow().timestamp());
  }

  @Test
  void aDebitNormalBalanceIsDebitsMinusCreditsWithPendingCreditsReserved() {
    createAccounts(usd("bank"), capped("cash"), usd("payouts"));
    fund("cash", 10_000);
    ok(Transfer.single("fee", "cash", "bank", 100, "fee"));
    ok(Transfer.pending("refund", "bank", "cash", 300, "refund"));
    ok(Transfer.pending("in", "payouts", "bank", 40, "return"));
    Balance bank = ledger.balance("bank", NormalSide.DEBIT).orElseThrow();
    assertThat(bank.posted()).isEqualTo(Money.of("99.00", "USD"));
    assertThat(bank.reserved()).isEqualTo(Money.of("0.40", "USD"));
    assertThat(bank.incoming()).isEqualTo(Money.of("3.00", "USD"));
    assertThat(bank.available()).isEqualTo(Money.of("98.60", "USD"));
    Balance wrongSide = ledger.balance("bank", NormalSide.CREDIT).orElseThrow();
    assertThat(wrongSide.posted()).isEqualTo(Money.of("-99.00", "USD"));
  }

  @Test
  void aBalanceIsInTheAccountsCurrencyWithItsMinorUnits() {
    createAccounts(
        LedgerAccount.of("yen-bank", "JPY", "test"),
        LedgerAccount.of("yen", "JPY", "test"),
        LedgerAccount.of("gold", "XAU", "test"));
    ok(Transfer.single("t", "yen-bank", "yen", Money.of("500", "JPY"), "deposit"));
    Balance yen = ledger.balance("yen", NormalSide.CREDIT).orElseThrow();
    assertThat(yen.posted()).isEqualTo(Money.of("500", "JPY"));
    assertThat(yen.currency().getCurrencyCode()).isEqualTo("JPY");
    assertThat(ledger.balance("nobody", NormalSide.CREDIT)).isEmpty();
    assertThrowsCode(ErrorCode.INVALID_CURRENCY, () -> ledger.balance("gold", NormalSide.DEBIT));
    assertThrowsCode(ErrorCode.INVALID_ARGUMENT, () -> ledger.balance("yen", nullSide()));
  }

  @Test
  void aBalanceOfAFlaggedAccountNeverShowsLessThanNothingAvailable() {
    createAccounts(
        usd("bank"),
        LedgerAccount.of("cash", "USD", "test", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
    fund("cash", 500);
    ok(Transfer.pending("hold", "cash", "bank", 500, "hold"));
    rejects(
        TransferResult.EXCEEDS_CREDITS,
        Transfer.single("more", "cash", "bank", Money.of("0.01", "USD"), "x"));
    assertThat(ledger.balance("cash", NormalSide.CREDIT).orElseThrow().available())
        .isEqualTo(Money.of("0", "USD"));
  }

  // ------------------------------------------------------------------ results with ids

  @Test
  void submittedTransfersAnswerWithTheirIdsAndOneVerdict() {
    createAccounts(usd("bank"), capped("cash"));
    Transfer deposit = Transfer.single("dep", "bank", "cash", TEN_DOLLARS, "deposit");
    TransferOutcome first = ledger.submit(deposit);
    assertThat(first).isEqualTo(new TransferOutcome("dep", TransferResult.OK));
    assertThat(first.isSuccess()).isTrue();

    TransferOutcomes again =
        ledger.submit(List.of(deposit, Transfer.single("fee", "cash", "bank", 100, "fee")));
    assertThat(again.outcomes())
        .containsExactly(
            new TransferOutcome("dep", TransferResult.EXISTS),
            new TransferOutcome("fee", TransferResult.OK));
    assertThat(again.allAppliedOrExisted()).isTrue();
    assertThat(again.failures()).isEmpty();
    assertThat(again.results()).containsExactly(TransferResult.EXISTS, TransferResult.OK);

    TransferOutcomes chain =
        ledger.submitLinked(
            List.of(
                Transfer.single("w1", "cash", "bank", 100, "fee"),
                Transfer.single("w2", "cash", "bank", 1_000_000, "withdrawal")));
    assertThat(chain.allAppliedOrExisted()).isFalse();
    assertThat(chain.failures())
        .containsExactly(
            new TransferOutcome("w1", TransferResult.LINKED_EVENT_FAILED),
            new TransferOutcome("w2", TransferResult.EXCEEDS_CREDITS));
    assertThat(ledger.submit(List.of()).allAppliedOrExisted()).isTrue();
  }

  @Test
  void submittingNullThrowsInvalidTransferAndWritesNothing() {
    createAccounts(usd("a"), usd("b"));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> ledger.submit(nullTransfer()));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> ledger.submit(nullList()));
    assertThrowsCode(ErrorCode.INVALID_TRANSFER, () -> ledger.submitLinked(nullList()));
    assertThrowsCode(
        ErrorCode.INVALID_TRANSFER,
        () -> ledger.submitLinked(Arrays.asList(Transfer.single("t", "a", "b", 5, "x"), null)));
    assertThat(ledger.transfer("t")).isEmpty();
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  private static NormalSide nullSide() {
    return null;
  }

  @SuppressWarnings({"NullAway", "DataFlowIssue"})
  private static Transfer nullTransfer() {
    return null;
  }
}
