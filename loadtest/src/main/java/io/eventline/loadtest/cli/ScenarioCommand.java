package io.eventline.loadtest.cli;

import io.eventline.loadtest.run.TerminalProgress;
import io.eventline.loadtest.scenario.BenchNames;
import io.eventline.loadtest.scenario.ScenarioName;
import io.eventline.loadtest.scenario.ScenarioRun;
import io.eventline.loadtest.scenario.ScenarioSettings;
import io.eventline.loadtest.scenario.SubscriptionLoad;
import io.eventline.loadtest.endpoint.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

/** {@code scenario <name> [HOST:PORT]}: an event-store benchmark beside its raw Redis baselines. */
@Command(
        name = "scenario",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Runs an event-store benchmark beside its raw Redis baselines.",
                "Baselines run in the same run with the same concurrency; each figure is printed with its baseline and the ratio.",
                "Every phase is bounded by -n and -z.",
                "Scenarios: append, append-batch, contended, read, read-all, memory, groups, latency, idle-subscriptions, catch-up."})
public final class ScenarioCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "append, append-batch, contended, read, read-all, memory, groups, latency, idle-subscriptions or catch-up.")
    String scenario;

    @Parameters(index = "1", arity = "0..1", defaultValue = Target.DEFAULT, paramLabel = "HOST:PORT",
            description = "The server under test (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--redis-uri", defaultValue = "redis://127.0.0.1:6379",
            description = "The Redis for the baselines; read, read-all, memory and catch-up need the one the server uses (default: ${DEFAULT-VALUE}).")
    String redisUri;

    @Option(names = {"-c", "--concurrency"}, description = "Requests in flight (default: 50 for append, append-batch and memory; 16 for contended; 1 for read and read-all).")
    Integer concurrency;

    @Option(names = {"-n", "--total"}, defaultValue = "1000000", description = "At most this many requests per measured phase (default: ${DEFAULT-VALUE}).")
    long total;

    @Option(names = {"-z", "--duration"}, defaultValue = "5s", converter = DurationConverter.class,
            description = "At most this long per measured phase (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "2s", converter = DurationConverter.class,
            description = "Unmeasured load before each later phase (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--initial-warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "Unmeasured load before the first phase, while the JIT compilers of this tool and the server warm up (default: ${DEFAULT-VALUE}).")
    Duration initialWarmup;

    @Option(names = "--keyspace", defaultValue = "10000", description = "append, append-batch: streams picked at random (default: ${DEFAULT-VALUE}).")
    int keyspace;

    @Option(names = "--payload-bytes", defaultValue = "200", description = "Bytes of data per event (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = {"-e", "--events-per-append"}, defaultValue = "100", description = "append-batch: events per append (default: ${DEFAULT-VALUE}).")
    int eventsPerAppend;

    @Option(names = "--stream-length", defaultValue = "1000", description = "read: events in the stream read whole (default: ${DEFAULT-VALUE}).")
    int streamLength;

    @Option(names = "--max-count", defaultValue = "1000", description = "read-all: events per $all read (default: ${DEFAULT-VALUE}).")
    int maxCount;

    @Option(names = "--streams", description = "contended: streams the writers share (default 4); memory: streams written (default 2000).")
    Integer streams;

    @Option(names = "--events-per-stream", defaultValue = "10", description = "memory: events per stream (default: ${DEFAULT-VALUE}).")
    int eventsPerStream;

    @Option(names = "--max-attempts", defaultValue = "100", description = "contended: attempts per append before giving up (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--groups", defaultValue = "1", description = "groups: consumer groups, each gets every event (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--consumers", defaultValue = "4", description = "groups: consumers per group, sharing its events (default: ${DEFAULT-VALUE}); latency uses one; "
            + "catch-up: catch-up subscriptions at once in its second phase, each reading the whole backlog (1: no such phase).")
    int consumers;

    @Option(names = "--backlog", defaultValue = "100000", description = "groups, catch-up: events appended before the consumers start (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--max-in-flight", defaultValue = "500", description = "groups, latency: unacked deliveries per consumer (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--batch-size", description = "groups, latency, catch-up: max_batch_size of each consumer's Subscribe, deliveries the server may send in one message "
            + "(1: one per message, as clients that do not ask get; default: --max-in-flight, at most 100, what the Java SDK asks for, so the scenario measures what an SDK user gets).")
    Integer batchSize;

    @Option(names = "--ack-batch", defaultValue = "100", description = "groups, latency: deliveries acked per Ack call; a partial batch is acked within 10 ms (default: ${DEFAULT-VALUE}).")
    int ackBatch;

    @Option(names = {"-r", "--rps"}, defaultValue = "1000", description = "latency: appends per second, paced (default: ${DEFAULT-VALUE}).")
    double rps;

    @Option(names = "--subscriptions", defaultValue = "1000", description = "idle-subscriptions: subscriptions opened, one in ten a group consumer (default: ${DEFAULT-VALUE}).")
    int subscriptions;

    @Option(names = "--server-pid", description = "idle-subscriptions: the server's process id, to read its RSS and heap (after a GC, via jcmd).")
    Long serverPid;

    @Option(names = "--client-ids", description = "Send a UUID per event instead of letting the server assign ids (either way the append is checked for a retry by its ids).")
    boolean clientIds;

    @Option(names = "--event-type", defaultValue = "BenchEvent", description = "Event type (default: ${DEFAULT-VALUE}).")
    String eventType;

    @Option(names = "--content-type", defaultValue = "", description = "Event content type (default: none).")
    String contentType;

    @Option(names = "--namespace", defaultValue = "el", description = "The server's store.namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--partitions", defaultValue = "1", description = "The server's store.partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--metrics-url", description = "The server's /metrics, read before and after each phase for the server JVM's CPU time "
            + "(default: http://<target host>:9464/metrics; none: only Redis's CPU is reported).")
    String metricsUrl;

    @Option(names = "--dedup-window", defaultValue = "16", description = "The server's store.dedup-window, passed to the script baseline (default: ${DEFAULT-VALUE}).")
    int dedupWindow;

    @Mixin
    ConnectionOptions connection;

    private Optional<URI> serverMetrics(Target server) {
        if (metricsUrl == null) {
            return Optional.of(URI.create("http://" + server.host() + ":9464/metrics"));
        }
        return metricsUrl.equals("none") ? Optional.empty() : Optional.of(URI.create(metricsUrl));
    }

    /** Checks the options and fills in the scenario's defaults. */
    public ScenarioSettings settings() {
        ScenarioName name = ScenarioName.parse(scenario);
        return new ScenarioSettings(
                name,
                Target.parse(target),
                connection.security(),
                connection.connections(),
                connection.timeout(),
                redisUri,
                namespace,
                partitions,
                dedupWindow,
                concurrency != null ? concurrency : name.defaultConcurrency(),
                total,
                duration,
                warmup,
                initialWarmup,
                keyspace,
                payloadBytes,
                eventsPerAppend,
                streamLength,
                maxCount,
                streams != null ? streams : name.defaultStreams(),
                eventsPerStream,
                maxAttempts,
                clientIds,
                eventType,
                contentType,
                new SubscriptionLoad(groups, consumers, backlog, maxInFlight,
                        batchSize != null ? batchSize : Math.min(maxInFlight, SubscriptionLoad.SDK_DEFAULT_BATCH_SIZE), ackBatch, rps, subscriptions,
                        serverPid == null ? OptionalLong.empty() : OptionalLong.of(serverPid)),
                serverMetrics(Target.parse(target)));
    }

    @Override
    public Integer call() throws Exception {
        new ScenarioRun(settings(), BenchNames.fromClock(), TerminalProgress.forStandardError(), StandardStreams.out(), System.err).run();
        return 0;
    }
}
