package io.eventline.server.faults;

import com.google.protobuf.Empty;
import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.eventline.proto.v1.SubscriptionStart;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A catch-up subscription to the fault streams in $all whose client stops reading for a while: a
 * ClientCall with manual flow control that asks for one message at a time, asks for none while
 * paused, and asks again on resume. It has a connection of its own with a small, fixed HTTP/2 window,
 * so that what it does not take piles up in the server (which must hold it within its bound) rather
 * than in the transport. One call, never resubscribed: its end is reported, not hidden.
 */
final class PausedSubscriber implements AutoCloseable {
    /** HTTP/2's initial window; gRPC's default (1 MiB, and growing) would take the whole backlog of small events. */
    private static final int FLOW_CONTROL_WINDOW = 64 * 1024;

    private final ManagedChannel channel;
    private final ClientCall<SubscribeRequest, SubscribeResponse> call;
    private final Set<String> received = new HashSet<>();
    private long duplicates;
    private boolean started;
    private boolean paused;
    private Status ended;

    /** @param port the server's gRPC port on 127.0.0.1 */
    PausedSubscriber(int port) {
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().flowControlWindow(FLOW_CONTROL_WINDOW).build();
        this.call = channel.newCall(EventStoreServiceGrpc.getSubscribeMethod(), CallOptions.DEFAULT);
    }

    synchronized void start() {
        started = true;
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(SubscribeResponse response) {
                received(response);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closed(status);
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(SubscribeRequest.newBuilder()
                .setAll(AllTarget.newBuilder().addCategories(GroupWorker.CATEGORY))
                .setStart(SubscriptionStart.newBuilder().setBeginning(Empty.getDefaultInstance()))
                .build());
        call.halfClose();
    }

    // ClientCall's methods must not run concurrently: every call to it holds this object's lock
    private synchronized void received(SubscribeResponse response) {
        if (response.hasDelivery() && !received.add(response.getDelivery().getEvent().getEventId())) {
            duplicates++;
        }
        if (!paused) {
            call.request(1);
        }
    }

    private synchronized void closed(Status status) {
        ended = status;
    }

    /** From now on asks for nothing: responses the server has stay with it. */
    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        call.request(1);
    }

    synchronized int receivedCount() {
        return received.size();
    }

    /** The events of {@code expected} not received yet. */
    synchronized Set<String> missed(Set<String> expected) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(received);
        return missing;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /** How the call ended, if it did. */
    synchronized Optional<Status> ended() {
        return Optional.ofNullable(ended);
    }

    @Override
    public synchronized void close() {
        if (started && ended == null) {
            call.cancel("test over", null);
        }
        channel.shutdownNow();
    }
}
