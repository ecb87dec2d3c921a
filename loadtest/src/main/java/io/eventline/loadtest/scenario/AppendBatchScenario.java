package io.eventline.loadtest.scenario;

import io.eventline.loadtest.operation.EventlineAppend;
import io.eventline.loadtest.operation.RawXadd;
import io.eventline.loadtest.operation.ScriptAppend;
import io.eventline.loadtest.operation.StreamPicker;
import io.eventline.loadtest.redis.AppendScript;
import io.eventline.loadtest.redis.ScriptAppendArguments;
import io.eventline.loadtest.run.RunResult;

import java.util.List;
import java.util.Locale;

/**
 * Appends of {@code --events-per-append} events, in events/s, against the same number of raw XADDs
 * sent back to back on one shared connection (pipelined), and against the append script called directly.
 */
public final class AppendBatchScenario implements Scenario {
    @Override
    public void run(ScenarioContext context) throws Exception {
        ScenarioSettings settings = context.settings();
        int events = settings.eventsPerAppend();
        context.printer().section(String.format(Locale.ROOT,
                "append-batch: %d events of %d B per append, random streams of %d, concurrency %d",
                events, settings.payloadBytes(), settings.keyspace(), settings.concurrency()));
        StreamPicker streams = StreamPicker.random(context.names().streamPrefix("b"), settings.keyspace());

        RunResult eventline = context.phases().measure("eventline AppendEvents x" + events,
                new EventlineAppend(context.channels(), streams, context.events(), events, settings.timeout()));
        RunResult xadd = context.phases().measure("baseline-xadd x" + events + " (pipelined)",
                new RawXadd(context.redis().shared(), context.baselineKeyPrefix() + "x:", streams, context.entryFields(), events));
        AppendScript script = AppendScript.load(context.redis().admin());
        ScriptAppendArguments arguments = new ScriptAppendArguments(context.baselineKeys(), settings.eventType(),
                context.events().payload(), settings.contentType(), settings.dedupWindow());
        RunResult direct = context.phases().measure("baseline-script x" + events + " (pipelined)",
                new ScriptAppend(List.of(context.redis().shared()), script, arguments, streams, events));

        context.printer().section("append-batch: events/s, Eventline over each baseline (same run, same concurrency)");
        for (RunResult baseline : List.of(xadd, direct)) {
            context.printer().compare(new Comparison("eventline AppendEvents x" + events, eventline.itemsPerSecond(),
                    baseline.name(), baseline.itemsPerSecond(), "events/s"));
        }
    }
}
