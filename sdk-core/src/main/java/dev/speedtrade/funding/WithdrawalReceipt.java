package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a withdrawal's receipt shows, and nothing more: the values {@link WithdrawalReceiptPdf}
 * renders. Immutable; the destination is held only in its masked form ({@code bank:****1234},
 * {@code card:****4242}), so neither a receipt nor its {@code toString()} ever holds a whole CLABE.
 *
 * <p>Build one from a withdrawal with {@link #of(Withdrawal, String, Instant)}. The amounts are
 * held at scale 2 (an amount given as {@code 100} is {@code 100.00}); no rounding is made, since an
 * amount with more than 2 decimals is refused.
 *
 * @param withdrawalId the withdrawal's id; not blank, at most {@value #MAX_TEXT} characters
 * @param user the user's id; not blank, at most {@value #MAX_TEXT} characters
 * @param kind instant or reviewed
 * @param amount what left the user's cash, USD, greater than 0, at most 2 decimals
 * @param fee the platform's fee, USD, at least 0, at most 2 decimals
 * @param net what is paid to the destination, USD: exactly {@code amount - fee}, greater than 0
 * @param currency the currency of the three amounts: {@code USD}, the only one the platform pays
 * @param destination the masked destination: {@code bank:****} or {@code card:****} and 4 digits
 * @param status where the withdrawal stands
 * @param reference the payment provider's payout reference, or null when there is none (yet); not
 *     blank, at most {@value #MAX_TEXT} characters
 * @param requestedAt when the withdrawal was requested
 * @param reviewedAt when it was approved or rejected; null exactly when {@code reviewedBy} is
 * @param reviewedBy who approved or rejected it ({@code auto} for an automatic approval); null
 *     exactly when {@code reviewedAt} is; not blank, at most {@value #MAX_TEXT} characters
 * @param completedAt when the payout was paid; null unless {@code status} is {@link
 *     WithdrawalStatus#COMPLETED} (and may be null then, when the time is not known)
 */
public record WithdrawalReceipt(
    String withdrawalId,
    String user,
    WithdrawalKind kind,
    BigDecimal amount,
    BigDecimal fee,
    BigDecimal net,
    String currency,
    String destination,
    WithdrawalStatus status,
    @Nullable String reference,
    Instant requestedAt,
    @Nullable Instant reviewedAt,
    @Nullable String reviewedBy,
    @Nullable Instant completedAt) {

  /**
   * The most characters a text value of a receipt may have; it keeps every receipt on one page,
   * each value wrapped.
   */
  public static final int MAX_TEXT = 200;

  /** The currency of every receipt. */
  private static final String USD = "USD";

  /** A masked destination, as {@link Destination#masked()} gives it for a valid one. */
  private static final Pattern MASKED = Pattern.compile("(bank|card):\\*{4}[0-9]{4}");

  /**
   * Checks every value, and puts the amounts at scale 2.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT}, naming the field, for a null
   *     required value, a blank or over-long text, an amount or fee that is not a USD amount, a net
   *     that is not {@code amount - fee}, a currency other than {@code USD}, a destination that is
   *     not masked (the message does not repeat it), a review time without its reviewer or the
   *     other way round, or a completion time on a withdrawal that is not {@code COMPLETED}
   */
  public WithdrawalReceipt {
    text(withdrawalId, "withdrawalId");
    text(user, "user");
    present(kind, "kind");
    amount = usd(amount, "amount", false);
    fee = usd(fee, "fee", true);
    net = usd(net, "net", false);
    if (net.compareTo(amount.subtract(fee)) != 0) {
      throw invalid(
          "net must be amount - fee = "
              + amount.subtract(fee)
              + " ("
              + amount
              + " - "
              + fee
              + "), got "
              + net);
    }
    present(currency, "currency");
    if (!currency.equals(USD)) {
      throw invalid("currency must be USD, got '" + currency + "'");
    }
    present(destination, "destination");
    if (!MASKED.matcher(destination).matches()) {
      // Not repeated: a destination that is not masked may be a whole CLABE.
      throw invalid(
          "destination must be masked, bank:**** or card:**** and 4 digits (the value given is"
              + " not shown)");
    }
    present(status, "status");
    if (reference != null) {
      text(reference, "reference");
    }
    present(requestedAt, "requestedAt");
    if ((reviewedAt == null) != (reviewedBy == null)) {
      throw invalid(
          reviewedAt == null
              ? "reviewedAt must be given with reviewedBy '" + reviewedBy + "'"
              : "reviewedBy must be given with reviewedAt " + reviewedAt);
    }
    if (reviewedBy != null) {
      text(reviewedBy, "reviewedBy");
    }
    if (completedAt != null && status != WithdrawalStatus.COMPLETED) {
      throw invalid(
          "completedAt must be null unless status is COMPLETED, got status "
              + status
              + " with completedAt "
              + completedAt);
    }
  }

  /**
   * Returns the receipt of {@code withdrawal} as it stands: its ids, kind, amounts (USD), masked
   * destination ({@link Destination#masked()}), status, creation time as {@code requestedAt}, and
   * review, with the provider's reference and the time the payout was paid, which the caller gives
   * (the funding service keeps neither).
   *
   * @param withdrawal the withdrawal
   * @param reference the payment provider's payout reference ({@link
   *     PayoutReceipt#providerReference()}), or null when there is none
   * @param completedAt when the payout was paid, or null; only for a {@code COMPLETED} withdrawal
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a null withdrawal, or as the
   *     constructor for what it refuses
   */
  public static WithdrawalReceipt of(
      Withdrawal withdrawal, @Nullable String reference, @Nullable Instant completedAt) {
    present(withdrawal, "withdrawal");
    return new WithdrawalReceipt(
        withdrawal.id(),
        withdrawal.user(),
        withdrawal.kind(),
        withdrawal.amount(),
        withdrawal.fee(),
        withdrawal.net(),
        USD,
        withdrawal.destination().masked(),
        withdrawal.status(),
        reference,
        withdrawal.createdAt(),
        withdrawal.reviewedAt(),
        withdrawal.reviewedBy(),
        completedAt);
  }

  private static <T> T present(@Nullable T value, String name) {
    if (value == null) {
      throw invalid(name + " must not be null");
    }
    return value;
  }

  private static void text(@Nullable String value, String name) {
    String given = present(value, name);
    if (given.isBlank()) {
      throw invalid(name + " must not be blank, got '" + given + "'");
    }
    if (given.length() > MAX_TEXT) {
      throw invalid(name + " must be at most " + MAX_TEXT + " characters, got " + given.length());
    }
  }

  /** {@code value} at scale 2, when it is an amount (or 0 with {@code zeroAllowed}). */
  private static BigDecimal usd(@Nullable BigDecimal value, String name, boolean zeroAllowed) {
    BigDecimal given = present(value, name);
    boolean inRange = zeroAllowed ? given.signum() >= 0 : given.signum() > 0;
    if (!inRange || Amounts.decimals(given) > 2) {
      throw invalid(
          name
              + " must be "
              + (zeroAllowed ? "at least 0" : "greater than 0")
              + " with at most 2 decimals, got "
              + value);
    }
    return given.setScale(2, RoundingMode.UNNECESSARY);
  }

  private static SpeedTradeException invalid(String message) {
    return new SpeedTradeException(ErrorCode.INVALID_ARGUMENT, message);
  }
}
