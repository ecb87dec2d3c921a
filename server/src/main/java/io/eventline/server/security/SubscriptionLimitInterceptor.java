package io.eventline.server.security;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** At most {@code limit} open Subscribe calls per client connection; more are RESOURCE_EXHAUSTED. */
public final class SubscriptionLimitInterceptor implements ServerInterceptor {
    static final String SUBSCRIBE = "eventline.v1.EventStoreService/Subscribe";

    private final int limit;
    private final Map<Object, AtomicInteger> openByConnection = new ConcurrentHashMap<>();

    public SubscriptionLimitInterceptor(int limit) {
        this.limit = limit;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!call.getMethodDescriptor().getFullMethodName().equals(SUBSCRIBE)) {
            return next.startCall(call, headers);
        }
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        Object connection = remote != null ? remote : "in-process";
        AtomicInteger open = openByConnection.computeIfAbsent(connection, key -> new AtomicInteger());
        if (open.incrementAndGet() > limit) {
            release(connection, open);
            call.close(Status.RESOURCE_EXHAUSTED.withDescription("at most " + limit + " subscriptions per connection; open another connection"),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean released;

            @Override
            public void onCancel() {
                releaseOnce();
                super.onCancel();
            }

            @Override
            public void onComplete() {
                releaseOnce();
                super.onComplete();
            }

            private void releaseOnce() {
                if (!released) {
                    released = true;
                    release(connection, open);
                }
            }
        };
    }

    private void release(Object connection, AtomicInteger open) {
        if (open.decrementAndGet() <= 0) {
            openByConnection.remove(connection, open);
        }
    }
}
