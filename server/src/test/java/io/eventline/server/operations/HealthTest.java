package io.eventline.server.operations;

import io.eventline.server.redis.EmbeddedRedis;
import io.eventline.server.redis.RedisBinaryLocator;
import io.eventline.server.testing.Ports;
import io.eventline.server.testing.RunningServer;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Health follows Redis: NOT_SERVING while it is down, SERVING again once it is back. */
@Timeout(120)
class HealthTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthFlipsWhenRedisStopsAndStarts(@TempDir Path data) throws Exception {
        Path binary = new RedisBinaryLocator(false, "").locate();
        int port = Ports.free();
        EmbeddedRedis redis = EmbeddedRedis.start(binary, data, port, "everysec", 0);
        try (RunningServer server = RunningServer.start(redis.uri(), "health", "--health.redis-check-interval=200ms", "--redis.command-timeout=2s")) {
            var health = HealthGrpc.newBlockingStub(server.channel());
            Supplier<ServingStatus> status = () -> health.withDeadlineAfter(10, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus();
            assertEquals(ServingStatus.SERVING, status.get());
            assertEquals(200, healthz(server));

            redis.close();
            awaitStatus(status, ServingStatus.NOT_SERVING);
            assertEquals(503, healthz(server));

            redis = EmbeddedRedis.start(binary, data, port, "everysec", 0);
            awaitStatus(status, ServingStatus.SERVING);
            assertEquals(200, healthz(server));
        }
        finally {
            redis.close();
        }
    }

    private int healthz(RunningServer server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/healthz")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void awaitStatus(Supplier<ServingStatus> status, ServingStatus expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        ServingStatus last = null;
        while (System.nanoTime() < deadline) {
            last = status.get();
            if (last == expected) {
                return;
            }
            Thread.sleep(100);
        }
        fail("health stayed " + last + ", expected " + expected);
    }
}
