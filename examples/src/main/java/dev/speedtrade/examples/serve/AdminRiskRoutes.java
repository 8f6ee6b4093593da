package dev.speedtrade.examples.serve;

import dev.speedtrade.risk.RiskControls;
import dev.speedtrade.risk.TradingState;
import dev.speedtrade.risk.TradingStateChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The kill switch: {@code GET /v1/admin/trading-state} reads the platform's {@link TradingState}
 * and every recorded change, {@code POST} sets it ({@link
 * RiskControls#setTradingState(TradingState, String, String)}) as the admin principal, with the
 * reason the request gives.
 */
final class AdminRiskRoutes {
  private static final String PATH = "/v1/admin/trading-state";

  private final Supplier<RiskControls> risk;

  AdminRiskRoutes(Supplier<RiskControls> risk) {
    this.risk = risk;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", PATH, Route.Access.ADMIN, this::read),
        Route.of("POST", PATH, Route.Access.ADMIN, this::set));
  }

  private Reply read(Call call) {
    RiskControls controls = risk.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", controls.platformState().name());
    body.put("history", history(controls.history()));
    return Reply.ok(body);
  }

  /**
   * Sets the platform's state; the whole request is read before anything is set. The SDK refuses a
   * blank reason ({@code INVALID_ARGUMENT}, 400) as it records who changed the state and why.
   */
  private Reply set(Call call) {
    RequestBody body = call.json();
    TradingState state = body.optionalEnum("state", List.of(TradingState.values()));
    if (state == null) {
      throw ApiError.badRequest("INVALID_ARGUMENT", "state is required");
    }
    String reason = body.text("reason");
    if (reason.isBlank()) {
      throw ApiError.badRequest("INVALID_ARGUMENT", "reason must not be blank");
    }
    RiskControls controls = risk.get();
    TradingStateChange change = controls.setTradingState(state, call.client(), reason.strip());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("state", controls.platformState().name());
    answer.put("change", change(change));
    return Reply.ok(answer);
  }

  private static List<Object> history(List<TradingStateChange> changes) {
    List<Object> listed = new ArrayList<>();
    for (TradingStateChange change : changes) {
      listed.add(change(change));
    }
    return listed;
  }

  /** One change; {@code account} is null for the platform's own state. */
  static Map<String, Object> change(TradingStateChange change) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("account", change.account());
    item.put("state", change.state().name());
    item.put("operator", change.operator());
    item.put("reason", change.reason());
    item.put("at", JsonViews.time(change.at()));
    return item;
  }
}
