package io.eventline.loadtest.scenario;

import io.eventline.loadtest.operation.EventlineRead;
import io.eventline.loadtest.operation.RawLogPageRead;
import io.eventline.loadtest.run.RunResult;
import io.eventline.proto.v1.ReadStreamRequest;

import java.util.Locale;

/**
 * Reads of one page of {@code --max-count} events of $all from its start, against the same work
 * done by hand on raw Redis: XRANGE of the partition log, then pipelined point reads of the events.
 */
public final class ReadAllScenario implements Scenario {
    @Override
    public void run(ScenarioContext context) throws Exception {
        ScenarioSettings settings = context.settings();
        int page = settings.maxCount();
        if (settings.partitions() != 1) {
            throw new IllegalArgumentException("read-all's baseline reads one partition log; run it against a store of 1 partition");
        }
        context.printer().section(String.format(Locale.ROOT, "read-all: $all from its start, %d events per read, concurrency %d",
                page, settings.concurrency()));
        // the store may be new: make sure $all holds at least one page
        new StreamFiller(context.channels().forSlot(0), context.events(), settings.timeout())
                .fill(context.names().streamPrefix("ra") + "0", page);

        RunResult eventline = context.phases().measure("eventline ReadStream $all " + page,
                new EventlineRead(context.channels(), ReadStreamRequest.newBuilder().setStream("$all").setMaxCount(page).build(),
                        page, settings.timeout()));
        RunResult raw = context.phases().measure("baseline log XRANGE + point reads " + page,
                new RawLogPageRead(context.redis().shared(), context.serverKeys(), page));

        context.printer().section("read-all: latency of one page, Eventline beside the same reads on raw Redis (same run, same concurrency)");
        LatencyComparisons.print(context.printer(), eventline, raw);
        context.printer().compare(new Comparison(eventline.name(), eventline.itemsPerSecond(), raw.name(), raw.itemsPerSecond(), "events/s"));
    }
}
