package io.eventline.loadtest.grpc;

import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;

/** A streaming call's end and the timer that applies its duration (and, for a group, flushes partial ack batches). */
public record StreamCallEnder(StreamCallEnd end, ScheduledExecutorService timer) {
    public StreamCallEnder {
        requireNonNull(end, "end is null");
        requireNonNull(timer, "timer is null");
    }
}
