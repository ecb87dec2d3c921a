package io.eventline.server.faults;

import io.grpc.Channel;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Where a fault run places one consumer of every group: its name, the server it talks to, and how
 * often it acks what it received (a slow acker holds more deliveries unsettled when a fault strikes).
 */
record ConsumerSite(String consumer, Channel channel, Duration ackEvery) {
    ConsumerSite {
        requireNonNull(consumer, "consumer is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(ackEvery, "ackEvery is null");
    }
}
