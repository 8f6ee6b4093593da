package dev.speedtrade.funding;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The members of the simulated provider's webhook bodies ({@link WebhookJson} objects, every value
 * a string):
 *
 * <ul>
 *   <li>{@code deposit.processing}, {@code deposit.completed}, {@code deposit.failed}, {@code
 *       deposit.expired}, {@code deposit.canceled}: exactly {@code id}, {@code type}, {@code
 *       deposit_id}, {@code reference}, and for {@code deposit.completed} also {@code amount} (USD,
 *       digits, a point and 2 decimals, above 0);
 *   <li>{@code payout.paid}, {@code payout.failed}: exactly {@code id}, {@code type}, {@code
 *       withdrawal_id}, {@code reference};
 *   <li>any other type: {@code id} and {@code type}; other members are not read.
 * </ul>
 */
final class SimulatedEventFormat {
  private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,15})\\.[0-9]{2}");
  private static final Set<String> DEPOSIT_MEMBERS =
      Set.of("id", "type", "deposit_id", "reference");
  private static final Set<String> COMPLETED_MEMBERS =
      Set.of("id", "type", "deposit_id", "reference", "amount");
  private static final Set<String> PAYOUT_MEMBERS =
      Set.of("id", "type", "withdrawal_id", "reference");

  private SimulatedEventFormat() {}

  /** Returns the provider's type name of a deposit event, {@code deposit.completed} say. */
  static String typeOf(DepositEventType type) {
    return "deposit." + type.name().toLowerCase(Locale.ROOT);
  }

  /** Returns the provider's type name of a payout event, {@code payout.paid} say. */
  static String typeOf(PayoutEventType type) {
    return "payout." + type.name().toLowerCase(Locale.ROOT);
  }

  /** True for a type name this format reads as a deposit or payout event. */
  static boolean isActedOn(String providerType) {
    return depositType(providerType) != null || payoutType(providerType) != null;
  }

  /** Returns the body of a deposit event. */
  static byte[] deposit(
      String eventId,
      DepositEventType type,
      String depositId,
      String reference,
      @Nullable BigDecimal confirmedAmount) {
    Map<String, String> members = new LinkedHashMap<>();
    members.put("id", eventId);
    members.put("type", typeOf(type));
    members.put("deposit_id", depositId);
    members.put("reference", reference);
    if (confirmedAmount != null) {
      members.put("amount", Amounts.money(confirmedAmount).toPlainString());
    }
    return WebhookJson.write(members);
  }

  /** Returns the body of a payout event. */
  static byte[] payout(
      String eventId, PayoutEventType type, String withdrawalId, String reference) {
    Map<String, String> members = new LinkedHashMap<>();
    members.put("id", eventId);
    members.put("type", typeOf(type));
    members.put("withdrawal_id", withdrawalId);
    members.put("reference", reference);
    return WebhookJson.write(members);
  }

  /** Returns the body of an event of a type the platform does not act on. */
  static byte[] other(String eventId, String providerType) {
    Map<String, String> members = new LinkedHashMap<>();
    members.put("id", eventId);
    members.put("type", providerType);
    return WebhookJson.write(members);
  }

  /**
   * Reads a body this format wrote.
   *
   * @throws SpeedTradeException {@link ErrorCode#INVALID_ARGUMENT} for a body that is not one
   */
  static ProviderEvent read(byte[] body) {
    Map<String, String> members = WebhookJson.read(body);
    String eventId = required(members, "id");
    String providerType = required(members, "type");
    DepositEventType depositType = depositType(providerType);
    if (depositType != null) {
      boolean completed = depositType == DepositEventType.COMPLETED;
      exactly(members, completed ? COMPLETED_MEMBERS : DEPOSIT_MEMBERS, providerType);
      required(members, "reference");
      return new ProviderEvent.DepositEvent(
          eventId,
          required(members, "deposit_id"),
          depositType,
          completed ? amount(required(members, "amount")) : null);
    }
    PayoutEventType payoutType = payoutType(providerType);
    if (payoutType != null) {
      exactly(members, PAYOUT_MEMBERS, providerType);
      required(members, "reference");
      return new ProviderEvent.PayoutEvent(eventId, required(members, "withdrawal_id"), payoutType);
    }
    return new ProviderEvent.IgnoredEvent(eventId, providerType);
  }

  private static @Nullable DepositEventType depositType(String providerType) {
    for (DepositEventType type : DepositEventType.values()) {
      if (typeOf(type).equals(providerType)) {
        return type;
      }
    }
    return null;
  }

  private static @Nullable PayoutEventType payoutType(String providerType) {
    for (PayoutEventType type : PayoutEventType.values()) {
      if (typeOf(type).equals(providerType)) {
        return type;
      }
    }
    return null;
  }

  private static String required(Map<String, String> members, String name) {
    String value = members.get(name);
    if (value == null || value.isBlank()) {
      throw unreadable(
          value == null ? "member '" + name + "' is missing" : "member '" + name + "' is blank");
    }
    return value;
  }

  private static void exactly(Map<String, String> members, Set<String> names, String type) {
    for (String name : members.keySet()) {
      if (!names.contains(name)) {
        throw unreadable("member '" + name + "' is not one of a " + type + " event");
      }
    }
  }

  private static BigDecimal amount(String text) {
    if (!AMOUNT.matcher(text).matches()) {
      throw unreadable("amount must be digits, a point and 2 decimals, got '" + text + "'");
    }
    BigDecimal amount = new BigDecimal(text);
    if (amount.signum() <= 0) {
      throw unreadable("amount must be above 0, got " + text);
    }
    return amount;
  }

  private static SpeedTradeException unreadable(String reason) {
    return new SpeedTradeException(
        ErrorCode.INVALID_ARGUMENT, "webhook body is unreadable: " + reason);
  }
}
