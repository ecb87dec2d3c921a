package io.eventline.server.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Samples, once a second, a server process's heap and subscription buffers (from its /metrics:
 * {@code jvm_memory_used_bytes{area="heap"}} summed over the pools, {@code eventline_subscriptions_buffered_bytes})
 * and its resident set (VmRSS of /proc/<pid>/status). A sample that cannot be taken is skipped.
 */
final class ServerMemorySampler implements AutoCloseable {
    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);

    /** One sample, in bytes. */
    record Sample(long heap, long buffered, long rss) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(SCRAPE_TIMEOUT).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final URI metrics;
    private final Path status;
    private final List<Sample> samples = new ArrayList<>();

    private ServerMemorySampler(long pid, int metricsPort) {
        this.metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
        this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    static ServerMemorySampler start(long pid, int metricsPort) {
        ServerMemorySampler sampler = new ServerMemorySampler(pid, metricsPort);
        sampler.scheduler.scheduleWithFixedDelay(sampler::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() {
        try {
            String scrape = http.send(HttpRequest.newBuilder(metrics).timeout(SCRAPE_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
            Sample sample = new Sample(sum(scrape, "jvm_memory_used_bytes{", "area=\"heap\""), sum(scrape, "eventline_subscriptions_buffered_bytes", ""), rss());
            synchronized (samples) {
                samples.add(sample);
            }
        }
        catch (IOException e) {
            // the server is busy or stopping: the next sample will do
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sum of the values of the series whose line starts with {@code name} and contains {@code label}. */
    private static long sum(String scrape, String name, String label) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name) && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) sum;
    }

    private long rss() throws IOException {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException(status + " has no VmRSS");
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    static long max(List<Sample> samples, ToLongFunction<Sample> field) {
        return samples.stream().mapToLong(field).max().orElse(0);
    }

    static long min(List<Sample> samples, ToLongFunction<Sample> field) {
        return samples.stream().mapToLong(field).min().orElse(0);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
