package dev.speedtrade.kyc.spi;

import dev.speedtrade.kyc.KycReceivedWebhook;
import dev.speedtrade.kyc.KycStatusChange;
import dev.speedtrade.kyc.KycUpdateCode;
import dev.speedtrade.kyc.KycVerification;
import java.util.List;
import java.util.Optional;

/**
 * The KYC records as one {@link KycStore#inTransaction} (or {@link KycStore#read}) call sees them.
 * Values come back exactly as they were put (instants to the nanosecond, labels in order, bodies
 * byte for byte). Valid only during the call that handed it out, on its thread.
 *
 * <p>A write the store refuses (a broken invariant below, or a value a database cannot hold) throws
 * {@link dev.speedtrade.error.SpeedTradeException} {@link
 * dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} and writes nothing; a database store then also
 * fails the whole call.
 */
public interface KycBook {

  /** Returns {@code user}'s verification, if any. */
  Optional<KycVerification> verification(String user);

  /** Returns the verification whose applicant is {@code applicantId}, if any. */
  Optional<KycVerification> verificationOfApplicant(String applicantId);

  /**
   * Stores {@code verification}, replacing the user's earlier one.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} when another user's verification has the
   *     same applicant
   */
  void putVerification(KycVerification verification);

  /** Returns {@code user}'s changes in the order they were appended (empty when none). */
  List<KycStatusChange> history(String user);

  /**
   * Appends {@code change} to its user's history.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} when the book holds no verification of the
   *     change's user
   */
  void appendChange(KycStatusChange change);

  /** Returns the webhook kept under {@code eventKey}, if any. */
  Optional<KycReceivedWebhook> webhook(String eventKey);

  /** Returns the webhooks about applicant {@code applicantId}, in the order they were added. */
  List<KycReceivedWebhook> webhooks(String applicantId);

  /**
   * Returns the webhooks kept with {@code outcome}, about any applicant, in the order they were
   * added (for reconciliation: those about an applicant the platform did not know).
   */
  List<KycReceivedWebhook> webhooksWithOutcome(KycUpdateCode outcome);

  /**
   * Keeps {@code webhook} under its event key.
   *
   * @throws dev.speedtrade.error.SpeedTradeException {@link
   *     dev.speedtrade.error.ErrorCode#INVALID_ARGUMENT} when a webhook with the same event key is
   *     kept already (the first one stays)
   */
  void addWebhook(KycReceivedWebhook webhook);
}
