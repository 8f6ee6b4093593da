package dev.speedtrade.examples.serve;

import dev.speedtrade.oms.Discrepancy;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.Reconciliation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Seed 003's {@code GET /admin/reconcile/internal}, for admins: the order service's check of every
 * account's books against its fills and of the ledger against the books. It reports and repairs
 * nothing.
 */
final class AdminRoutes {
  private final Supplier<OrderService> orders;

  AdminRoutes(Supplier<OrderService> orders) {
    this.orders = orders;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/admin/reconcile/internal", Route.Access.ADMIN, this::reconcile));
  }

  private Reply reconcile(Call call) {
    return Reply.ok(reconciliation(orders.get().reconcileInternal()));
  }

  /**
   * {@code ok} is true when nothing but pending work was found (the books agree once it is done);
   * {@code clean} when not even that.
   */
  static Map<String, Object> reconciliation(Reconciliation report) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", report.isConsistent());
    body.put("clean", report.isClean());
    body.put("at", JsonViews.time(report.at()));
    body.put("accounts", report.accounts());
    List<Object> found = new ArrayList<>();
    for (Discrepancy d : report.discrepancies()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("kind", d.kind().name());
      item.put("pendingWork", d.kind().isPendingWork());
      item.put("account", d.account());
      item.put("clientOrderId", d.clientOrderId());
      item.put("symbol", d.symbol());
      item.put("reference", d.reference());
      item.put("expected", JsonViews.decimal(d.expected()));
      item.put("actual", JsonViews.decimal(d.actual()));
      item.put("remedy", d.remedy().name());
      item.put("message", d.message());
      item.put("suggestion", d.suggestion());
      found.add(item);
    }
    body.put("discrepancies", found);
    return body;
  }
}
