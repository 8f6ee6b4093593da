package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountFlag;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.Transfer;
import dev.speedtrade.ledger.TransferKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A script for {@code speedtrade ledger run}: accounts to create, then steps of transfers (plain or
 * linked) and clock moves. {@link #parse} checks the whole script before anything runs and names
 * the first malformed field, including what every ledger would refuse: a timeout beyond {@link
 * Transfer#MAX_TIMEOUT_SECONDS} and clock moves past {@link Ledger#LATEST_INSTANT}, so that a
 * script fails the same way on every store.
 *
 * @param accounts the accounts, in order
 * @param steps the steps, in order
 */
record LedgerScript(List<LedgerAccount> accounts, List<Step> steps) {

  /** One step: transfers to apply, or seconds to move the clock. */
  sealed interface Step permits TransferStep, ClockStep {}

  /** Transfers applied together; as one linked chain when {@code linked}. */
  record TransferStep(List<Transfer> transfers, boolean linked) implements Step {}

  /** Moves the ledger's clock forward. */
  record ClockStep(long seconds) implements Step {}

  /** Where a script's clock starts. */
  static final Instant CLOCK_START = Instant.parse("2026-01-05T14:30:00Z");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private static final Set<String> SCRIPT_KEYS = Set.of("accounts", "steps");
  private static final Set<String> ACCOUNT_KEYS = Set.of("id", "currency", "type", "flags");
  private static final Set<String> TRANSFER_STEP_KEYS = Set.of("transfers", "linked");
  private static final Set<String> CLOCK_STEP_KEYS = Set.of("advanceSeconds");
  private static final Set<String> TRANSFER_KEYS =
      Set.of(
          "id",
          "debit",
          "credit",
          "amount",
          "code",
          "pending",
          "timeout",
          "postPendingId",
          "voidPendingId",
          "metadata");

  /**
   * Reads and checks a script whose clock starts at {@code start}.
   *
   * @throws UserInputException naming the first malformed field
   */
  static LedgerScript parse(String text, Instant start) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UserInputException("script is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new UserInputException("script: must be a JSON object");
    }
    checkKeys(root, "script", SCRIPT_KEYS);
    List<LedgerAccount> accounts = new ArrayList<>();
    JsonNode accountNodes = array(root, "accounts", "accounts");
    for (int i = 0; i < accountNodes.size(); i++) {
      accounts.add(account(accountNodes.get(i), "accounts[" + i + "]"));
    }
    List<Step> steps = new ArrayList<>();
    JsonNode stepNodes = array(root, "steps", "steps");
    Instant clock = start;
    for (int i = 0; i < stepNodes.size(); i++) {
      String path = "steps[" + i + "]";
      Step step = step(stepNodes.get(i), path);
      if (step instanceof ClockStep move) {
        // Compared in seconds from the clock's reading, so that no sum of moves can overflow.
        if (move.seconds() > Ledger.LATEST_INSTANT.getEpochSecond() - clock.getEpochSecond()) {
          throw new UserInputException(
              path
                  + ".advanceSeconds: moves the clock past "
                  + Ledger.LATEST_INSTANT
                  + ", the latest instant a ledger works at");
        }
        clock = clock.plusSeconds(move.seconds());
      }
      steps.add(step);
    }
    return new LedgerScript(List.copyOf(accounts), List.copyOf(steps));
  }

  private static LedgerAccount account(JsonNode node, String path) {
    requireObject(node, path);
    checkKeys(node, path, ACCOUNT_KEYS);
    Set<AccountFlag> flags = EnumSet.noneOf(AccountFlag.class);
    JsonNode flagNodes = node.get("flags");
    if (flagNodes != null) {
      if (!flagNodes.isArray()) {
        throw new UserInputException(path + ".flags: must be an array of flag names");
      }
      for (int i = 0; i < flagNodes.size(); i++) {
        String flag = text(flagNodes, i, path + ".flags[" + i + "]");
        try {
          flags.add(AccountFlag.valueOf(flag));
        } catch (IllegalArgumentException e) {
          throw new UserInputException(path + ".flags[" + i + "]: unknown flag '" + flag + "'");
        }
      }
    }
    String type = requiredText(node, "type", path);
    if (type.isBlank() || type.length() > LedgerAccount.MAX_TYPE_LENGTH) {
      throw new UserInputException(
          path + ".type: must be 1-" + LedgerAccount.MAX_TYPE_LENGTH + " characters");
    }
    String id = requiredText(node, "id", path);
    String currency = requiredText(node, "currency", path);
    try {
      return new LedgerAccount(id, currency, type, flags);
    } catch (SpeedTradeException e) {
      throw new UserInputException(path + ": " + e.getMessage());
    }
  }

  private static Step step(JsonNode node, String path) {
    requireObject(node, path);
    if (node.has("advanceSeconds")) {
      checkKeys(node, path, CLOCK_STEP_KEYS);
      JsonNode seconds = node.get("advanceSeconds");
      if (!seconds.isIntegralNumber() || !seconds.canConvertToLong() || seconds.asLong() < 0) {
        throw new UserInputException(
            path + ".advanceSeconds: must be a whole number of seconds, 0 or more");
      }
      return new ClockStep(seconds.asLong());
    }
    checkKeys(node, path, TRANSFER_STEP_KEYS);
    JsonNode transfers = array(node, "transfers", path + ".transfers");
    boolean linked = false;
    JsonNode linkedNode = node.get("linked");
    if (linkedNode != null) {
      if (!linkedNode.isBoolean()) {
        throw new UserInputException(path + ".linked: must be true or false");
      }
      linked = linkedNode.asBoolean();
    }
    List<Transfer> parsed = new ArrayList<>();
    for (int i = 0; i < transfers.size(); i++) {
      parsed.add(transfer(transfers.get(i), path + ".transfers[" + i + "]"));
    }
    return new TransferStep(List.copyOf(parsed), linked);
  }

  private static Transfer transfer(JsonNode node, String path) {
    requireObject(node, path);
    checkKeys(node, path, TRANSFER_KEYS);
    String id = requiredText(node, "id", path);
    String post = optionalText(node, "postPendingId", path);
    String voided = optionalText(node, "voidPendingId", path);
    Long amount = optionalLong(node, "amount", path);
    Long timeout = optionalLong(node, "timeout", path);
    boolean pending = optionalBoolean(node, "pending", path);
    Map<String, String> metadata = metadata(node.get("metadata"), path + ".metadata");
    if (post != null && voided != null) {
      throw new UserInputException(path + ": has both postPendingId and voidPendingId");
    }
    if (timeout != null && (!pending || timeout <= 0 || timeout > Transfer.MAX_TIMEOUT_SECONDS)) {
      throw new UserInputException(
          path
              + ".timeout: must be 1-"
              + Transfer.MAX_TIMEOUT_SECONDS
              + " seconds, on a pending transfer");
    }
    if (post != null || voided != null) {
      for (String field : List.of("debit", "credit", "code", "pending")) {
        if (node.has(field)) {
          throw new UserInputException(path + "." + field + ": a post or void names no " + field);
        }
      }
      if (voided != null && amount != null) {
        throw new UserInputException(path + ".amount: a void takes no amount");
      }
      TransferKind kind = post != null ? TransferKind.POST : TransferKind.VOID;
      return transfer(
          path, id, kind, null, null, amount, null, null, post != null ? post : voided, metadata);
    }
    String debit = requiredText(node, "debit", path);
    String credit = requiredText(node, "credit", path);
    String code = requiredText(node, "code", path);
    if (code.isBlank() || code.length() > Transfer.MAX_CODE_LENGTH) {
      throw new UserInputException(
          path + ".code: must be 1-" + Transfer.MAX_CODE_LENGTH + " characters");
    }
    if (amount == null) {
      throw new UserInputException(path + ".amount: is missing");
    }
    return transfer(
        path,
        id,
        pending ? TransferKind.PENDING : TransferKind.SINGLE,
        debit,
        credit,
        amount,
        code,
        timeout,
        null,
        metadata);
  }

  /**
   * Makes the transfer, naming the script's path in what {@link Transfer} refuses (text it cannot
   * keep).
   */
  private static Transfer transfer(
      String path,
      String id,
      TransferKind kind,
      @Nullable String debit,
      @Nullable String credit,
      @Nullable Long amount,
      @Nullable String code,
      @Nullable Long timeout,
      @Nullable String pendingId,
      Map<String, String> metadata) {
    try {
      return new Transfer(id, kind, debit, credit, amount, code, timeout, pendingId, metadata);
    } catch (SpeedTradeException e) {
      throw new UserInputException(path + ": " + e.getMessage());
    }
  }

  private static Map<String, String> metadata(@Nullable JsonNode node, String path) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (node == null) {
      return metadata;
    }
    if (!node.isObject()) {
      throw new UserInputException(path + ": must be an object of strings");
    }
    if (node.size() > Transfer.MAX_METADATA_ENTRIES) {
      throw new UserInputException(
          path + ": has more than " + Transfer.MAX_METADATA_ENTRIES + " entries");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getValue().isTextual()) {
        throw new UserInputException(path + "." + field.getKey() + ": must be a string");
      }
      if (field.getKey().isEmpty()
          || field.getKey().length() > Transfer.MAX_METADATA_KEY_LENGTH
          || field.getValue().asText().length() > Transfer.MAX_METADATA_VALUE_LENGTH) {
        throw new UserInputException(path + "." + field.getKey() + ": key or value too long");
      }
      metadata.put(field.getKey(), field.getValue().asText());
    }
    return metadata;
  }

  private static void checkKeys(JsonNode node, String path, Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new UserInputException(path + "." + name + ": unknown key");
      }
    }
  }

  private static void requireObject(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new UserInputException(path + ": must be an object");
    }
  }

  private static JsonNode array(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null) {
      throw new UserInputException(path + ": is missing");
    }
    if (!node.isArray()) {
      throw new UserInputException(path + ": must be an array");
    }
    return node;
  }

  private static String requiredText(JsonNode node, String key, String path) {
    String value = optionalText(node, key, path);
    if (value == null) {
      throw new UserInputException(path + "." + key + ": is missing");
    }
    return value;
  }

  private static @Nullable String optionalText(JsonNode node, String key, String path) {
    JsonNode value = node.get(key);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw new UserInputException(path + "." + key + ": must be a string");
    }
    return value.asText();
  }

  private static String text(JsonNode array, int index, String path) {
    JsonNode value = array.get(index);
    if (!value.isTextual()) {
      throw new UserInputException(path + ": must be a string");
    }
    return value.asText();
  }

  private static @Nullable Long optionalLong(JsonNode node, String key, String path) {
    JsonNode value = node.get(key);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new UserInputException(
          path + "." + key + ": must be an integer within a signed 64-bit long");
    }
    return value.asLong();
  }

  private static boolean optionalBoolean(JsonNode node, String key, String path) {
    JsonNode value = node.get(key);
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new UserInputException(path + "." + key + ": must be true or false");
    }
    return value.asBoolean();
  }
}
