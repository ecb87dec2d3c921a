package io.eventline.server.operations;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestRedis;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.eventline.server.testing.Fixtures.append;
import static io.eventline.server.testing.Fixtures.drain;
import static io.eventline.server.testing.Fixtures.event;
import static io.eventline.server.testing.Fixtures.exact;
import static io.eventline.server.testing.Fixtures.noStream;
import static io.eventline.server.testing.Fixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RedisExtension.class)
@Timeout(120)
class MetricsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scrapeShowsTheNamedSeriesAfterTraffic(TestRedis redis) throws Exception {
        try (RunningServer server = RunningServer.start(redis)) {
            ManagedChannel channel = server.channel();
            var events = EventStoreServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
            events.appendEvents(append("order-1", noStream(), event("OrderPlaced"), event("OrderPaid")));
            events.appendEvents(append("order-2", noStream(), event("OrderPlaced")));
            var retry = append("order-3", noStream(), event("OrderPlaced"));
            events.appendEvents(retry);
            events.appendEvents(retry);
            assertThrows(io.grpc.StatusRuntimeException.class, () -> events.appendEvents(append("order-1", exact(0), event("Stale"))));
            assertEquals(2, drain(events.readStream(read("order-1").build())).size());

            Iterator<SubscribeResponse> subscription = EventStoreServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .subscribe(SubscribeRequest.newBuilder().setStream("order-1").setGroup("billing").build());
            subscription.next();
            SubscribeResponse first = subscription.next();
            events.ack(AckRequest.newBuilder().setGroup("billing").addAckIds(first.getDelivery().getAckId()).build());

            String metrics = scrape(server.metricsPort(), "/metrics").body();
            assertEquals(4.0, value(metrics, "eventline_events_appended_total"));
            assertEquals(1.0, value(metrics, "eventline_append_conflicts_total"));
            assertEquals(1.0, value(metrics, "eventline_append_dedup_hits_total"));
            assertEquals(3.0, value(metrics, "eventline_append_seconds_count{outcome=\"ok\"}"));
            assertTrue(metrics.contains("eventline_append_seconds_bucket{outcome=\"ok\",le="), "append latency histogram");
            assertEquals(1.0, value(metrics, "eventline_reads_total{target=\"stream\"}"));
            assertEquals(2.0, value(metrics, "eventline_events_read_total"));
            assertTrue(value(metrics, "eventline_deliveries_total{kind=\"group\"}") >= 1.0);
            assertEquals(1.0, value(metrics, "eventline_acks_total"));
            assertEquals(1.0, value(metrics, "eventline_subscriptions_active"));
            assertTrue(value(metrics, "grpc_server_processing_duration_seconds_count{method=\"AppendEvents\",methodType=\"UNARY\",service=\"eventline.v1.EventStoreService\",statusCode=\"OK\"}") >= 4.0);
            assertTrue(metrics.contains("lettuce_command_completion_seconds"), "Redis command latency from Lettuce");
            assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics");
            assertTrue(metrics.contains("process_cpu_usage"), "process metrics");

            HttpResponse<String> health = scrape(server.metricsPort(), "/healthz");
            assertEquals(200, health.statusCode());
            assertEquals("SERVING\n", health.body());
        }
    }

    /** The value of one series; fails if the series is absent. */
    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertTrue(matcher.find(), () -> "no series " + series + " in:\n" + grep(metrics, series.split("[{ ]")[0]));
        return Double.parseDouble(matcher.group(1));
    }

    private static String grep(String metrics, String prefix) {
        return String.join("\n", metrics.lines().filter(line -> line.startsWith(prefix)).toList());
    }

    private HttpResponse<String> scrape(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

}
