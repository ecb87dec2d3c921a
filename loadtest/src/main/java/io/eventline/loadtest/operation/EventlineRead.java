package io.eventline.loadtest.operation;

import io.eventline.loadtest.grpc.CallBounds;
import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.loadtest.grpc.EventStoreCall;
import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.eventline.proto.v1.ReadStreamRequest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** One whole ReadStream call; a read that returns other than {@code expectedEvents} events counts as failed. */
public final class EventlineRead implements Operation {
    private final ChannelPool channels;
    private final ReadStreamRequest request;
    private final long expectedEvents;
    private final Duration timeout;

    public EventlineRead(ChannelPool channels, ReadStreamRequest request, long expectedEvents, Duration timeout) {
        this.channels = requireNonNull(channels, "channels is null");
        this.request = requireNonNull(request, "request is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.expectedEvents = expectedEvents;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        return EventStoreCall.READ_STREAM.start(channels.forSlot(slot), request, CallBounds.deadline(timeout))
                .thenApply(outcome -> !outcome.succeeded() || outcome.items() == expectedEvents
                        ? outcome
                        : Outcome.failed("SHORT_READ", "read " + outcome.items() + " events, expected " + expectedEvents));
    }
}
