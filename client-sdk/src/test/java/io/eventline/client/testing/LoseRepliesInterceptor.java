package io.eventline.client.testing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Simulates a reply lost on the way back: the first {@code lost} calls of {@code method} reach the
 * server and run there, but the client drops the reply and sees {@code UNAVAILABLE} instead.
 */
public final class LoseRepliesInterceptor implements ClientInterceptor {
    private final MethodDescriptor<?, ?> method;
    private final AtomicInteger toLose;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();

    public LoseRepliesInterceptor(MethodDescriptor<?, ?> method, int lost) {
        this.method = requireNonNull(method, "method is null");
        this.toLose = new AtomicInteger(lost);
    }

    /** Calls of the method made, lost or not. */
    public int calls() {
        return calls.get();
    }

    /** Replies that were dropped after the server had answered. */
    public int lost() {
        return lost.get();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> called, CallOptions options, Channel next) {
        ClientCall<Q, R> call = next.newCall(called, options);
        if (!called.getFullMethodName().equals(method.getFullMethodName())) {
            return call;
        }
        calls.incrementAndGet();
        boolean loseThisOne = toLose.getAndDecrement() > 0;
        if (!loseThisOne) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onMessage(R message) {
                        // the server's answer never arrives
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        if (status.isOk()) {
                            lost.incrementAndGet();
                            super.onClose(Status.UNAVAILABLE.withDescription("the reply was lost (simulated by the test)"), new Metadata());
                        }
                        else {
                            super.onClose(status, trailers);
                        }
                    }
                }, headers);
            }
        };
    }
}
