package io.eventline.client.read;

import com.google.protobuf.Timestamp;
import io.eventline.proto.v1.ReadDirection;
import io.eventline.proto.v1.ReadStreamRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to read: direction, where to start, how many, as of when (time travel), which event types.
 * Immutable; each method returns a changed copy:
 * {@code ReadOptions.forwards().fromVersion(10).maxCount(100).eventTypes("OrderPlaced")}.
 */
public final class ReadOptions {
    private final boolean backwards;
    private final long fromVersion;
    private final String fromPosition;
    private final long maxCount;
    private final Optional<Instant> until;
    private final List<String> eventTypes;

    private ReadOptions(boolean backwards, long fromVersion, String fromPosition, long maxCount, Optional<Instant> until, List<String> eventTypes) {
        this.backwards = backwards;
        this.fromVersion = fromVersion;
        this.fromPosition = fromPosition;
        this.maxCount = maxCount;
        this.until = until;
        this.eventTypes = List.copyOf(eventTypes);
    }

    /** From the start to the end. */
    public static ReadOptions forwards() {
        return new ReadOptions(false, 0, "", 0, Optional.empty(), List.of());
    }

    /** From the end back to the start. */
    public static ReadOptions backwards() {
        return new ReadOptions(true, 0, "", 0, Optional.empty(), List.of());
    }

    /** Streams only: the first version read, inclusive. */
    public ReadOptions fromVersion(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
        return new ReadOptions(backwards, version, fromPosition, maxCount, until, eventTypes);
    }

    /** {@code $all} only: the first position read, inclusive. */
    public ReadOptions fromPosition(String position) {
        return new ReadOptions(backwards, fromVersion, requireNonNull(position, "position is null"), maxCount, until, eventTypes);
    }

    /** At most this many events. */
    public ReadOptions maxCount(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("maxCount must be at least 1: " + count);
        }
        return new ReadOptions(backwards, fromVersion, fromPosition, count, until, eventTypes);
    }

    /** Time travel: only events recorded at or before this instant. */
    public ReadOptions until(Instant instant) {
        return new ReadOptions(backwards, fromVersion, fromPosition, maxCount, Optional.of(requireNonNull(instant, "instant is null")), eventTypes);
    }

    /** Only events of these types. */
    public ReadOptions eventTypes(String... types) {
        return new ReadOptions(backwards, fromVersion, fromPosition, maxCount, until, List.of(types));
    }

    /** The wire form of a read of {@code stream}. */
    public ReadStreamRequest toProto(String stream) {
        ReadStreamRequest.Builder request = ReadStreamRequest.newBuilder()
                .setStream(requireNonNull(stream, "stream is null"))
                .setDirection(backwards ? ReadDirection.READ_DIRECTION_BACKWARD : ReadDirection.READ_DIRECTION_FORWARD)
                .setFromVersion(fromVersion)
                .setFromPosition(fromPosition)
                .setMaxCount(maxCount)
                .addAllEventTypes(eventTypes);
        until.ifPresent(instant -> request.setUntil(Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano())));
        return request.build();
    }

    @Override
    public String toString() {
        return "ReadOptions[" + (backwards ? "backwards" : "forwards")
                + (fromVersion > 0 ? ", from version " + fromVersion : "")
                + (fromPosition.isEmpty() ? "" : ", from position " + fromPosition)
                + (maxCount > 0 ? ", max " + maxCount : "")
                + until.map(instant -> ", until " + instant).orElse("")
                + (eventTypes.isEmpty() ? "" : ", types " + eventTypes) + "]";
    }
}
