package io.eventline.loadtest.grpc;

import io.eventline.loadtest.endpoint.Target;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * {@code --connections} channels to the target, each its own HTTP/2 connection. A worker slot
 * always uses the same channel, so the load spreads evenly and in order over the connections.
 */
public final class ChannelPool implements AutoCloseable {
    private final List<ManagedChannel> channels;
    private final Target target;
    private final ChannelTuning tuning;
    /** The channels' own network threads when {@code --cpus} sets their number; otherwise gRPC's shared ones. */
    private final Optional<EventLoopGroup> networkThreads;

    public ChannelPool(Target target, TransportSecurity security, int connections) {
        this(target, security, connections, ChannelTuning.DEFAULT);
    }

    public ChannelPool(Target target, TransportSecurity security, int connections, ChannelTuning tuning) {
        this.target = requireNonNull(target, "target is null");
        requireNonNull(security, "security is null");
        this.tuning = requireNonNull(tuning, "tuning is null");
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
        this.networkThreads = tuning.networkThreads() == 0
                ? Optional.empty()
                : Optional.of(new NioEventLoopGroup(tuning.networkThreads(), new DefaultThreadFactory("loadtest-network", true)));
        List<ManagedChannel> opened = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            ManagedChannelBuilder<?> builder = channelBuilder(target, security)
                    // callbacks only record a number and free a slot: no need for a hand-off to another thread
                    .directExecutor()
                    .maxInboundMessageSize(tuning.maxReceiveBytes())
                    .defaultLoadBalancingPolicy(tuning.loadBalancingPolicy());
            security.authorityOverride().ifPresent(builder::overrideAuthority);
            if (!tuning.keepalive().isZero()) {
                builder.keepAliveTime(tuning.keepalive().toNanos(), TimeUnit.NANOSECONDS);
            }
            opened.add(builder.build());
        }
        this.channels = List.copyOf(opened);
    }

    private ManagedChannelBuilder<?> channelBuilder(Target target, TransportSecurity security) {
        if (networkThreads.isEmpty()) {
            return Grpc.newChannelBuilderForAddress(target.host(), target.port(), security.credentials());
        }
        return NettyChannelBuilder.forAddress(target.host(), target.port(), security.credentials())
                .eventLoopGroup(networkThreads.get())
                .channelType(NioSocketChannel.class);
    }

    /**
     * Connects every channel, as ghz dials before its first request, so that a server that cannot be
     * reached fails the run with one clear error instead of a report full of Unavailable.
     */
    public void awaitConnected() throws InterruptedException {
        if (tuning.connectTimeout().isZero()) {
            return;
        }
        long deadline = System.nanoTime() + tuning.connectTimeout().toNanos();
        for (ManagedChannel channel : channels) {
            ConnectivityState state = channel.getState(true);
            while (state != ConnectivityState.READY) {
                CountDownLatch changed = new CountDownLatch(1);
                channel.notifyWhenStateChanged(state, changed::countDown);
                long wait = deadline - System.nanoTime();
                if (wait <= 0 || !changed.await(wait, TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("cannot connect to " + target + " within --connect-timeout "
                            + tuning.connectTimeout() + " (the connection is " + state + ")");
                }
                state = channel.getState(true);
            }
        }
    }

    /** The worker's id in templates' {@code {{.WorkerID}}}, as ghz makes it: {@code g<worker>c<connection>}. */
    public String workerId(int slot) {
        return "g" + slot + "c" + Math.floorMod(slot, channels.size());
    }

    public ManagedChannel forSlot(int slot) {
        return channels.get(Math.floorMod(slot, channels.size()));
    }

    /** Closes every connection at once: the calls on them fail with Unavailable. */
    public void shutdownNow() {
        channels.forEach(ManagedChannel::shutdownNow);
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
        networkThreads.ifPresent(EventLoopGroup::shutdownGracefully);
    }
}
