package io.eventline.loadtest.scenario;

import io.eventline.loadtest.operation.ConflictRetries;
import io.eventline.loadtest.operation.ContentionCounters;
import io.eventline.loadtest.operation.EventlineAppend;
import io.eventline.loadtest.operation.RawXadd;
import io.eventline.loadtest.operation.ScriptAppend;
import io.eventline.loadtest.operation.StreamPicker;
import io.eventline.loadtest.operation.WatchMultiAppend;
import io.eventline.loadtest.redis.AppendScript;
import io.eventline.loadtest.redis.ScriptAppendArguments;
import io.eventline.loadtest.run.RunResult;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.List;
import java.util.Locale;

/**
 * Single-event appends to random streams of a keyspace, against: raw XADD of the same fields, the
 * server's append script called directly (pipelined on one connection, and unpipelined on one
 * connection per worker), and the classic WATCH/MULTI/EXEC append (one connection per worker).
 */
public final class AppendScenario implements Scenario {
    @Override
    public void run(ScenarioContext context) throws Exception {
        ScenarioSettings settings = context.settings();
        ScenarioPrinter printer = context.printer();
        printer.section(String.format(Locale.ROOT, "append: 1 event of %d B per append, random streams of %d, concurrency %d",
                settings.payloadBytes(), settings.keyspace(), settings.concurrency()));
        StreamPicker streams = StreamPicker.random(context.names().streamPrefix("a"), settings.keyspace());
        RedisAsyncCommands<byte[], byte[]> shared = context.redis().shared();

        RunResult eventline = context.phases().measure("eventline AppendEvents",
                new EventlineAppend(context.channels(), streams, context.events(), 1, settings.timeout()));
        RunResult xadd = context.phases().measure("baseline-xadd (1 conn, pipelined)",
                new RawXadd(shared, context.baselineKeyPrefix() + "x:", streams, context.entryFields(), 1));

        AppendScript script = AppendScript.load(context.redis().admin());
        ScriptAppendArguments arguments = new ScriptAppendArguments(context.baselineKeys(), settings.eventType(),
                context.events().payload(), settings.contentType(), settings.dedupWindow());
        RunResult scriptPipelined = context.phases().measure("baseline-script (1 conn, pipelined)",
                new ScriptAppend(List.of(shared), script, arguments, streams, 1));
        List<RedisAsyncCommands<byte[], byte[]>> ownConnections = context.redis().openDedicated(settings.concurrency());
        RunResult scriptUnpipelined = context.phases().measure("baseline-script (conn per worker)",
                new ScriptAppend(ownConnections, script, arguments, streams, 1));

        ContentionCounters counters = new ContentionCounters();
        WatchMultiAppend watchMulti = new WatchMultiAppend(ownConnections, context.baselineKeyPrefix(), streams,
                context.entryFields(), new ConflictRetries(counters, settings.maxAttempts()));
        context.phases().warmUp(watchMulti);
        counters.reset();
        RunResult classic = context.phases().measureOnly("baseline-watch-multi (conn per worker)", watchMulti);
        printer.note(String.format(Locale.ROOT, "watch-multi: %d committed, %d EXEC aborted, %d retries",
                counters.successes(), counters.conflicts(), counters.retries()));
        context.redis().closeDedicated();

        printer.section("append: appends/s, Eventline over each baseline (same run, same concurrency)");
        for (RunResult baseline : List.of(xadd, scriptPipelined, scriptUnpipelined, classic)) {
            printer.compare(new Comparison("eventline AppendEvents", eventline.itemsPerSecond(), baseline.name(), baseline.itemsPerSecond(), "appends/s"));
        }
    }
}
