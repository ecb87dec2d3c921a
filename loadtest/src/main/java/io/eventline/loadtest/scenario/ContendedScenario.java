package io.eventline.loadtest.scenario;

import io.eventline.loadtest.operation.ConflictRetries;
import io.eventline.loadtest.operation.ContendedEventlineAppend;
import io.eventline.loadtest.operation.ContendedWatchMultiAppend;
import io.eventline.loadtest.operation.ContentionCounters;
import io.eventline.loadtest.operation.KnownVersions;
import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.RunResult;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.List;
import java.util.Locale;

/**
 * Writers racing on a few streams with exact expected versions: successes, conflicts (ABORTED) and
 * retries through Eventline, against the same race run with WATCH/MULTI/EXEC on raw Redis.
 */
public final class ContendedScenario implements Scenario {
    @Override
    public void run(ScenarioContext context) throws Exception {
        ScenarioSettings settings = context.settings();
        ScenarioPrinter printer = context.printer();
        printer.section(String.format(Locale.ROOT, "contended: %d writers on %d streams, exact expected versions, up to %d attempts per append",
                settings.concurrency(), settings.streams(), settings.maxAttempts()));

        ContentionCounters eventlineCounters = new ContentionCounters();
        RunResult eventline = measure(context, "eventline exact-version appends", eventlineCounters,
                new ContendedEventlineAppend(context.channels(), context.names().streamPrefix("c"), new KnownVersions(settings.streams()),
                        context.events(), new ConflictRetries(eventlineCounters, settings.maxAttempts()), settings.timeout()));

        List<RedisAsyncCommands<byte[], byte[]>> ownConnections = context.redis().openDedicated(settings.concurrency());
        ContentionCounters classicCounters = new ContentionCounters();
        RunResult classic = measure(context, "baseline-watch-multi (conn per worker)", classicCounters,
                new ContendedWatchMultiAppend(ownConnections, context.baselineKeyPrefix(), context.names().streamPrefix("c"),
                        new KnownVersions(settings.streams()), context.entryFields(), new ConflictRetries(classicCounters, settings.maxAttempts())));
        context.redis().closeDedicated();

        printer.section("contended: successful appends/s, Eventline over WATCH/MULTI/EXEC (same run, same writers and streams)");
        printer.compare(new Comparison(eventline.name(), eventline.itemsPerSecond(), classic.name(), classic.itemsPerSecond(), "appends/s"));
    }

    private static RunResult measure(ScenarioContext context, String name, ContentionCounters counters, Operation operation)
            throws InterruptedException {
        context.phases().warmUp(operation);
        counters.reset();
        RunResult result = context.phases().measureOnly(name, operation);
        context.printer().note(String.format(Locale.ROOT,
                "%s: %d successes, %d conflicts, %d retries, %d given up (%.2f conflicts per success)",
                name, counters.successes(), counters.conflicts(), counters.retries(), counters.gaveUpCount(),
                counters.successes() == 0 ? 0.0 : (double) counters.conflicts() / counters.successes()));
        return result;
    }
}
