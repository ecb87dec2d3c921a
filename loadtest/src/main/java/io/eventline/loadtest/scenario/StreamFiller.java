package io.eventline.loadtest.scenario;

import io.eventline.loadtest.operation.EventFactory;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.grpc.Channel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** Writes a stream's events through the server before a read benchmark, in batches of up to 100. */
final class StreamFiller {
    private static final int BATCH = 100;

    private final Channel channel;
    private final EventFactory events;
    private final Duration timeout;

    StreamFiller(Channel channel, EventFactory events, Duration timeout) {
        this.channel = requireNonNull(channel, "channel is null");
        this.events = requireNonNull(events, "events is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** Appends {@code count} events to {@code stream}; returns the global-log position of the first (empty when none was written). */
    String fill(String stream, int count) {
        String firstPosition = "";
        int written = 0;
        while (written < count) {
            int batch = Math.min(BATCH, count - written);
            AppendEventsResponse response = EventStoreServiceGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .appendEvents(AppendEventsRequest.newBuilder().setStream(stream).addAllEvents(events.events(batch)).build());
            if (written == 0) {
                firstPosition = response.getPositions(0);
            }
            written += batch;
        }
        return firstPosition;
    }
}
