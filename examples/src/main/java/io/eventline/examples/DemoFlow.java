package io.eventline.examples;

import io.eventline.client.EventlineClient;
import io.eventline.client.admin.GroupSettings;
import io.eventline.client.aggregate.EventSourcedRepository;
import io.eventline.client.aggregate.JsonSnapshotCodec;
import io.eventline.client.aggregate.SnapshottingRepository;
import io.eventline.client.append.AppendResult;
import io.eventline.client.append.EventData;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.append.WrongExpectedVersionException;
import io.eventline.client.projection.InMemoryCheckpointStore;
import io.eventline.client.projection.ProjectionRunner;
import io.eventline.client.serialization.JsonEventCodec;
import io.eventline.client.subscribe.SubscriptionStart;
import io.eventline.client.subscribe.SubscriptionTarget;
import io.eventline.examples.analytics.AnalyticsConsumer;
import io.eventline.examples.analytics.SalesFigures;
import io.eventline.examples.crash.CrashDemo;
import io.eventline.examples.crash.CrashOutcome;
import io.eventline.examples.notification.MailOutbox;
import io.eventline.examples.notification.NotificationConsumer;
import io.eventline.examples.order.Order;
import io.eventline.examples.order.OrderEvents;
import io.eventline.examples.order.OrderLine;
import io.eventline.examples.order.OrderService;
import io.eventline.examples.order.OrderSnapshot;
import io.eventline.examples.order.OrderStatus;
import io.eventline.examples.summary.OrderSummary;
import io.eventline.examples.summary.OrderSummaryProjection;
import io.eventline.examples.summary.OrderSummaryReadModel;
import io.eventline.examples.timetravel.OrderTimeTravel;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The order-service demo, start to end, against a running server: services subscribe, orders go
 * through their lives, two clerks collide, an old event is upcast, consumers and the read model
 * catch up, the past is queried, and a worker crashes. Every step checks what it expects.
 */
public final class DemoFlow {
    private static final List<OrderLine> BOOKS = List.of(new OrderLine("book-ddd", 1, 4_500), new OrderLine("book-eip", 2, 3_900));
    private static final long BOOKS_TOTAL = 4_500 + 2 * 3_900;
    private static final List<OrderLine> LAMP = List.of(new OrderLine("lamp", 1, 2_999));
    private static final int SNAPSHOT_EVERY = 3;
    private static final GroupSettings CONSUMER_GROUPS = new GroupSettings(Duration.ofSeconds(5), 5);

    private final EventlineClient client;
    private final String target;
    private final PrintStream out;
    private final Duration wait;

    public DemoFlow(EventlineClient client, String target, PrintStream out, Duration wait) {
        this.client = requireNonNull(client, "client is null");
        this.target = requireNonNull(target, "target is null");
        this.out = requireNonNull(out, "out is null");
        this.wait = requireNonNull(wait, "wait is null");
    }

    public DemoReport run() throws InterruptedException {
        // a fresh suffix for this run's orders and groups, so the demo can run again on the same server
        String run = UUID.randomUUID().toString().substring(0, 6);
        JsonEventCodec codec = OrderEvents.codec();
        SnapshottingRepository<Order> orders = new SnapshottingRepository<>(client, codec, OrderEvents.ORDERS,
                new JsonSnapshotCodec<>(JsonEventCodec.defaultMapper(), OrderSnapshot.class, Order::snapshot, Order::restore), SNAPSHOT_EVERY);
        EventSourcedRepository<Order> history = new EventSourcedRepository<>(client, codec, OrderEvents.ORDERS);
        OrderService service = new OrderService(orders);
        Map<String, String> ids = new LinkedHashMap<>();
        for (String role : List.of("delivered", "refunded", "unpaid", "noAddress", "contested", "legacy")) {
            ids.put(role, run + "-" + role);
        }

        step("1. The services start: consumer groups for notifications and analytics, and the order-summary projection");
        String notificationGroup = "notifications-" + run;
        String analyticsGroup = "analytics-" + run;
        client.groups().createIfAbsent(notificationGroup, NotificationConsumer.TARGET, CONSUMER_GROUPS, SubscriptionStart.end());
        client.groups().createIfAbsent(analyticsGroup, AnalyticsConsumer.TARGET, CONSUMER_GROUPS, SubscriptionStart.end());
        MailOutbox outbox = new MailOutbox(1);
        OrderSummaryReadModel summaries = new OrderSummaryReadModel();
        try (NotificationConsumer notifications = new NotificationConsumer(client, codec, history, outbox, notificationGroup);
                AnalyticsConsumer analytics = new AnalyticsConsumer(client, codec, analyticsGroup);
                ProjectionRunner projection = new ProjectionRunner(client, "order-summary-" + run, SubscriptionTarget.categories(OrderEvents.CATEGORY),
                        new OrderSummaryProjection(codec, summaries), new InMemoryCheckpointStore(), 50)) {
            notifications.start();
            analytics.start();
            projection.start();
            say("the order-summary projection stops on an event it cannot decode, naming its stream, version, type and the decode error");

            step("2. Orders go through their lives (the mail server is down for the first notification)");
            String delivered = ids.get("delivered");
            service.place(delivered, "ada@example.com", BOOKS, "EUR");
            AppendResult payment = service.pay(delivered, BOOKS_TOTAL, "pay-" + run + "-1");
            service.ship(delivered, "TRACK-" + run);
            service.deliver(delivered);
            say(delivered + ": placed, paid, shipped, delivered");
            String refunded = ids.get("refunded");
            service.place(refunded, "grace@example.com", LAMP, "EUR");
            service.pay(refunded, 2_999, "pay-" + run + "-2");
            service.cancel(refunded, "the customer changed their mind");
            service.refund(refunded);
            say(refunded + ": placed, paid, cancelled, refunded");
            service.place(ids.get("unpaid"), "alan@example.com", LAMP, "EUR");
            service.cancel(ids.get("unpaid"), "no payment within a week");
            say(ids.get("unpaid") + ": placed, cancelled unpaid");
            service.place(ids.get("noAddress"), "call me maybe", LAMP, "EUR");
            say(ids.get("noAddress") + ": placed without a usable e-mail address");

            step("3. Two clerks change one order at once: optimistic concurrency");
            String contested = ids.get("contested");
            service.place(contested, "edsger@example.com", LAMP, "EUR");
            service.pay(contested, 2_999, "pay-" + run + "-5");
            Order clerkA = orders.load(contested).orElseThrow();
            Order clerkB = orders.load(contested).orElseThrow();
            clerkA.cancel("out of stock");
            orders.save(clerkA);
            clerkB.ship("TRACK-" + run + "-5");
            String conflict = saveExpectingConflict(orders, clerkB);
            say("clerk B's save was refused: " + conflict);
            String refusal = shipExpectingRefusal(service, contested);
            say("the service reloaded the order and refused to ship it: " + refusal);

            step("4. An OrderPlaced written by an old release (schema version 1, no currency) is upcast on read");
            String legacy = ids.get("legacy");
            client.appendBlocking(OrderEvents.ORDERS.streamName(legacy), ExpectedVersion.noStream(), List.of(EventData.builder("OrderPlaced")
                    .data(("{\"orderId\":\"" + legacy + "\",\"customerEmail\":\"barbara@example.com\",\"lines\":[{\"sku\":\"lamp\",\"quantity\":1,"
                            + "\"unitPriceCents\":2999}],\"totalCents\":2999}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .contentType(JsonEventCodec.CONTENT_TYPE)
                    .metadata(JsonEventCodec.SCHEMA_VERSION, "1")
                    .build()));
            String legacyCurrency = orders.load(legacy).orElseThrow().currency();
            say(legacy + " loads with currency " + legacyCurrency);

            step("5. The consumers and the read model catch up");
            SalesFigures expected = new SalesFigures(6, 3, BOOKS_TOTAL + 2 * 2_999, 1, 3, 2_999);
            // placed x6, shipped, delivered, cancelled x3, refunded; the order without an address is parked instead
            int expectedNotifications = 11;
            Eventually.await("every notification sent or parked", wait,
                    () -> outbox.sent().size() == expectedNotifications && notifications.parked() == 1,
                    () -> outbox.sent().size() + " sent, " + notifications.parked() + " parked");
            say(outbox.sent().size() + " notifications sent (" + notifications.redeliveries() + " after a retry), " + notifications.parked() + " parked");
            Eventually.await("the analytics figures", wait, () -> analytics.figures().equals(expected), () -> analytics.figures().toString());
            say("analytics: " + analytics.figures());
            Map<String, OrderStatus> finalStatuses = Map.of(delivered, OrderStatus.DELIVERED, refunded, OrderStatus.REFUNDED,
                    ids.get("unpaid"), OrderStatus.CANCELLED, ids.get("noAddress"), OrderStatus.PLACED, contested, OrderStatus.CANCELLED,
                    legacy, OrderStatus.PLACED);
            Eventually.await("the order summaries", wait,
                    () -> finalStatuses.entrySet().stream().allMatch(entry ->
                            summaries.get(entry.getKey()).map(summary -> summary.status() == entry.getValue()).orElse(false)),
                    () -> ids.values().stream().map(summaries::get).toList().toString(), "the order-summary projection",
                    projection.termination());
            Map<String, OrderSummary> rows = new LinkedHashMap<>();
            ids.values().forEach(id -> rows.put(id, summaries.get(id).orElseThrow()));
            rows.values().forEach(summary -> say("summary: " + summary));

            step("6. Time travel: " + delivered + " as it was");
            OrderTimeTravel timeTravel = new OrderTimeTravel(history);
            OrderStatus atVersion2 = timeTravel.atVersion(delivered, 2).orElseThrow().status();
            OrderStatus whenPaid = timeTravel.asOf(delivered, payment.recordedAt()).orElseThrow().status();
            OrderStatus now = history.load(delivered).orElseThrow().status();
            long snapshotVersion = client.streams().loadSnapshot(OrderEvents.ORDERS.streamName(delivered)).orElseThrow().version();
            say("after version 2: " + atVersion2 + "; at " + payment.recordedAt() + ": " + whenPaid + "; now: " + now
                    + " (its latest snapshot is at version " + snapshotVersion + ")");

            step("7. A worker crashes before acking; its event goes to another worker");
            CrashOutcome crash = new CrashDemo(client, target, out, wait).run("payment-" + run, "payments-" + run);

            return new DemoReport(ids, rows, outbox.sent(), notifications.redeliveries(), notifications.parked(), expected, analytics.figures(),
                    conflict, refusal, legacyCurrency, snapshotVersion, atVersion2, whenPaid, now, crash);
        }
    }

    private static String saveExpectingConflict(SnapshottingRepository<Order> orders, Order stale) {
        try {
            orders.save(stale);
        }
        catch (WrongExpectedVersionException conflict) {
            return "expected version " + conflict.expected() + ", the order was at " + conflict.actual();
        }
        throw new DemoFailedException("a save from a stale copy was accepted");
    }

    private static String shipExpectingRefusal(OrderService service, String orderId) {
        try {
            service.ship(orderId, "TRACK-again");
        }
        catch (IllegalStateException refused) {
            return refused.getMessage();
        }
        throw new DemoFailedException("a cancelled order was shipped");
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }

    private void say(String line) {
        out.println("   " + line);
    }
}
