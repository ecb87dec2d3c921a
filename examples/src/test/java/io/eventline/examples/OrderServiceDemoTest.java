package io.eventline.examples;

import io.eventline.client.EventlineClient;
import io.eventline.client.append.EventData;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.examples.analytics.SalesFigures;
import io.eventline.examples.crash.CrashingWorker;
import io.eventline.examples.notification.Notification;
import io.eventline.examples.order.OrderEvents;
import io.eventline.examples.order.OrderStatus;
import io.eventline.server.EventlineServer;
import io.eventline.server.Main;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole demo, as OrderServiceDemo runs it, against a real server (wired by Main) on the test Redis: what CI runs. */
@ExtendWith(RedisExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class OrderServiceDemoTest {
    @Test
    void theDemoRunsEndToEnd(TestRedis redis) throws InterruptedException {
        EventlineServer server = startServer(redis);
        String target = "127.0.0.1:" + server.port();
        ByteArrayOutputStream narration = new ByteArrayOutputStream();
        DemoReport report;
        try (EventlineClient client = EventlineClient.connect(target);
                PrintStream out = new PrintStream(narration, true, StandardCharsets.UTF_8)) {
            report = new DemoFlow(client, target, out, Duration.ofSeconds(30)).run();
        }
        finally {
            server.stop();
            System.out.println(narration.toString(StandardCharsets.UTF_8));
        }

        Map<String, String> orders = report.orders();
        assertEquals(OrderStatus.DELIVERED, report.summaries().get(orders.get("delivered")).status());
        assertEquals(OrderStatus.REFUNDED, report.summaries().get(orders.get("refunded")).status());
        assertEquals(OrderStatus.CANCELLED, report.summaries().get(orders.get("unpaid")).status());
        assertEquals(OrderStatus.CANCELLED, report.summaries().get(orders.get("contested")).status());
        assertEquals(OrderStatus.PLACED, report.summaries().get(orders.get("legacy")).status());
        assertEquals("EUR", report.summaries().get(orders.get("legacy")).currency(), "the read model sees the upcast event too");

        assertEquals(11, report.notificationsSent().size());
        assertEquals(11, report.notificationsSent().stream().map(Notification::eventId).distinct().count(), "one notification per event");
        assertTrue(report.notificationRedeliveries() >= 1, "the notification that met the mail outage was delivered again");
        assertEquals(1, report.notificationsParked());
        assertEquals(new SalesFigures(6, 3, 12_300 + 2 * 2_999, 1, 3, 2_999), report.figures());

        assertTrue(report.conflict().contains("expected version 2") && report.conflict().contains("at 3"), report.conflict());
        assertTrue(report.refusal().contains("CANCELLED"), report.refusal());
        assertEquals("EUR", report.legacyCurrency());
        assertEquals(3, report.snapshotVersion(), "saves of versions 1..4 with a snapshot every 3 events");

        assertEquals(OrderStatus.PAID, report.statusAtVersion2());
        assertEquals(OrderStatus.PAID, report.statusWhenPaid());
        assertEquals(OrderStatus.DELIVERED, report.statusNow());

        assertEquals(CrashingWorker.CRASHED, report.crash().workerExitStatus(), "the worker died in its handler");
        assertEquals(1, report.crash().eventVersion());
        assertTrue(report.crash().deliveryCountAtSurvivor() >= 2, "the survivor got a redelivery: " + report.crash());
    }

    @Test
    void aProjectionThatMeetsAnEventItCannotDecodeFailsTheDemoNamingTheEventAndWhy(TestRedis redis) {
        EventlineServer server = startServer(redis);
        String target = "127.0.0.1:" + server.port();
        String stream = OrderEvents.ORDERS.streamName("by-hand-" + UUID.randomUUID().toString().substring(0, 6));
        try (EventlineClient client = EventlineClient.connect(target);
                PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            // another tool wrote an OrderPlaced that is not JSON
            client.appendBlocking(stream, ExpectedVersion.noStream(), List.of(EventData.builder("OrderPlaced")
                    .data("total: 42".getBytes(StandardCharsets.UTF_8)).contentType("text/plain").build()));

            DemoFailedException failed = assertThrows(DemoFailedException.class, () -> new DemoFlow(client, target, out, Duration.ofSeconds(30)).run());

            assertTrue(failed.getMessage().startsWith("the order summaries cannot come: the order-summary projection stopped: cannot decode event "
                    + stream + "@1 of type OrderPlaced (text/plain): Unrecognized token 'total'"), failed.getMessage());
        }
        finally {
            server.stop();
        }
    }

    private static EventlineServer startServer(TestRedis redis) {
        EventlineServer server = Main.create(List.of("--grpc.port=0", "--grpc.host=127.0.0.1", "--metrics.port=0", "--metrics.host=127.0.0.1",
                "--redis.uri=" + redis.uri(), "--store.namespace=" + redis.newNamespace()), Map.of());
        server.start();
        return server;
    }
}
