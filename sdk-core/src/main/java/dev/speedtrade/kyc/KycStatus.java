package dev.speedtrade.kyc;

/** Where a user's identity verification stands. */
public enum KycStatus {
  /** Verified: the user may move money and trade. */
  APPROVED,
  /** Not verified yet (or verification under way). */
  PENDING,
  /** Refused by the provider: the user may not move money in or out. */
  REJECTED
}
