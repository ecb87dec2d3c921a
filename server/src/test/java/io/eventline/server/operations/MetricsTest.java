package io.eventline.server.operations;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.NackAction;
import io.eventline.proto.v1.NackRequest;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.RunningServer;
import io.eventline.server.testing.TestRedis;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            assertEquals(5.0, value(metrics, "eventline_append_call_appends_count"), "one script call per append made one after another");
            assertEquals(5.0, value(metrics, "eventline_append_call_appends_sum"));
            assertEquals(3.0, value(metrics, "eventline_append_seconds_count{outcome=\"ok\"}"));
            assertTrue(metrics.contains("eventline_append_seconds_bucket{outcome=\"ok\",le="), "append latency histogram");
            assertEquals(1.0, value(metrics, "eventline_reads_total{target=\"stream\"}"));
            assertEquals(2.0, value(metrics, "eventline_events_read_total"));
            assertTrue(value(metrics, "eventline_deliveries_total{kind=\"group\"}") >= 1.0);
            assertEquals(1.0, value(metrics, "eventline_acks_total"));
            assertEquals(1.0, value(metrics, "eventline_subscriptions_active"));
            assertTrue(value(metrics, "grpc_server_processing_duration_seconds_count{method=\"AppendEvents\",method_type=\"UNARY\",service=\"eventline.v1.EventStoreService\",status_code=\"OK\"}") >= 4.0);
            assertTrue(metrics.contains("lettuce_command_completion_seconds"), "Redis command latency from Lettuce");
            assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics");
            assertTrue(metrics.contains("process_cpu_usage"), "process metrics");
            assertTrue(metrics.contains("\nprocess_cpu_seconds_total "), "process CPU time in seconds");
            assertTrue(metrics.contains("\nsystem_cpus "), "the processor count, not named like a histogram's _count");
            assertFalse(metrics.contains("process_cpu_time_ns"), "no abbreviated unit in a name");

            assertTrue(metrics.contains("grpc_server_processing_duration_seconds_bucket{method=\"AppendEvents\",method_type=\"UNARY\","),
                    "gRPC latency histogram");

            HttpResponse<String> health = scrape(server.metricsPort(), "/healthz");
            assertEquals(200, health.statusCode());
            assertEquals("SERVING\n", health.body());
        }
    }

    @Test
    void everyLabelIsSnakeCaseAndEveryDashboardQueryFindsItsSeries(TestRedis redis) throws Exception {
        try (RunningServer server = RunningServer.start(redis, "--metrics.group-interval=200ms")) {
            var events = EventStoreServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
            events.appendEvents(append("order-1", noStream(), event("OrderPlaced"), event("OrderPaid")));
            assertThrows(io.grpc.StatusRuntimeException.class, () -> events.appendEvents(append("order-1", noStream(), event("OrderPlaced"))));
            var retry = append("order-2", noStream(), event("OrderPlaced"));
            events.appendEvents(retry);
            events.appendEvents(retry);
            drain(events.readStream(read("order-1").build()));
            Iterator<SubscribeResponse> subscription = EventStoreServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .subscribe(SubscribeRequest.newBuilder().setStream("order-1").setGroup("billing").build());
            String placed = nextDelivery(subscription).getAckId();
            String paid = nextDelivery(subscription).getAckId();
            events.nack(NackRequest.newBuilder().setGroup("billing").addAckIds(placed).setAction(NackAction.NACK_ACTION_RETRY).build());
            events.ack(AckRequest.newBuilder().setGroup("billing").addAckIds(nextDelivery(subscription).getAckId()).build());
            events.nack(NackRequest.newBuilder().setGroup("billing").addAckIds(paid).setAction(NackAction.NACK_ACTION_PARK).build());

            Set<String> wanted = dashboardSeries();
            assertTrue(wanted.size() >= 15, wanted.toString());
            String metrics = awaitSeries(server.metricsPort(), wanted);
            List<String> badLabels = new ArrayList<>();
            Matcher label = Pattern.compile("[{,]([^=,{}]+)=\"").matcher(metrics);
            while (label.find()) {
                if (!label.group(1).matches("[a-z_][a-z0-9_]*")) {
                    badLabels.add(label.group(1));
                }
            }
            assertEquals(List.of(), badLabels.stream().distinct().toList());
        }
    }

    @Test
    void openMetricsWhenAskedAndNothingButTheTwoPaths(TestRedis redis) throws Exception {
        try (RunningServer server = RunningServer.start(redis)) {
            HttpResponse<String> open = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, open.statusCode());
            assertTrue(open.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"), open.headers().toString());
            assertTrue(open.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
            assertTrue(scrape(server.metricsPort(), "/metrics").headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            for (String path : List.of("/", "/metricsXYZ", "/metrics/x", "/healthz/x", "/other")) {
                assertEquals(404, scrape(server.metricsPort(), path).statusCode(), path);
            }
        }
    }

    @Test
    void metricsCanRequireATokenWhileHealthStaysOpen(TestRedis redis, @TempDir Path directory) throws Exception {
        Path tokens = directory.resolve("tokens");
        Files.writeString(tokens, "scraper scrape-token read\n");
        try (RunningServer server = RunningServer.start(redis, "--security.token-file=" + tokens, "--metrics.require-token=true")) {
            assertEquals(401, scrape(server.metricsPort(), "/metrics").statusCode());
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                    .header("Authorization", "Bearer guessed").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                    .header("Authorization", "Bearer scrape-token").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, allowed.statusCode());
            assertTrue(allowed.body().contains("jvm_memory_used_bytes"));
            assertEquals(200, scrape(server.metricsPort(), "/healthz").statusCode());
        }
    }

    private static io.eventline.proto.v1.Delivery nextDelivery(Iterator<SubscribeResponse> subscription) {
        SubscribeResponse next = subscription.next();
        while (!next.hasDelivery()) {
            next = subscription.next();
        }
        return next.getDelivery();
    }

    /** The series names the dashboard's queries use. */
    private static Set<String> dashboardSeries() throws IOException {
        String dashboard = Files.readString(Path.of("..", "docs", "grafana-dashboard.json"));
        Set<String> names = new TreeSet<>();
        Matcher expression = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(dashboard);
        while (expression.find()) {
            Matcher name = Pattern.compile("\\b(?:eventline|grpc|lettuce|jvm|process)_[a-z0-9_]+").matcher(expression.group(1));
            while (name.find()) {
                names.add(name.group());
            }
        }
        return names;
    }

    /** Scrapes until every wanted series is there (group gauges appear after a refresh), at most 20 s. */
    private String awaitSeries(int port, Set<String> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            String metrics = scrape(port, "/metrics").body();
            Set<String> missing = new TreeSet<>(wanted);
            metrics.lines().filter(line -> !line.startsWith("#")).forEach(line -> missing.remove(line.split("[{ ]")[0]));
            if (missing.isEmpty()) {
                return metrics;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the dashboard queries series the server does not export: " + missing);
            }
            Thread.sleep(200);
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
