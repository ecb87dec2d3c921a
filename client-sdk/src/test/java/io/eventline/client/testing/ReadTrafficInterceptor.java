package io.eventline.client.testing;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.ReadStreamResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counts the events that ReadStream calls delivered to the client, and how the last call ended. */
public final class ReadTrafficInterceptor implements ClientInterceptor {
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicReference<Status> lastEnd = new AtomicReference<>();

    public long eventsReceived() {
        return eventsReceived.get();
    }

    public Optional<Status> lastEnd() {
        return Optional.ofNullable(lastEnd.get());
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        ClientCall<Q, R> call = next.newCall(method, options);
        if (!method.getFullMethodName().equals(EventStoreServiceGrpc.getReadStreamMethod().getFullMethodName())) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onMessage(R message) {
                        eventsReceived.addAndGet(((ReadStreamResponse) message).getEventsCount());
                        super.onMessage(message);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        lastEnd.set(status);
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
