package dev.speedtrade.examples.serve;

import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.SettlementRun;
import dev.speedtrade.funding.Withdrawal;
import dev.speedtrade.funding.WithdrawalStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The admins' funding routes beside the review itself ({@code .../approve}, {@code .../reject} in
 * {@link FundingRoutes}): {@code GET /v1/admin/withdrawals}, every user's withdrawals (the review
 * queue with {@code ?status=PENDING_REVIEW}), and {@code POST /v1/admin/settlement}, the day's
 * settlement run now.
 */
final class AdminFundingRoutes {
  /** Oldest first, so the queue is reviewed in the order it was asked; the id breaks a tie. */
  private static final Comparator<Withdrawal> CREATED =
      Comparator.comparing(Withdrawal::createdAt).thenComparing(Withdrawal::id);

  private final Supplier<FundingService> funding;

  AdminFundingRoutes(Supplier<FundingService> funding) {
    this.funding = funding;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/v1/admin/withdrawals", Route.Access.ADMIN, this::withdrawals),
        Route.of("POST", "/v1/admin/settlement", Route.Access.ADMIN, this::settle));
  }

  /**
   * Every user's withdrawals, with the optional {@code status} (a {@link WithdrawalStatus} name,
   * any case), each with its user, sorted by creation time then id.
   */
  private Reply withdrawals(Call call) {
    @Nullable WithdrawalStatus status =
        call.query("status").map(AdminFundingRoutes::status).orElse(null);
    List<Withdrawal> all = new ArrayList<>(funding.get().withdrawals());
    all.sort(CREATED);
    List<Map<String, Object>> listed = new ArrayList<>();
    for (Withdrawal w : all) {
      if (status == null || w.status() == status) {
        Map<String, Object> item = JsonViews.withdrawal(w);
        item.put("user", w.user());
        listed.add(item);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status == null ? null : status.name());
    body.put("withdrawals", listed);
    return Reply.ok(body);
  }

  private static WithdrawalStatus status(String text) {
    for (WithdrawalStatus value : WithdrawalStatus.values()) {
      if (value.name().equalsIgnoreCase(text.strip())) {
        return value;
      }
    }
    throw ApiError.badRequest(
        "INVALID_ARGUMENT",
        "status must be one of "
            + Arrays.toString(WithdrawalStatus.values())
            + ", got '"
            + text
            + "'");
  }

  /**
   * Runs {@link FundingService#settleAndPay()} now. Running it again is safe: each sale settles
   * once and each withdrawal is funded and paid once, so a second run reports only what became due
   * in between (usually nothing).
   */
  private Reply settle(Call call) {
    return Reply.ok(settlement(funding.get().settleAndPay()));
  }

  static Map<String, Object> settlement(SettlementRun run) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("settledSales", run.settledSales());
    body.put("fundedWithdrawals", run.fundedWithdrawals());
    body.put("startedPayouts", run.startedPayouts());
    return body;
  }
}
