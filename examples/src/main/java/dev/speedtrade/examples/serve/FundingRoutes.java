package dev.speedtrade.examples.serve;

import dev.speedtrade.funding.Deposit;
import dev.speedtrade.funding.DepositResult;
import dev.speedtrade.funding.Destination;
import dev.speedtrade.funding.FundingCode;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.InvestResult;
import dev.speedtrade.funding.Refund;
import dev.speedtrade.funding.RefundResult;
import dev.speedtrade.funding.UserFunds;
import dev.speedtrade.funding.Withdrawal;
import dev.speedtrade.funding.WithdrawalReceipt;
import dev.speedtrade.funding.WithdrawalReceiptPdf;
import dev.speedtrade.funding.WithdrawalResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Seed 000's instant invest and withdraw ({@code POST /deposit}, {@code /invest/auto}, {@code
 * /withdraw}) and seed 003's reads of one deposit or withdrawal, each on the caller's own money.
 */
final class FundingRoutes {
  private final Supplier<FundingService> funding;

  FundingRoutes(Supplier<FundingService> funding) {
    this.funding = funding;
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/deposit", Route.Access.CLIENT, this::deposit),
        Route.of("POST", "/invest/auto", Route.Access.CLIENT, this::invest),
        Route.of("POST", "/withdraw", Route.Access.CLIENT, this::withdraw),
        Route.of("GET", "/balances", Route.Access.CLIENT, this::balances),
        Route.of("GET", "/v1/deposits", Route.Access.CLIENT, this::listDeposits),
        Route.of("POST", "/v1/deposits", Route.Access.CLIENT, this::createDepositIntent),
        Route.of("GET", "/v1/deposits/{id}", Route.Access.CLIENT, this::getDeposit),
        Route.of("GET", "/v1/withdrawals", Route.Access.CLIENT, this::listWithdrawals),
        Route.of("POST", "/v1/withdrawals", Route.Access.CLIENT, this::createWithdrawalRequest),
        Route.of("GET", "/v1/withdrawals/{id}", Route.Access.CLIENT, this::getWithdrawal),
        Route.of("GET", "/v1/withdrawals/{id}/receipt", Route.Access.CLIENT, this::receipt),
        Route.of("POST", "/v1/admin/withdrawals/{id}/approve", Route.Access.ADMIN, this::approve),
        Route.of("POST", "/v1/admin/withdrawals/{id}/reject", Route.Access.ADMIN, this::reject),
        Route.of("POST", "/v1/admin/deposits/{id}/refund", Route.Access.ADMIN, this::refund));
  }

  /** An admin approves a reviewed withdrawal, as the reviewer named by its principal's id. */
  private Reply approve(Call call) {
    String id = call.param("id");
    return reviewed(funding.get().approveWithdrawal(id, call.client()), id);
  }

  private Reply reject(Call call) {
    String id = call.param("id");
    return reviewed(funding.get().rejectWithdrawal(id, call.client()), id);
  }

  /**
   * An admin refunds part or all of a completed deposit ({@code funding().refundDeposit}): the
   * amount leaves the user's cash and the provider pays it back to the means the user paid with.
   */
  private Reply refund(Call call) {
    String depositId = call.param("id");
    RequestBody body = call.json();
    BigDecimal amount = body.decimal("amount");
    String id = body.optionalText("id").orElseGet(() -> "ref-" + UUID.randomUUID());
    RefundResult result = funding.get().refundDeposit(id, depositId, amount);
    Refund refund = result.refund();
    if (!created(result.code()) || refund == null) {
      throw refusal(result.code(), "refund " + id + " of deposit " + depositId);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", refund.id());
    answer.put("depositId", refund.depositId());
    answer.put("user", refund.user());
    answer.put("amount", JsonViews.decimal(refund.amount()));
    answer.put("ref", refund.providerReference());
    answer.put(
        "providerStatus", refund.providerStatus() == null ? null : refund.providerStatus().name());
    answer.put("createdAt", JsonViews.time(refund.createdAt()));
    answer.put("updatedAt", JsonViews.time(refund.updatedAt()));
    answer.put("code", result.code().name());
    answer.put("balances", balances(refund.user()));
    return new Reply(result.code() == FundingCode.OK ? 201 : 200, answer);
  }

  private static Reply reviewed(WithdrawalResult result, String id) {
    Withdrawal withdrawal = result.withdrawal();
    if (!result.isOk() || withdrawal == null) {
      throw refusal(result.code(), "withdrawal " + id);
    }
    Map<String, Object> answer = JsonViews.withdrawal(withdrawal);
    answer.put("user", withdrawal.user());
    answer.put("code", result.code().name());
    return Reply.ok(answer);
  }

  private Reply deposit(Call call) {
    RequestBody body = call.json();
    String user = owner(call, body);
    return createDeposit(user, body);
  }

  /**
   * Seed 003's {@code POST /v1/deposits} (a deposit intent): {@code amount}, and {@code currency}
   * USD only; its {@code payment_method}, {@code provider} and {@code metadata} are accepted and
   * not used (the platform's payment gateway decides how the user pays).
   */
  private Reply createDepositIntent(Call call) {
    RequestBody body = call.json();
    String user = seedOwner(call, body);
    usd(body);
    return createDeposit(user, body);
  }

  private Reply createDeposit(String user, RequestBody body) {
    BigDecimal amount = body.decimal("amount");
    String id = body.optionalText("id").orElseGet(() -> "dep-" + UUID.randomUUID());
    DepositResult result = funding.get().createDeposit(user, id, amount);
    Deposit deposit = result.deposit();
    if (!created(result.code()) || deposit == null || !deposit.user().equals(user)) {
      throw refusal(result.code(), "deposit " + id);
    }
    Map<String, Object> answer = JsonViews.deposit(deposit);
    answer.put("code", result.code().name());
    answer.put("balances", balances(user));
    return new Reply(result.code() == FundingCode.OK ? 201 : 200, answer);
  }

  private Reply invest(Call call) {
    RequestBody body = call.json();
    String user = owner(call, body);
    BigDecimal amount = body.decimal("amount");
    List<String> ranked = body.texts("symbols");
    String id = body.optionalText("id").orElseGet(() -> "inv-" + UUID.randomUUID());
    InvestResult result = funding.get().autoInvest(user, id, amount, ranked);
    if (!created(result.code())) {
      throw refusal(result.code(), "investment " + id);
    }
    Map<String, Object> answer = JsonViews.investment(id, result);
    answer.put("balances", balances(user));
    return new Reply(result.code() == FundingCode.OK ? 201 : 200, answer);
  }

  private Reply withdraw(Call call) {
    RequestBody body = call.json();
    String user = owner(call, body);
    BigDecimal amount = body.decimal("amount");
    Destination destination = destination(body);
    String mode = body.optionalText("mode").orElse("instant");
    String id = body.optionalText("id").orElseGet(() -> "wd-" + UUID.randomUUID());
    WithdrawalResult result =
        switch (mode) {
          case "instant" -> funding.get().withdrawInstant(user, id, amount, destination);
          case "reviewed" -> funding.get().requestWithdrawal(user, id, amount, destination);
          default ->
              throw ApiError.badRequest(
                  "INVALID_ARGUMENT", "mode must be instant or reviewed, got '" + mode + "'");
        };
    return withdrawn(user, id, result);
  }

  /**
   * Seed 003's {@code POST /v1/withdrawals} (a withdrawal request): a reviewed withdrawal of {@code
   * amount} (USD) to the bank account {@code clabe}, waiting for review as the seed's did. The
   * seed's other bank and contact fields are accepted and not kept: the platform keeps the CLABE
   * masked, fingerprinted and tokenized at the provider, and nothing else of the account.
   */
  private Reply createWithdrawalRequest(Call call) {
    RequestBody body = call.json();
    String user = seedOwner(call, body);
    usd(body);
    BigDecimal amount = body.decimal("amount");
    Destination destination = Destination.bank(body.text("clabe"));
    String id = body.optionalText("id").orElseGet(() -> "wd-" + UUID.randomUUID());
    return withdrawn(user, id, funding.get().requestWithdrawal(user, id, amount, destination));
  }

  private Reply withdrawn(String user, String id, WithdrawalResult result) {
    Withdrawal withdrawal = result.withdrawal();
    if (!created(result.code()) || withdrawal == null || !withdrawal.user().equals(user)) {
      throw refusal(result.code(), "withdrawal " + id);
    }
    Map<String, Object> answer = JsonViews.withdrawal(withdrawal);
    answer.put("code", result.code().name());
    answer.put("balances", balances(user));
    return new Reply(result.code() == FundingCode.OK ? 201 : 200, answer);
  }

  private Reply balances(Call call) {
    return Reply.ok(balances(call.client()));
  }

  private Reply getDeposit(Call call) {
    String id = call.param("id");
    Optional<Deposit> deposit =
        funding.get().deposit(id).filter(d -> d.user().equals(call.client()));
    return Reply.ok(
        JsonViews.deposit(
            deposit.orElseThrow(() -> ApiError.notFound("DEPOSIT_NOT_FOUND", "no deposit " + id))));
  }

  /** The caller's deposits, sorted by id. */
  private Reply listDeposits(Call call) {
    List<Map<String, Object>> own = new ArrayList<>();
    for (Deposit d : funding.get().deposits()) {
      if (d.user().equals(call.client())) {
        own.add(JsonViews.deposit(d));
      }
    }
    return Reply.ok(Map.of("deposits", own));
  }

  /** The caller's withdrawals, sorted by id. */
  private Reply listWithdrawals(Call call) {
    List<Map<String, Object>> own = new ArrayList<>();
    for (Withdrawal w : funding.get().withdrawals()) {
      if (w.user().equals(call.client())) {
        own.add(JsonViews.withdrawal(w));
      }
    }
    return Reply.ok(Map.of("withdrawals", own));
  }

  /** Seed 003's receipt: the caller's withdrawal as a PDF, as it stands. */
  private Reply receipt(Call call) {
    String id = call.param("id");
    WithdrawalReceipt receipt =
        funding
            .get()
            .receipt(id)
            .filter(r -> r.user().equals(call.client()))
            .orElseThrow(() -> ApiError.notFound("WITHDRAWAL_NOT_FOUND", "no withdrawal " + id));
    return Reply.pdf(WithdrawalReceiptPdf.render(receipt));
  }

  private Reply getWithdrawal(Call call) {
    String id = call.param("id");
    Optional<Withdrawal> withdrawal =
        funding.get().withdrawal(id).filter(w -> w.user().equals(call.client()));
    return Reply.ok(
        JsonViews.withdrawal(
            withdrawal.orElseThrow(
                () -> ApiError.notFound("WITHDRAWAL_NOT_FOUND", "no withdrawal " + id))));
  }

  private Map<String, Object> balances(String user) {
    return JsonViews.balances(funds(funding.get(), user));
  }

  /** {@code user}'s money as {@code GET /balances} reads it: 404 for a user without funds. */
  static UserFunds funds(FundingService funding, String user) {
    return funding
        .funds(user)
        .orElseThrow(() -> ApiError.notFound("USER_NOT_FOUND", "no funds for " + user));
  }

  /**
   * The caller's user id; the seed's {@code user_id} may be given, but only as the caller's own
   * (another's is answered as an unknown user, never with its data).
   */
  static String owner(Call call, RequestBody body) {
    String user = call.client();
    Optional<String> named = body.optionalText("user_id");
    if (named.isPresent() && !named.get().equals(user)) {
      throw ApiError.notFound("USER_NOT_FOUND", "no user " + named.get());
    }
    return user;
  }

  /**
   * The caller, for seed 003's routes: its {@code clientId} query parameter or {@code X-Client-Id}
   * header, like seed 000's {@code user_id}, may only name the caller (another id is 404).
   */
  private static String seedOwner(Call call, RequestBody body) {
    String user = owner(call, body);
    Optional<String> named = call.query("clientId");
    if (named.isEmpty()) {
      List<String> header =
          call.headers().entrySet().stream()
              .filter(e -> e.getKey().equalsIgnoreCase("X-Client-Id"))
              .flatMap(e -> e.getValue().stream())
              .toList();
      named = header.isEmpty() ? Optional.empty() : Optional.of(header.get(0));
    }
    if (named.isPresent() && !named.get().equals(user)) {
      throw ApiError.notFound("USER_NOT_FOUND", "no user " + named.get());
    }
    return user;
  }

  /** Seed 003's {@code currency}: USD, the platform's only currency, when sent. */
  private static void usd(RequestBody body) {
    Optional<String> currency = body.optionalText("currency");
    if (currency.isPresent() && !currency.get().equalsIgnoreCase("USD")) {
      throw ApiError.badRequest(
          "CURRENCY_MISMATCH", "currency must be USD, got '" + currency.get() + "'");
    }
  }

  private static Destination destination(RequestBody body) {
    RequestBody destination = body.object("destination");
    if (destination == null) {
      throw ApiError.badRequest("INVALID_ARGUMENT", "destination is required");
    }
    String type = destination.text("type");
    return switch (type) {
      case "card" -> Destination.card(destination.text("last4"));
      case "bank" -> Destination.bank(destination.text("clabe"));
      default ->
          throw ApiError.badRequest(
              "INVALID_ARGUMENT", "destination.type must be card or bank, got '" + type + "'");
    };
  }

  private static boolean created(FundingCode code) {
    return code == FundingCode.OK || code == FundingCode.EXISTS;
  }

  /** The error answer of a refused request: the code, and no other user's data. */
  private static ApiError refusal(FundingCode code, String what) {
    String message =
        switch (code) {
          case ID_IN_USE -> what + ": the id is in use by another request";
          case USER_NOT_FOUND -> what + ": the user has no funding account";
          default -> what + " refused: " + code;
        };
    return new ApiError(Outcomes.status(code), code.name(), message);
  }

  static Map<String, Object> map(String key, Object value) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(key, value);
    return body;
  }
}
