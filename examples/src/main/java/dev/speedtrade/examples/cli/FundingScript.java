package dev.speedtrade.examples.cli;

import dev.speedtrade.broker.AssetClass;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A script for {@code speedtrade funding run}, checked whole: where the clock starts, the settings,
 * the users, the instruments, and the steps in order. {@link #parse} reads one (see {@link
 * FundingScriptParser} for what it refuses); every value here is as the script gave it, with the
 * funding contract's defaults filled in.
 *
 * <p>Decimals are kept exactly as written ({@code "990.50"} keeps its scale). The amounts, qtys,
 * prices and confirmed amounts of steps are only of the decimal form: what is wrong with their
 * values (0, a negative, a third decimal) is for the rules to answer with a code. Enum values the
 * script spells in lower case ({@code us_equity}, {@code completed}, {@code paid}) use {@link
 * #spelling}; KYC statuses are spelled by their names.
 *
 * @param clock where the clock starts, a whole second from 0001-01-01T00:00:00Z to {@link
 *     FundingScriptParser#LATEST_CLOCK}
 * @param settings the platform's settings, defaults filled in
 * @param users the users, in order, ids distinct
 * @param instruments the instruments, in order, symbols distinct
 * @param steps the steps, in order
 */
record FundingScript(
    Instant clock,
    Settings settings,
    List<User> users,
    List<Instrument> instruments,
    List<Step> steps) {

  FundingScript {
    users = List.copyOf(users);
    instruments = List.copyOf(instruments);
    steps = List.copyOf(steps);
  }

  /**
   * Reads and checks a whole script.
   *
   * @throws UserInputException naming a malformed field, such as {@code steps[3].destination.last4}
   */
  static FundingScript parse(String text) {
    return FundingScriptParser.parse(text);
  }

  /** A user's KYC status; the script spells it upper case. */
  enum Kyc {
    APPROVED,
    PENDING,
    REJECTED
  }

  /**
   * The platform's settings. Rates are from 0 (included) to 1 (excluded), with any number of
   * decimals; money is USD, 0 or more, with at most 2 decimals (after stripping trailing zeros).
   *
   * @param liquidityBuffer the share of a user's equity auto-invest leaves as cash
   * @param instantFeeRate the share of an instant withdrawal's amount taken as its fee
   * @param instantDailyLimit what a user may withdraw instantly per New York date, unless the user
   *     has a limit of its own
   * @param instantFeeMin the lowest instant fee, not above {@code instantFeeMax}
   * @param instantFeeMax the highest instant fee
   * @param depositMin the smallest deposit, not above {@code depositMax}
   * @param depositMax the largest deposit
   * @param kycDepositLimit the largest deposit of a user whose KYC is PENDING
   * @param autoApproveLimit the largest reviewed withdrawal approved at once, or null for none
   */
  record Settings(
      BigDecimal liquidityBuffer,
      BigDecimal instantFeeRate,
      BigDecimal instantDailyLimit,
      BigDecimal instantFeeMin,
      BigDecimal instantFeeMax,
      BigDecimal depositMin,
      BigDecimal depositMax,
      BigDecimal kycDepositLimit,
      @Nullable BigDecimal autoApproveLimit) {

    /** The settings of a script that gives none. */
    static final Settings DEFAULTS =
        new Settings(
            new BigDecimal("0.10"),
            new BigDecimal("0.0175"),
            new BigDecimal("5000.00"),
            new BigDecimal("1.00"),
            new BigDecimal("150.00"),
            new BigDecimal("1.00"),
            new BigDecimal("50000.00"),
            new BigDecimal("0.00"),
            null);
  }

  /**
   * A user at the start.
   *
   * @param id matches {@code [A-Za-z0-9._-]{1,64}}
   * @param kyc its KYC status
   * @param instantDailyLimit its own instant daily limit (USD, 0 or more, at most 2 decimals), or
   *     null for the setting's
   */
  record User(String id, Kyc kyc, @Nullable BigDecimal instantDailyLimit) {}

  /**
   * An instrument at the start.
   *
   * @param symbol matches {@code [A-Za-z0-9./-]{1,20}}
   * @param assetClass {@code us_equity} or {@code crypto}
   * @param mark its current price, greater than 0
   */
  record Instrument(String symbol, AssetClass assetClass, BigDecimal mark) {}

  /** The operations of a script's steps, with the spelling the script and the output use. */
  enum Op {
    DEPOSIT_CREATE("depositCreate"),
    DEPOSIT_EVENT("depositEvent"),
    BUY_FILL("buyFill"),
    SELL_FILL("sellFill"),
    ORDER_CANCEL("orderCancel"),
    WITHDRAW_INSTANT("withdrawInstant"),
    WITHDRAW_REQUEST("withdrawRequest"),
    WITHDRAW_APPROVE("withdrawApprove"),
    WITHDRAW_REJECT("withdrawReject"),
    WITHDRAW_CANCEL("withdrawCancel"),
    WITHDRAW_PROCESS("withdrawProcess"),
    PAYOUT_EVENT("payoutEvent"),
    AUTO_INVEST("autoInvest"),
    SET_KYC("setKyc"),
    MARK("mark"),
    ADVANCE("advance"),
    SETTLE("settle"),
    LIQUIDITY_REPORT("liquidityReport");

    private final String spelling;

    Op(String spelling) {
      this.spelling = spelling;
    }

    /** How scripts and the output write this op. */
    String spelling() {
      return spelling;
    }
  }

  /** What the payment provider says of a deposit; the script spells it lower case. */
  enum DepositEventType {
    PROCESSING,
    COMPLETED,
    FAILED,
    EXPIRED,
    CANCELED
  }

  /** What the payout provider says of a withdrawal; the script spells it lower case. */
  enum PayoutEventType {
    PAID,
    FAILED
  }

  /** Where a withdrawal goes: {@code {"type": "bank", ...}} or {@code {"type": "card", ...}}. */
  sealed interface Destination permits Bank, Card {}

  /**
   * A bank account. Any string: whether it is a valid CLABE is for the rules to answer ({@code
   * INVALID_CLABE}).
   *
   * @param clabe as given
   */
  record Bank(String clabe) implements Destination {}

  /**
   * A card on file.
   *
   * @param last4 exactly 4 ASCII digits
   */
  record Card(String last4) implements Destination {}

  /** One step of a script: one record per {@link Op}. */
  sealed interface Step
      permits DepositStep,
          FillStep,
          OrderCancel,
          WithdrawalStep,
          ProviderEvent,
          AutoInvest,
          SetKyc,
          Mark,
          Advance,
          Settle,
          LiquidityReport {
    /** This step's op. */
    Op op();
  }

  /** A step that names a deposit; its result in the output names it and its status. */
  sealed interface DepositStep extends Step permits DepositCreate, DepositEvent {
    /** The deposit's id, matching {@code [A-Za-z0-9._-]{1,64}}. */
    String depositId();
  }

  /**
   * A step that names a withdrawal; its result in the output names it, its status and its
   * shortfall.
   */
  sealed interface WithdrawalStep extends Step
      permits WithdrawalCreate,
          WithdrawApprove,
          WithdrawReject,
          WithdrawCancel,
          WithdrawProcess,
          PayoutEvent {
    /** The withdrawal's id, matching {@code [A-Za-z0-9._-]{1,64}}. */
    String withdrawalId();
  }

  /** A step that creates a withdrawal, of either kind (one id space for both). */
  sealed interface WithdrawalCreate extends WithdrawalStep
      permits WithdrawInstant, WithdrawRequest {
    /** The user, matching {@code [A-Za-z0-9._-]{1,64}}. */
    String user();

    /** The amount, any decimal. */
    BigDecimal amount();

    /** Where it goes. */
    Destination destination();
  }

  /** A provider's event; deposit and payout events share one space of event ids. */
  sealed interface ProviderEvent extends Step permits DepositEvent, PayoutEvent {
    /** The event's id, matching {@code [A-Za-z0-9._-]{1,64}}. */
    String eventId();
  }

  /** A fill from the broker; its result in the output names its execution id. */
  sealed interface FillStep extends Step permits BuyFill, SellFill {
    /** The user, matching {@code [A-Za-z0-9._-]{1,64}}. */
    String user();

    /** The execution's id, matching {@code [A-Za-z0-9._-]{1,64}}, one space for all users. */
    String execId();

    /** The symbol, matching {@code [A-Za-z0-9./-]{1,20}}. */
    String symbol();

    /** The qty, any decimal. */
    BigDecimal qty();

    /** The price, any decimal. */
    BigDecimal price();
  }

  /** Records a PENDING deposit of {@code amount} (any decimal) for {@code user}. */
  record DepositCreate(String user, String depositId, BigDecimal amount) implements DepositStep {
    @Override
    public Op op() {
      return Op.DEPOSIT_CREATE;
    }
  }

  /**
   * The payment provider's event {@code eventId} on a deposit. {@code confirmedAmount} (any
   * decimal) is only ever given with {@link DepositEventType#COMPLETED}; null there means the
   * requested amount.
   */
  record DepositEvent(
      String eventId, String depositId, DepositEventType type, @Nullable BigDecimal confirmedAmount)
      implements DepositStep, ProviderEvent {
    @Override
    public Op op() {
      return Op.DEPOSIT_EVENT;
    }
  }

  /**
   * A buy filled; with {@code orderId} (a non-empty string) it fills that auto-invest order,
   * without it it is paid from the user's withdrawable cash.
   */
  record BuyFill(
      String user,
      String execId,
      String symbol,
      BigDecimal qty,
      BigDecimal price,
      @Nullable String orderId)
      implements FillStep {
    @Override
    public Op op() {
      return Op.BUY_FILL;
    }
  }

  /** A sale filled. */
  record SellFill(String user, String execId, String symbol, BigDecimal qty, BigDecimal price)
      implements FillStep {
    @Override
    public Op op() {
      return Op.SELL_FILL;
    }
  }

  /** The broker canceled the auto-invest order {@code orderId}, a non-empty string. */
  record OrderCancel(String orderId) implements Step {
    @Override
    public Op op() {
      return Op.ORDER_CANCEL;
    }
  }

  /** An instant withdrawal, with its fee. */
  record WithdrawInstant(
      String user, String withdrawalId, BigDecimal amount, Destination destination)
      implements WithdrawalCreate {
    @Override
    public Op op() {
      return Op.WITHDRAW_INSTANT;
    }
  }

  /** A reviewed withdrawal, without a fee. */
  record WithdrawRequest(
      String user, String withdrawalId, BigDecimal amount, Destination destination)
      implements WithdrawalCreate {
    @Override
    public Op op() {
      return Op.WITHDRAW_REQUEST;
    }
  }

  /** {@code reviewer} (a non-empty string) approves a reviewed withdrawal. */
  record WithdrawApprove(String withdrawalId, String reviewer) implements WithdrawalStep {
    @Override
    public Op op() {
      return Op.WITHDRAW_APPROVE;
    }
  }

  /** {@code reviewer} (a non-empty string) rejects a reviewed withdrawal. */
  record WithdrawReject(String withdrawalId, String reviewer) implements WithdrawalStep {
    @Override
    public Op op() {
      return Op.WITHDRAW_REJECT;
    }
  }

  /** The user cancels a reviewed withdrawal awaiting review. */
  record WithdrawCancel(String withdrawalId) implements WithdrawalStep {
    @Override
    public Op op() {
      return Op.WITHDRAW_CANCEL;
    }
  }

  /** Funds an APPROVED withdrawal again. */
  record WithdrawProcess(String withdrawalId) implements WithdrawalStep {
    @Override
    public Op op() {
      return Op.WITHDRAW_PROCESS;
    }
  }

  /** The payout provider's event {@code eventId} on a withdrawal. */
  record PayoutEvent(String eventId, String withdrawalId, PayoutEventType type)
      implements WithdrawalStep, ProviderEvent {
    @Override
    public Op op() {
      return Op.PAYOUT_EVENT;
    }
  }

  /**
   * Invests up to {@code amount} (any decimal) of {@code user}'s cash.
   *
   * @param ranked the symbols of the policy, best first, distinct; empty (also when absent) for the
   *     default policy
   */
  record AutoInvest(String user, String investId, BigDecimal amount, List<String> ranked)
      implements Step {
    AutoInvest {
      ranked = List.copyOf(ranked);
    }

    @Override
    public Op op() {
      return Op.AUTO_INVEST;
    }
  }

  /** Sets {@code user}'s KYC status. */
  record SetKyc(String user, Kyc status) implements Step {
    @Override
    public Op op() {
      return Op.SET_KYC;
    }
  }

  /** A new mark for {@code symbol}, greater than 0; an unknown symbol is a result code. */
  record Mark(String symbol, BigDecimal price) implements Step {
    @Override
    public Op op() {
      return Op.MARK;
    }
  }

  /**
   * Moves the clock forward, by {@code seconds} or to {@code to}: exactly one is given. The parser
   * has checked that no advance takes the clock back or past {@link
   * FundingScriptParser#LATEST_CLOCK}.
   *
   * @param seconds 0 or more
   * @param to a whole second
   */
  record Advance(@Nullable Long seconds, @Nullable Instant to) implements Step {
    Advance {
      if ((seconds == null) == (to == null)) {
        throw new IllegalArgumentException("exactly one of seconds and to: " + seconds + ", " + to);
      }
    }

    @Override
    public Op op() {
      return Op.ADVANCE;
    }

    /** The clock after this step, when it was {@code clock} before. */
    Instant after(Instant clock) {
      return to != null ? to : clock.plusSeconds(Objects.requireNonNull(seconds));
    }
  }

  /** Moves to cash every unsettled sale whose settlement date has come. */
  record Settle() implements Step {
    @Override
    public Op op() {
      return Op.SETTLE;
    }
  }

  /** Reports the platform's liquidity. */
  record LiquidityReport() implements Step {
    @Override
    public Op op() {
      return Op.LIQUIDITY_REPORT;
    }
  }

  /** How the script and the output spell a lower-case enum value: its name in lower case. */
  static String spelling(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
