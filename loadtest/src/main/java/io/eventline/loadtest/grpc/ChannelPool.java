package io.eventline.loadtest.grpc;

import io.eventline.loadtest.endpoint.Target;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * {@code --connections} channels to the target, each its own HTTP/2 connection. A worker slot
 * always uses the same channel, so the load spreads evenly and in order over the connections.
 */
public final class ChannelPool implements AutoCloseable {
    private final List<ManagedChannel> channels;

    public ChannelPool(Target target, TransportSecurity security, int connections) {
        requireNonNull(target, "target is null");
        requireNonNull(security, "security is null");
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
        List<ManagedChannel> opened = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            ManagedChannelBuilder<?> builder = Grpc.newChannelBuilderForAddress(target.host(), target.port(), security.credentials())
                    // callbacks only record a number and free a slot: no need for a hand-off to another thread
                    .directExecutor()
                    .maxInboundMessageSize(16 * 1024 * 1024);
            security.authorityOverride().ifPresent(builder::overrideAuthority);
            opened.add(builder.build());
        }
        this.channels = List.copyOf(opened);
    }

    /** The worker's id in templates' {@code {{.WorkerID}}}: its connection and slot, as ghz's {@code c<connection>w<worker>}. */
    public String workerId(int slot) {
        return "g0c" + Math.floorMod(slot, channels.size()) + "w" + slot;
    }

    public ManagedChannel forSlot(int slot) {
        return channels.get(Math.floorMod(slot, channels.size()));
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels) {
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.shutdownNow();
            }
        }
    }
}
