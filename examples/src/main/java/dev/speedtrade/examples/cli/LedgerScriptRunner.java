package dev.speedtrade.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.speedtrade.ledger.AccountBalances;
import dev.speedtrade.ledger.AccountResult;
import dev.speedtrade.ledger.Ledger;
import dev.speedtrade.ledger.LedgerAccount;
import dev.speedtrade.ledger.TransferOutcome;
import dev.speedtrade.ledger.TransferOutcomes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Runs a {@link LedgerScript} on a ledger and reports what happened, in the CLI's JSON shape. */
final class LedgerScriptRunner {
  private LedgerScriptRunner() {}

  /** Runs every step; {@code clock} is the ledger's clock, moved by the script's clock steps. */
  static JsonNode run(LedgerScript script, Ledger ledger, SteppingClock clock) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode output = json.objectNode();
    ArrayNode accounts = output.putArray("accounts");
    List<AccountResult> accountResults = ledger.createAccounts(script.accounts());
    for (int i = 0; i < accountResults.size(); i++) {
      accounts
          .addObject()
          .put("id", script.accounts().get(i).id())
          .put("result", accountResults.get(i).name());
    }
    ArrayNode transfers = output.putArray("transfers");
    for (int step = 0; step < script.steps().size(); step++) {
      LedgerScript.Step current = script.steps().get(step);
      if (current instanceof LedgerScript.ClockStep move) {
        clock.advance(Duration.ofSeconds(move.seconds()));
        continue;
      }
      LedgerScript.TransferStep batch = (LedgerScript.TransferStep) current;
      TransferOutcomes outcomes =
          batch.linked()
              ? ledger.submitLinked(batch.transfers())
              : ledger.submit(batch.transfers());
      for (TransferOutcome outcome : outcomes.outcomes()) {
        transfers
            .addObject()
            .put("step", step)
            .put("id", outcome.transferId())
            .put("result", outcome.result().name());
      }
    }
    ObjectNode balances = output.putObject("balances");
    TreeSet<String> ids = new TreeSet<>();
    script.accounts().stream().map(LedgerAccount::id).forEach(ids::add);
    for (String id : ids) {
      Optional<AccountBalances> found = ledger.balances(id);
      found.ifPresent(
          b ->
              balances
                  .putObject(id)
                  .put("debitsPending", b.debitsPending())
                  .put("debitsPosted", b.debitsPosted())
                  .put("creditsPending", b.creditsPending())
                  .put("creditsPosted", b.creditsPosted()));
    }
    return output;
  }
}
