package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.ledger.AccountFlag;
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
 * linked) and clock moves. {@link #parse} checks the whole script before anything runs and names the
 * first malformed field.
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

  /** The most a script may move its clock, all steps together: to {@link Instant#MAX}. */
  static final long MAX_ADVANCE_SECONDS = Instant.MAX.getEpochSecond() - CLOCK_START.getEpochSecond();

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private static final Set<String> SCRIPT_KEYS = Set.of("accounts", "steps");
  private static final Set<String> ACCOUNT_KEYS = Set.of("id", "currency", "type", "flags");
  private static final Set<String> TRANSFER_STEP_KEYS = Set.of("transfers", "linked");
  private static final Set<String> CLOCK_STEP_KEYS = Set.of("advanceSeconds");
  private static final Set<String> TRANSFER_KEYS = Set.of("id", "debit", "credit", "amount", "code",
      "pending", "timeout", "postPendingId", "voidPendingId", "metadata");

  /**
   * Reads and checks a script.
   *
   * @throws UserInputException naming the first malformed field
   */
  static LedgerScript parse(String text) {
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
    long secondsLeft = MAX_ADVANCE_SECONDS;
    for (int i = 0; i < stepNodes.size(); i++) {
      Step step = step(stepNodes.get(i), "steps[" + i + "]");
      if (step instanceof ClockStep move) {
        if (move.seconds() > secondsLeft) {
          throw new UserInputException("steps[" + i + "].advanceSeconds: moves the clock past " + Instant.MAX
              + ", the last instant there is");
        }
        secondsLeft -= move.seconds();
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
      throw new UserInputException(path + ".type: must be 1-" + LedgerAccount.MAX_TYPE_LENGTH + " characters");
    }
    try {
      return new LedgerAccount(requiredText(node, "id", path), requiredText(node, "currency", path), type, flags);
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
        throw new UserInputException(path + ".advanceSeconds: must be a whole number of seconds, 0 or more");
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
    if (timeout != null && (!pending || timeout <= 0)) {
      throw new UserInputException(path + ".timeout: must be a positive number of seconds, on a pending transfer");
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
      try {
        return new Transfer(id, kind, null, null, amount, null, null, post != null ? post : voided, metadata);
      } catch (SpeedTradeException e) {
        throw new UserInputException(path + ": " + e.getMessage());
      }
    }
    String debit = requiredText(node, "debit", path);
    String credit = requiredText(node, "credit", path);
    String code = requiredText(node, "code", path);
    if (code.isBlank() || code.length() > Transfer.MAX_CODE_LENGTH) {
      throw new UserInputException(path + ".code: must be 1-" + Transfer.MAX_CODE_LENGTH + " characters");
    }
    if (amount == null) {
      throw new UserInputException(path + ".amount: is missing");
    }
    try {
      return new Transfer(id, pending ? TransferKind.PENDING : TransferKind.SINGLE, debit, credit, amount,
          code, timeout, null, metadata);
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
      throw new UserInputException(path + ": has more than " + Transfer.MAX_METADATA_ENTRIES + " entries");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getValue().isTextual()) {
        throw new UserInputException(path + "." + field.getKey() + ": must be a string");
      }
      if (field.getKey().isEmpty() || field.getKey().length() > Transfer.MAX_METADATA_KEY_LENGTH
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
      throw new UserInputException(path + "." + key + ": must be an integer within a signed 64-bit long");
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
