package io.eventline.loadtest.scenario;

import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.loadtest.redis.KeyCleaner;
import io.eventline.loadtest.redis.RedisInfo;
import io.eventline.loadtest.redis.RedisSession;
import io.eventline.loadtest.report.Durations;
import io.eventline.loadtest.run.ProgressListener;

import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Runs one scenario: connects to the server and to Redis, prints what it runs against, runs it,
 * and deletes the baseline keys it wrote (the server's streams stay: the API has no hard purge).
 */
public final class ScenarioRun {
    private final ScenarioSettings settings;
    private final BenchNames names;
    private final ProgressListener progress;
    private final PrintStream out;
    private final PrintStream diagnostics;

    public ScenarioRun(ScenarioSettings settings, BenchNames names, ProgressListener progress, PrintStream out, PrintStream diagnostics) {
        this.settings = requireNonNull(settings, "settings is null");
        this.names = requireNonNull(names, "names is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.out = requireNonNull(out, "out is null");
        this.diagnostics = requireNonNull(diagnostics, "diagnostics is null");
    }

    public void run() throws Exception {
        ScenarioPrinter printer = new ScenarioPrinter(out);
        try (ChannelPool channels = new ChannelPool(settings.target(), settings.security(), settings.connections());
                RedisSession redis = RedisSession.open(settings.redisUri(), settings.timeout())) {
            RedisInfo redisInfo = new RedisInfo(redis.admin());
            printHeader(redisInfo);
            ScenarioContext context = new ScenarioContext(settings, names, channels, redis,
                    new PhaseRunner(settings, progress, diagnostics, printer, new ServerCpu(settings.serverMetrics(), redisInfo)), printer);
            try {
                Scenarios.of(settings.scenario()).run(context);
            }
            finally {
                long deleted = new KeyCleaner(redis.admin()).deleteWithPrefix(names.baselineNamespace() + ":");
                diagnostics.printf("deleted %d baseline keys under %s:%n", deleted, names.baselineNamespace());
            }
        }
    }

    private void printHeader(RedisInfo memory) {
        out.printf(Locale.ROOT, "eventline-loadtest scenario %s (run %s)%n", settings.scenario(), names.runId());
        out.printf(Locale.ROOT, "  server %s (%s, %d connection%s), namespace %s, %d partition%s%n",
                settings.target(), settings.security().caCertificates().map(path -> "TLS").orElse("plaintext"),
                settings.connections(), settings.connections() == 1 ? "" : "s",
                settings.namespace(), settings.partitions(), settings.partitions() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "  baselines on %s (Redis %s); server CPU from %s%n", settings.redisUri(), memory.redisVersion(),
                settings.serverMetrics().map(URI::toString).orElse("nowhere (--metrics-url none)"));
        out.printf(Locale.ROOT, "  concurrency %d; each phase: at most %d requests or %s, after %s of warm-up (%s before the first)%n",
                settings.concurrency(), settings.total(), Durations.readable(settings.duration()), Durations.readable(settings.warmup()),
                Durations.readable(settings.initialWarmup()));
        out.printf(Locale.ROOT, "  events: type %s, %d B payload, content type '%s', ids %s%n",
                settings.eventType(), settings.payloadBytes(), settings.contentType(),
                settings.clientIds() ? "chosen by the client" : "assigned by the server");
        out.printf(Locale.ROOT, "  available processors: %d (client, server and Redis share them when run on one machine)%n",
                Runtime.getRuntime().availableProcessors());
        out.flush();
    }
}
