package io.eventline.server.grpc;

import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.Timestamp;
import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.AppendEventsRequest;
import io.eventline.proto.v1.AppendEventsResponse;
import io.eventline.proto.v1.EventData;
import io.eventline.proto.v1.ReadStreamRequest;
import io.eventline.server.store.ExpectedVersion;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.Position;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StreamName;
import io.eventline.server.store.subscribe.GroupSettings;
import io.eventline.server.store.subscribe.SubscribeRequest;
import io.eventline.server.store.subscribe.SubscriptionStart;
import io.eventline.server.store.subscribe.SubscriptionTarget;
import io.eventline.server.store.append.AppendRequest;
import io.eventline.server.store.append.AppendResult;
import io.eventline.server.store.append.NewEvent;
import io.eventline.server.store.read.ReadDirection;
import io.eventline.server.store.read.ReadRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Translates between the eventline.v1 messages and the store's types. */
public final class ProtoMapper {
    /** The largest google.protobuf.Duration: 10,000 years. */
    private static final long MAX_DURATION_SECONDS = 315_576_000_000L;

    public AppendRequest toAppendRequest(AppendEventsRequest request) {
        List<NewEvent> events = new ArrayList<>(request.getEventsCount());
        for (EventData event : request.getEventsList()) {
            events.add(new NewEvent(event.getEventId(), event.getType(), event.getData().toByteArray(), event.getContentType(), event.getMetadataMap()));
        }
        return new AppendRequest(request.getStream(), toExpectedVersion(request.getExpectedVersion(), "expected_version"), events);
    }

    public AppendEventsResponse toAppendResponse(AppendResult result) {
        AppendEventsResponse.Builder response = AppendEventsResponse.newBuilder()
                .setFirstVersion(result.firstVersion())
                .setLastVersion(result.lastVersion())
                .setRecordedAt(toTimestamp(result.recordedAt()))
                .setDeduplicated(result.deduplicated());
        for (Position position : result.positions()) {
            response.addPositions(position.toString());
        }
        return response.build();
    }

    public ExpectedVersion toExpectedVersion(io.eventline.proto.v1.ExpectedVersion expected, String field) {
        return switch (expected.getKindCase()) {
            case ANY, KIND_NOT_SET -> new ExpectedVersion.Any();
            case NO_STREAM -> new ExpectedVersion.NoStream();
            case STREAM_EXISTS -> new ExpectedVersion.StreamExists();
            case EXACT -> new ExpectedVersion.Exact(checkedVersion(expected.getExact(), field + ".exact"));
        };
    }

    public ReadRequest toReadRequest(ReadStreamRequest request) {
        ReadDirection direction = switch (request.getDirection()) {
            case READ_DIRECTION_UNSPECIFIED, READ_DIRECTION_FORWARD -> ReadDirection.FORWARD;
            case READ_DIRECTION_BACKWARD -> ReadDirection.BACKWARD;
            case UNRECOGNIZED -> throw new InvalidArgumentException("direction", "unknown direction " + request.getDirectionValue());
        };
        return new ReadRequest(
                request.getStream(),
                direction,
                checkedVersion(request.getFromVersion(), "from_version"),
                request.getFromPosition(),
                checkedVersion(request.getMaxCount(), "max_count"),
                request.hasUntil() ? Optional.of(toInstant(request.getUntil(), "until")) : Optional.empty(),
                Set.copyOf(request.getEventTypesList()));
    }

    public SubscribeRequest toSubscribeRequest(io.eventline.proto.v1.SubscribeRequest request) {
        SubscriptionTarget target = switch (request.getTargetCase()) {
            case STREAM -> toStreamTarget(request.getStream());
            case ALL -> toAllTarget(request.getAll());
            case TARGET_NOT_SET -> throw new InvalidArgumentException("target", "set stream (one stream) or all ($all)");
        };
        if (request.getMaxInFlight() < 0) {
            throw new InvalidArgumentException("max_in_flight", "value is too large");
        }
        return new SubscribeRequest(target, request.getGroup(), request.getConsumer(),
                request.hasStart() ? Optional.of(toStart(request.getStart())) : Optional.empty(), request.getMaxInFlight());
    }

    public SubscriptionTarget toStreamTarget(String stream) {
        return SubscriptionTarget.stream(StreamName.parse(stream, "stream"));
    }

    public SubscriptionTarget toAllTarget(AllTarget all) {
        return SubscriptionTarget.requestedAll(all.getCategoriesList(), all.getEventTypesList(), all.getStreamPrefixesList(), "all");
    }

    public SubscriptionStart toStart(io.eventline.proto.v1.SubscriptionStart start) {
        return switch (start.getKindCase()) {
            case BEGINNING, KIND_NOT_SET -> new SubscriptionStart.Beginning();
            case END -> new SubscriptionStart.End();
            case VERSION -> new SubscriptionStart.AtVersion(checkedVersion(start.getVersion(), "start.version"));
            case POSITION -> new SubscriptionStart.AtPosition(Position.parse(start.getPosition(), "start.position"));
            case TIME -> new SubscriptionStart.AtTime(toInstant(start.getTime(), "start.time"));
        };
    }

    public GroupSettings toSettings(io.eventline.proto.v1.GroupSettings settings) {
        java.time.Duration timeout = toDuration(settings.getAckTimeout(), "settings.ack_timeout");
        if (settings.getMaxDeliveries() < 0) {
            throw new InvalidArgumentException("settings.max_deliveries", "value is too large");
        }
        return GroupSettings.requested(timeout, settings.getMaxDeliveries());
    }

    /**
     * A duration a client sent: not negative, and within google.protobuf.Duration's range (10,000 years),
     * so that the store's millisecond arithmetic cannot overflow.
     */
    public java.time.Duration toDuration(com.google.protobuf.Duration duration, String field) {
        if (duration.getSeconds() < 0 || duration.getNanos() < 0) {
            throw new InvalidArgumentException(field, "must not be negative");
        }
        if (duration.getSeconds() > MAX_DURATION_SECONDS || duration.getNanos() > 999_999_999) {
            throw new InvalidArgumentException(field, "must be at most " + MAX_DURATION_SECONDS + " seconds (10,000 years) with nanos up to 999,999,999");
        }
        return java.time.Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }

    public com.google.protobuf.Duration toDuration(java.time.Duration duration) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
    }

    public io.eventline.proto.v1.RecordedEvent toProto(RecordedEvent event) {
        io.eventline.proto.v1.RecordedEvent.Builder message = io.eventline.proto.v1.RecordedEvent.newBuilder()
                .setStream(event.stream().value())
                .setVersion(event.version())
                .setPosition(event.position().toString())
                .setEventId(event.eventId().toString())
                .setType(event.type())
                // the bytes were decoded from Redis for this event alone and nothing writes them: wrapped, not copied
                .setData(UnsafeByteOperations.unsafeWrap(event.data()))
                .setContentType(event.contentType())
                .setRecordedAt(toTimestamp(event.recordedAt()));
        if (!event.metadata().isEmpty()) {
            message.putAllMetadata(event.metadata());
        }
        return message.build();
    }

    public Timestamp toTimestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public Instant toInstant(Timestamp timestamp, String field) {
        if (timestamp.getNanos() < 0 || timestamp.getNanos() > 999_999_999) {
            throw new InvalidArgumentException(field, "nanos must be between 0 and 999,999,999");
        }
        // the range google.protobuf.Timestamp allows: years 0001 to 9999
        if (timestamp.getSeconds() < -62_135_596_800L || timestamp.getSeconds() > 253_402_300_799L) {
            throw new InvalidArgumentException(field, "seconds are outside years 0001 to 9999");
        }
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    /** uint64 values above Long.MAX_VALUE arrive negative in Java. */
    private static long checkedVersion(long value, String field) {
        if (value < 0) {
            throw new InvalidArgumentException(field, "value is too large");
        }
        return value;
    }
}
