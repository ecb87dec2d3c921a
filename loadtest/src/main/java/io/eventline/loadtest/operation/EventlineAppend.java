package io.eventline.loadtest.operation;

import io.eventline.loadtest.grpc.CallBounds;
import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.loadtest.grpc.EventStoreCall;
import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.eventline.proto.v1.AppendEventsRequest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** AppendEvents of {@code eventsPerAppend} events to a picked stream, expected version any. */
public final class EventlineAppend implements Operation {
    private final ChannelPool channels;
    private final StreamPicker streams;
    private final EventFactory events;
    private final int eventsPerAppend;
    private final Duration timeout;

    public EventlineAppend(ChannelPool channels, StreamPicker streams, EventFactory events, int eventsPerAppend, Duration timeout) {
        this.channels = requireNonNull(channels, "channels is null");
        this.streams = requireNonNull(streams, "streams is null");
        this.events = requireNonNull(events, "events is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        if (eventsPerAppend < 1) {
            throw new IllegalArgumentException("eventsPerAppend must be at least 1");
        }
        this.eventsPerAppend = eventsPerAppend;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        AppendEventsRequest request = AppendEventsRequest.newBuilder()
                .setStream(streams.pick(requestNumber))
                .addAllEvents(events.events(eventsPerAppend))
                .build();
        return EventStoreCall.APPEND_EVENTS.start(channels.forSlot(slot), request, CallBounds.deadline(timeout));
    }
}
