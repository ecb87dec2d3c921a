package io.eventline.client.aggregate;

import io.eventline.client.EventlineClient;
import io.eventline.client.NotFoundException;
import io.eventline.client.RecordedEvent;
import io.eventline.client.append.AppendResult;
import io.eventline.client.append.EventData;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.serialization.EventCodec;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/** The event side of the repositories: replays stored events into an aggregate, appends its new ones. */
final class AggregateEvents {
    private final EventlineClient client;
    private final EventCodec codec;

    AggregateEvents(EventlineClient client, EventCodec codec) {
        this.client = requireNonNull(client, "client is null");
        this.codec = requireNonNull(codec, "codec is null");
    }

    /** Applies the events {@code options} selects; false if the stream has no events (never written, or deleted). */
    boolean replay(Aggregate aggregate, String stream, ReadOptions options) {
        try (Stream<RecordedEvent> events = client.read(stream, options)) {
            events.forEach(event -> aggregate.replay(codec.decode(event), event.version()));
            return true;
        }
        catch (NotFoundException e) {
            return false;
        }
    }

    Optional<AppendResult> append(Aggregate aggregate, String stream) {
        List<Object> uncommitted = aggregate.uncommittedEvents();
        if (uncommitted.isEmpty()) {
            return Optional.empty();
        }
        List<EventData> events = uncommitted.stream().map(codec::encode).toList();
        ExpectedVersion expected = aggregate.version() == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exact(aggregate.version());
        AppendResult result = client.appendBlocking(stream, expected, events);
        aggregate.committed(result.lastVersion());
        return Optional.of(result);
    }
}
