package io.eventline.examples;

import io.eventline.examples.analytics.SalesFigures;
import io.eventline.examples.crash.CrashOutcome;
import io.eventline.examples.notification.Notification;
import io.eventline.examples.order.OrderStatus;
import io.eventline.examples.summary.OrderSummary;

import java.util.List;
import java.util.Map;

/**
 * What one run of the demo saw, for a reader (printed) and for the test that runs it in CI.
 *
 * @param orders the order ids of this run by role: delivered, refunded, unpaid, noAddress, contested, legacy
 * @param summaries the order-summary read model's rows for them
 * @param conflict how the second of two concurrent saves was refused
 * @param refusal why the service then refused the losing command on the fresh state
 * @param legacyCurrency the currency of the order placed with a version-1 event (filled in by the upcaster)
 * @param snapshotVersion the version of the delivered order's latest snapshot
 */
public record DemoReport(
        Map<String, String> orders,
        Map<String, OrderSummary> summaries,
        List<Notification> notificationsSent,
        int notificationRedeliveries,
        int notificationsParked,
        SalesFigures expectedFigures,
        SalesFigures figures,
        String conflict,
        String refusal,
        String legacyCurrency,
        long snapshotVersion,
        OrderStatus statusAtVersion2,
        OrderStatus statusWhenPaid,
        OrderStatus statusNow,
        CrashOutcome crash) {
}
