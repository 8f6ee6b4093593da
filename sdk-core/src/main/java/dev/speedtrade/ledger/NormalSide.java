package dev.speedtrade.ledger;

/**
 * The side of an account whose postings make its balance grow, as double-entry bookkeeping names
 * it. The ledger keeps four balances and records no normal side (as TigerBeetle does not): the host
 * knows it from what the account is for, and says it when it asks for a {@link Balance}.
 */
public enum NormalSide {
  /**
   * Debit-normal: what the platform has (its bank, a broker's settlement account). The balance is
   * debits minus credits; pending credits are reserved against it.
   */
  DEBIT,
  /**
   * Credit-normal: what the platform owes or has earned (a user's cash, fees). The balance is
   * credits minus debits; pending debits are reserved against it. An account flagged {@link
   * AccountFlag#DEBITS_MUST_NOT_EXCEED_CREDITS} is credit-normal.
   */
  CREDIT
}
