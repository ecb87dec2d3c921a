package io.eventline.client.internal;

import com.google.protobuf.Timestamp;

import java.time.Duration;
import java.time.Instant;

/** Conversions between protobuf's time types and java.time. */
final class ProtoTime {
    private ProtoTime() {
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static Duration duration(com.google.protobuf.Duration duration) {
        return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }

    static com.google.protobuf.Duration proto(Duration duration) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
    }
}
