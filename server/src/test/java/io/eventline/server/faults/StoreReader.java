package io.eventline.server.faults;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.proto.v1.RecordedEvent;
import io.grpc.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** Whole streams, or the whole of $all, read forwards through a server's ReadStream. */
final class StoreReader {
    static final String ALL = "$all";

    private final EventStoreServiceGrpc.EventStoreServiceBlockingStub events;

    StoreReader(Channel channel) {
        this.events = EventStoreServiceGrpc.newBlockingStub(requireNonNull(channel, "channel is null"));
    }

    /** Every event of {@code stream} (or of $all), in order. */
    List<RecordedEvent> read(String stream) {
        List<RecordedEvent> read = new ArrayList<>();
        events.withDeadlineAfter(60, TimeUnit.SECONDS)
                .readStream(ReadStreamRequest.newBuilder().setStream(stream).build())
                .forEachRemaining(response -> read.addAll(response.getEventsList()));
        return read;
    }
}
