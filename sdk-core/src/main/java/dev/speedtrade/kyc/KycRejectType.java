package dev.speedtrade.kyc;

/** Whether a user whose verification was rejected may try again. */
public enum KycRejectType {
  /**
   * The user may submit again (a blurred photo, a missing page): open the provider's SDK for them
   * once more.
   */
  RETRY,
  /** The rejection stands: the user may not verify again with this provider. */
  FINAL
}
