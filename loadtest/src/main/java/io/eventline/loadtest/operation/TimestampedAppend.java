package io.eventline.loadtest.operation;

import com.google.protobuf.ByteString;
import io.eventline.loadtest.grpc.CallBounds;
import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.loadtest.grpc.EventStoreCall;
import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.eventline.loadtest.subscribe.SentTimestamp;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.EventData;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** AppendEvents of one event to one stream whose payload carries the time it was due, for end-to-end latency. */
public final class TimestampedAppend implements Operation {
    private final ChannelPool channels;
    private final String stream;
    private final String type;
    private final int payloadBytes;
    private final Duration timeout;

    public TimestampedAppend(ChannelPool channels, String stream, String type, int payloadBytes, Duration timeout) {
        this.channels = requireNonNull(channels, "channels is null");
        this.stream = requireNonNull(stream, "stream is null");
        this.type = requireNonNull(type, "type is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.payloadBytes = payloadBytes;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        return start(requestNumber, slot, System.nanoTime());
    }

    /** Stamped with the time the request was due, so end-to-end latency is charged for a late send too. */
    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot, long dueNanos) {
        EventData event = EventData.newBuilder()
                .setType(type)
                .setData(ByteString.copyFrom(SentTimestamp.payload(dueNanos, payloadBytes)))
                .build();
        AppendEventsRequest request = AppendEventsRequest.newBuilder().setStream(stream).addEvents(event).build();
        return EventStoreCall.APPEND_EVENTS.start(channels.forSlot(slot), request, CallBounds.deadline(timeout));
    }
}
