package dev.speedtrade.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo: its first part, one user's money through KYC, funding, auto-invest, a rebalance and two
 * withdrawals; its omnibus part, two clients' books on one venue; and its page in the docs.
 */
class DemoCommandTest {
  private static final Path CLI_DOC = Path.of("..", "docs", "cli.md");
  private static final Path DEMO_DOC = Path.of("..", "docs", "demo.md");
  private static final String OMNIBUS = "Omnibus order books:";

  /** The ids the Stripe stand-in derives, the same in every run. */
  private static final String SESSION = "cs_test_peamD1A13bq30N6z2ofRt7iz";

  private static final String INSTANT_PAYOUT = "po_58RjZT7DWzjPpmw9xlvBi2ed";
  private static final String REVIEWED_PAYOUT = "po_VnumjsbO2Wn7Qge1eZK751NQ";

  @TempDir static Path receipts;

  /**
   * Runs the CLI; a demo writes its receipt into a temporary directory, and the output names it as
   * the default directory, {@code .}, would be named.
   */
  private static String run(String... args) {
    boolean demo = args.length > 0 && args[0].equals("demo") && !List.of(args).contains("--help");
    List<String> all = new ArrayList<>(List.of(args));
    if (demo) {
      all.add("--receipt-dir");
      all.add(receipts.toString());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SpeedTradeCli.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).isEmpty();
    return out.toString().replace(receipts.toString(), ".");
  }

  @Test
  void theFundingStoryTalksToStripeAndSumsubStandInsOnLoopbackAndPrintsNoPort() {
    String out = run("demo");
    String story = out.substring(0, out.indexOf("SpeedTrade demo: erin's"));

    assertThat(story)
        .contains("Stripe and Sumsub are in-process stand-ins on 127.0.0.1")
        .doesNotContain("sim_po_", "simulated.invalid", "127.0.0.1:")
        .containsPattern("applicant [0-9a-f]{24}\n");
  }

  @Test
  void theFundingStoryEndsWithTheReviewedWithdrawalPaidItsReceiptAndATrialBalanceOfZero()
      throws IOException {
    String out = run("demo");
    String story = out.substring(0, out.indexOf("SpeedTrade demo: erin's"));

    assertThat(story)
        .containsSubsequence(
            "nora tries to deposit 20000.00 unverified",
            "-> KYC_REQUIRED",
            "Sumsub webhook applicantReviewed: GREEN",
            "-> digest verified, APPLIED, KYC APPROVED",
            "delivered again: DUPLICATE",
            "nora deposits 20000.00",
            "-> PENDING, pay at https://checkout.stripe.com/c/pay/" + SESSION,
            "Stripe webhook checkout.session.completed",
            "-> evt_Okt9p4FMcZ5pcQpPUXrkXqee verified, deposit COMPLETED (OK)",
            "delivered again: DUPLICATE_EVENT",
            "auto-invest up to 15000.00 (60/40 SPY/BIL)",
            "-> OK: SPY 9000.00, BIL 6000.00 through the order service",
            "instant withdrawal of 500.00 to card 4242",
            "-> OK, fee 8.75, PROCESSING, payout " + INSTANT_PAYOUT,
            "Stripe webhook payout.paid",
            "verified, wd-1 COMPLETED",
            "daily rebalance: all in bot momentum",
            "-> SUCCESS",
            "nora asks to withdraw 9000.00 to bank:****7771",
            "-> OK, PENDING_REVIEW",
            "approves wd-2",
            "-> APPROVED; sold",
            "the day's settlement",
            "nothing funded (0): the sale settles T+1",
            "Fri 08:00  the next trading day's settlement (Thu is a holiday)",
            "wd-2 PROCESSING, payout " + REVIEWED_PAYOUT,
            "Stripe webhook payout.paid",
            "verified, wd-2 COMPLETED",
            "written to ./speedtrade-receipt-wd-2.pdf")
        .contains("Trial balance (debits - credits): posted 0.00, held 0.00")
        .doesNotContain("002010077777777771");
    try (PDDocument pdf =
        Loader.loadPDF(Files.readAllBytes(receipts.resolve("speedtrade-receipt-wd-2.pdf")))) {
      assertThat(new PDFTextStripper().getText(pdf))
          .contains(
              "Withdrawal wd-2",
              "Amount 9000.00 USD",
              "Destination bank:****7771",
              "Status COMPLETED",
              "Reference " + REVIEWED_PAYOUT,
              "Reviewed by ops@speedtrade.dev")
          .doesNotContain("002010077777777771");
    }
  }

  private static String omnibusPart() {
    String out = run("demo");
    int start = out.indexOf(OMNIBUS);
    assertThat(start).as("the omnibus part is printed").isPositive();
    assertThat(out.substring(0, start))
        .as("the omnibus part comes after the first two")
        .contains("Account SIM-PAPER-erin (ACTIVE)", "Positions before and after");
    return out.substring(start);
  }

  @Test
  void anOrdersLifeIsAcceptedPartlyFilledThenCanceledAndItsHoldReleased() {
    String part = omnibusPart();

    assertThat(part)
        .containsSubsequence(
            "olivia: buy 20 AAPL, limit 225.00",
            "-> OK, ol-1 ACCEPTED\n",
            "cash 10000.00, held 4500.00, buying power 5500.00\n",
            "the venue fills 8 of ol-1 @ 225.00",
            "-> ol-1 PARTIALLY_FILLED 8/20 @ 225.00\n",
            "cash 8200.00, held 2700.00, buying power 5500.00\n",
            "olivia: cancel the rest of ol-1",
            "-> OK, ol-1 CANCELED, its hold of 2700.00 released\n",
            "cash 8200.00, held 0.00, buying power 8200.00\n");
    assertThat(part)
        .containsPattern(
            "olivia\\s+ol-1\\s+AAPL\\s+BUY\\s+LIMIT\\s+20\\s+225.00\\s+8\\s+CANCELED\\n");
  }

  @Test
  void riskDenialsCarryTheirCodesAndTheKillSwitchDeniesUntilTradingResumes() {
    String part = omnibusPart();

    assertThat(part)
        .containsSubsequence(
            "omar: buy 60 SH at market",
            "-> DENIED MAX_ORDER_QTY_EXCEEDED (risk check 15, not sent)\n",
            "60 is above omar's max order qty of 50\n",
            "omar: buy 10 SPY at market",
            "-> DENIED INSUFFICIENT_BUYING_POWER (risk check 19, not sent)\n",
            "its reserve of 6197.63 is above omar's buying power of 2000.00\n",
            "kill switch: ops halts all trading",
            "-> platform HALTED: \"venue incident drill\"\n",
            "olivia: buy 1 SPY at market",
            "-> DENIED TRADING_HALTED (risk check 1, not sent)\n",
            "kill switch: ops resumes trading",
            "-> platform ACTIVE: \"drill over\"\n",
            "the kill switch's history: 2 changes");
    assertThat(part)
        .containsPattern(
            "omar\\s+om-1\\s+SH\\s+BUY\\s+MARKET\\s+60\\s+-\\s+0\\s+DENIED\\s+MAX_ORDER_QTY_EXCEEDED\\n")
        .containsPattern("omar\\s+om-2\\s+SPY .*DENIED\\s+INSUFFICIENT_BUYING_POWER\\n")
        .containsPattern("olivia\\s+ol-2\\s+SPY .*DENIED\\s+TRADING_HALTED\\n");
  }

  @Test
  void aReplaceEndsTheOldOrderAndTheNewOneFillsAtTheNewPrice() {
    String part = omnibusPart();

    assertThat(part)
        .containsSubsequence(
            "omar: replace om-3 by om-3r, limit 90.00",
            "-> OK, om-3 REPLACED, om-3r ACCEPTED at 90.00\n",
            "cash 2000.00, held 1800.00, buying power 200.00\n",
            "TLT trades at 89.95",
            "-> om-3r FILLED 20/20 @ 89.95\n");
    assertThat(part)
        .containsPattern(
            "omar\\s+om-3\\s+TLT\\s+BUY\\s+LIMIT\\s+20\\s+89.00\\s+0\\s+REPLACED\\s+by om-3r\\n")
        .containsPattern("omar\\s+om-3r\\s+TLT\\s+BUY\\s+LIMIT\\s+20\\s+90.00\\s+20\\s+FILLED\\n");
  }

  @Test
  void theBooksShowCashBuyingPowerEquityAndRealizedAndUnrealizedPnl() {
    String part = omnibusPart();

    assertThat(part)
        .containsSubsequence("-> OK, ol-3 FILLED 5/5 @ 236.40\n", "realized P&L 57.00\n")
        .containsPattern("olivia\\s+9382.00\\s+9382.00\\s+10096.00\\s+57.00\\s+39.00\\n")
        .containsPattern("omar\\s+201.00\\s+201.00\\s+2009.00\\s+0.00\\s+9.00\\n")
        .containsPattern("olivia\\s+AAPL\\s+3\\s+225.00\\s+238.00\\s+675.00\\s+57.00\\s+39.00\\n");
  }

  @Test
  void theSubscriberHearsEachOrderEventInTheOrderTheyHappened() {
    String part = omnibusPart();
    String log = part.substring(part.indexOf("Order events ("), part.indexOf("Ledger (USD)"));

    assertThat(log)
        .startsWith("Order events (17, ")
        .containsSubsequence(
            "ol-1   ACCEPTED",
            "ol-1   SENT",
            "ol-1   PARTIALLY_FILLED   8 @ 225.00",
            "ol-1   CANCEL_REQUESTED",
            "ol-1   CANCELED",
            "om-1   DENIED             MAX_ORDER_QTY_EXCEEDED",
            "om-2   DENIED             INSUFFICIENT_BUYING_POWER",
            "om-3   REPLACE_REQUESTED",
            "om-3   REPLACED           by om-3r",
            "om-3r  ACCEPTED",
            "om-3r  FILLED             20 @ 89.95",
            "ol-2   DENIED             TRADING_HALTED",
            "ol-3   FILLED             5 @ 236.40");
  }

  @Test
  void theLedgerOfThePlatformAndBothClientsHasATrialBalanceOfZero() {
    String part = omnibusPart();

    assertThat(part)
        .containsPattern("platform:psp\\s+12000.00\\s+0.00\\s+0.00\\n")
        .containsPattern("user:olivia:cash\\s+1800.00\\s+10000.00\\s+0.00\\n")
        .containsPattern("user:omar:cash\\s+1799.00\\s+2000.00\\s+0.00\\n")
        .containsPattern("total\\s+16781.00\\s+16781.00\\n")
        .contains("Trial balance (debits - credits posted): 0.00\n")
        .contains("Books against fills and ledger (reconcileInternal): no discrepancies");
  }

  @Test
  void theOmnibusPartDoesNotDependOnTheSeed() {
    String part = omnibusPart();
    String other = run("demo", "--seed", "17");

    assertThat(other.substring(other.indexOf(OMNIBUS))).isEqualTo(part);
  }

  @Test
  void everyExcerptOnTheDemoPageIsWhatTheDemoPrints() throws IOException {
    String out = run("demo");
    Matcher excerpts =
        Pattern.compile("```text\n(.*?)```\n", Pattern.DOTALL).matcher(Files.readString(DEMO_DOC));
    int count = 0;
    while (excerpts.find()) {
      assertThat(out).as("an excerpt of docs/demo.md").contains(excerpts.group(1));
      count++;
    }
    assertThat(count).as("excerpts on docs/demo.md").isGreaterThanOrEqualTo(12);
  }

  @Test
  void theCliPageShowsTheDemosHelpAndOutputAsTheyAre() throws IOException {
    String doc = Files.readString(CLI_DOC);

    assertThat(doc).contains("```\n$ speedtrade --help\n" + run("--help"));
    assertThat(doc).contains("```\n$ speedtrade demo --help\n" + run("demo", "--help") + "```\n");
    assertThat(doc).contains("```\n$ speedtrade demo\n" + run("demo") + "```\n");
  }
}
