package dev.speedtrade.examples.serve;

import dev.speedtrade.error.ErrorCode;
import dev.speedtrade.error.SpeedTradeException;
import dev.speedtrade.funding.FundingService;
import dev.speedtrade.funding.UnmatchedEvent;
import dev.speedtrade.kyc.KycReceivedWebhook;
import dev.speedtrade.kyc.KycService;
import dev.speedtrade.oms.Discrepancy;
import dev.speedtrade.oms.OrderService;
import dev.speedtrade.oms.Reconciliation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admins' reconciliation routes: seed 003's {@code GET /admin/reconcile/internal} (the order
 * service's check of every account's books against its fills and of the ledger against the books),
 * {@code GET /admin/reconcile/venue} (the books against the venue's orders and omnibus positions)
 * and {@code GET /v1/admin/webhooks/unmatched} (the verified provider events about a deposit,
 * withdrawal or applicant the platform does not know, acknowledged and kept). Each reports and
 * repairs nothing.
 */
final class AdminRoutes {
  private final Supplier<OrderService> orders;
  private final Supplier<FundingService> funding;
  private final Supplier<KycService> kyc;

  AdminRoutes(
      Supplier<OrderService> orders, Supplier<FundingService> funding, Supplier<KycService> kyc) {
    this.orders = orders;
    this.funding = funding;
    this.kyc = kyc;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/admin/reconcile/internal", Route.Access.ADMIN, this::reconcile),
        Route.of("GET", "/admin/reconcile/venue", Route.Access.ADMIN, this::reconcileWithVenue),
        Route.of("GET", "/v1/admin/webhooks/unmatched", Route.Access.ADMIN, this::unmatched));
  }

  private Reply unmatched(Call call) {
    List<Object> payments = new ArrayList<>();
    for (UnmatchedEvent event : ifWired(() -> funding.get().unmatchedEvents())) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("eventId", event.eventId());
      item.put("subject", event.subject().name());
      item.put("subjectId", event.subjectId());
      item.put("type", event.type());
      item.put("amount", JsonViews.decimal(event.amount()));
      item.put("receivedAt", JsonViews.time(event.receivedAt()));
      payments.add(item);
    }
    List<Object> identity = new ArrayList<>();
    for (KycReceivedWebhook webhook : ifWired(() -> kyc.get().unmatchedWebhooks())) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("eventKey", webhook.eventKey());
      item.put("type", webhook.event().providerType());
      item.put("applicantId", webhook.event().applicantId());
      item.put("userId", webhook.event().userId());
      item.put("receivedAt", JsonViews.time(webhook.receivedAt()));
      identity.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("payments", payments);
    body.put("kyc", identity);
    return Reply.ok(body);
  }

  /** The list, or none on a platform built without that service (no payments, no KYC provider). */
  private static <T> List<T> ifWired(Supplier<List<T>> read) {
    try {
      return read.get();
    } catch (SpeedTradeException e) {
      if (e.code() == ErrorCode.MISSING_ADAPTER) {
        return List.of();
      }
      throw e;
    }
  }

  private Reply reconcile(Call call) {
    return Reply.ok(reconciliation(orders.get().reconcileInternal()));
  }

  /** The books against the venue: its orders and the omnibus account's positions. */
  private Reply reconcileWithVenue(Call call) {
    return Reply.ok(reconciliation(orders.get().reconcileWithVenue()));
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
