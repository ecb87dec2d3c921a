package io.eventline.loadtest.scenario;

import io.eventline.loadtest.redis.RedisInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * The CPU time the server side has used so far: the Eventline server's JVM (its
 * {@code process_cpu_seconds_total} from /metrics) and Redis ({@code INFO cpu}). Sampled around a
 * measured phase, it gives the server side's CPU per request, the figure that stays meaningful when
 * client, server and Redis share a machine.
 */
public final class ServerCpu {
    private static final String SERIES = "process_cpu_seconds_total ";

    private final Optional<URI> serverMetrics;
    private final RedisInfo redis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** {@code serverMetrics}: the server's /metrics, empty when it is not to be read. */
    public ServerCpu(Optional<URI> serverMetrics, RedisInfo redis) {
        this.serverMetrics = requireNonNull(serverMetrics, "serverMetrics is null");
        this.redis = requireNonNull(redis, "redis is null");
    }

    /** CPU seconds used so far; the server's part is empty when its /metrics cannot be read. */
    public record Sample(OptionalDouble serverSeconds, double redisSeconds) {
        /** What was used between {@code earlier} and this sample. */
        public Sample since(Sample earlier) {
            OptionalDouble server = serverSeconds.isPresent() && earlier.serverSeconds.isPresent()
                    ? OptionalDouble.of(serverSeconds.getAsDouble() - earlier.serverSeconds.getAsDouble())
                    : OptionalDouble.empty();
            return new Sample(server, redisSeconds - earlier.redisSeconds);
        }
    }

    public Sample sample() {
        return new Sample(serverSeconds(), redis.cpuSeconds());
    }

    private OptionalDouble serverSeconds() {
        if (serverMetrics.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(serverMetrics.get()).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return scrape.statusCode() != 200 ? OptionalDouble.empty() : scrape.body().lines()
                    .filter(line -> line.startsWith(SERIES))
                    .mapToDouble(line -> Double.parseDouble(line.substring(SERIES.length()).trim()))
                    .findFirst();
        }
        catch (IOException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }
}
