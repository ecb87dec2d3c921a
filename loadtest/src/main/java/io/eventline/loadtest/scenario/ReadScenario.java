package io.eventline.loadtest.scenario;

import io.eventline.loadtest.operation.EventlineRead;
import io.eventline.loadtest.operation.RawXrange;
import io.eventline.loadtest.run.RunResult;
import io.eventline.proto.v1.ReadStreamRequest;

import java.util.Locale;

/** Full reads of one stream of {@code --stream-length} events through ReadStream, against one raw XRANGE of its key. */
public final class ReadScenario implements Scenario {
    @Override
    public void run(ScenarioContext context) throws Exception {
        ScenarioSettings settings = context.settings();
        int length = settings.streamLength();
        context.printer().section(String.format(Locale.ROOT, "read: whole stream of %d events of %d B per read, concurrency %d",
                length, settings.payloadBytes(), settings.concurrency()));
        String stream = context.names().streamPrefix("r") + "0";
        new StreamFiller(context.channels().forSlot(0), context.events(), settings.timeout()).fill(stream, length);

        byte[] key = context.serverStreamKey(stream, length);

        RunResult eventline = context.phases().measure("eventline ReadStream " + length,
                new EventlineRead(context.channels(), ReadStreamRequest.newBuilder().setStream(stream).build(), length, settings.timeout()));
        RunResult xrange = context.phases().measure("baseline-xrange " + length,
                new RawXrange(context.redis().shared(), key, length));

        context.printer().section("read: latency of one whole read, Eventline beside raw XRANGE (same run, same concurrency)");
        LatencyComparisons.print(context.printer(), eventline, xrange);
        context.printer().compare(new Comparison(eventline.name(), eventline.requestsPerSecond(), xrange.name(), xrange.requestsPerSecond(), "reads/s"));
    }
}
