package io.eventline.client.subscribe;

import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** Where a subscription, or a newly created group, begins. */
public final class SubscriptionStart {
    private final io.eventline.proto.v1.SubscriptionStart proto;

    private SubscriptionStart(io.eventline.proto.v1.SubscriptionStart proto) {
        this.proto = proto;
    }

    public static SubscriptionStart beginning() {
        return new SubscriptionStart(io.eventline.proto.v1.SubscriptionStart.newBuilder().setBeginning(Empty.getDefaultInstance()).build());
    }

    /** Only what is appended from now on. */
    public static SubscriptionStart end() {
        return new SubscriptionStart(io.eventline.proto.v1.SubscriptionStart.newBuilder().setEnd(Empty.getDefaultInstance()).build());
    }

    /** Stream targets: the first version delivered. */
    public static SubscriptionStart version(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
        return new SubscriptionStart(io.eventline.proto.v1.SubscriptionStart.newBuilder().setVersion(version).build());
    }

    /** {@code $all} targets: the first position delivered (inclusive). */
    public static SubscriptionStart position(String position) {
        return new SubscriptionStart(io.eventline.proto.v1.SubscriptionStart.newBuilder().setPosition(requireNonNull(position, "position is null")).build());
    }

    /** The first event recorded at or after this instant. */
    public static SubscriptionStart time(Instant instant) {
        requireNonNull(instant, "instant is null");
        return new SubscriptionStart(io.eventline.proto.v1.SubscriptionStart.newBuilder()
                .setTime(Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano())).build());
    }

    /** The wire form. */
    public io.eventline.proto.v1.SubscriptionStart toProto() {
        return proto;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubscriptionStart that && proto.equals(that.proto);
    }

    @Override
    public int hashCode() {
        return proto.hashCode();
    }

    @Override
    public String toString() {
        return switch (proto.getKindCase()) {
            case BEGINNING, KIND_NOT_SET -> "beginning";
            case END -> "end";
            case VERSION -> "version " + proto.getVersion();
            case POSITION -> "position " + proto.getPosition();
            case TIME -> "time " + Instant.ofEpochSecond(proto.getTime().getSeconds(), proto.getTime().getNanos());
        };
    }
}
