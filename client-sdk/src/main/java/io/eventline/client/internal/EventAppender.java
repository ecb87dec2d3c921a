package io.eventline.client.internal;

import io.eventline.client.append.AppendResult;
import io.eventline.client.append.EventData;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.EventStoreServiceGrpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Appends events. The request is built once, with the ids the events already carry, so every
 * retry of it is the same request: the server returns the first attempt's result for a retry.
 */
final class EventAppender {
    private final UnaryCaller caller;

    EventAppender(UnaryCaller caller) {
        this.caller = requireNonNull(caller, "caller is null");
    }

    public CompletableFuture<AppendResult> append(String stream, ExpectedVersion expected, List<EventData> events) {
        requireNonNull(stream, "stream is null");
        requireNonNull(expected, "expected is null");
        requireNonNull(events, "events is null");
        if (events.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("an append needs at least one event"));
        }
        AppendEventsRequest.Builder request = AppendEventsRequest.newBuilder()
                .setStream(stream)
                .setExpectedVersion(expected.toProto());
        events.forEach(event -> request.addEvents(event.toProto()));
        return caller.call(EventStoreServiceGrpc.getAppendEventsMethod(), request.build(), Idempotence.IDEMPOTENT)
                .thenApply(ProtoEvents::appendResult);
    }
}
