package io.eventline.client.internal;

import io.eventline.proto.v1.SubscribeRequest;
import io.grpc.ManagedChannel;

import static java.util.Objects.requireNonNull;

/** Opens Subscribe calls on the client's channel. */
final class SubscribeCalls {
    private final ManagedChannel channel;
    private final CallOptionsFactory callOptions;

    SubscribeCalls(ManagedChannel channel, CallOptionsFactory callOptions) {
        this.channel = requireNonNull(channel, "channel is null");
        this.callOptions = requireNonNull(callOptions, "callOptions is null");
    }

    SubscribeCall open(SubscribeRequest request, int prefetch) {
        return SubscribeCall.open(channel, callOptions.streaming(), request, prefetch);
    }

    /**
     * The subscription lost its server and backed off already: connect at the next call instead of
     * after the channel's own reconnect backoff, which can reach minutes.
     */
    void reconnectSoon() {
        channel.resetConnectBackoff();
    }
}
