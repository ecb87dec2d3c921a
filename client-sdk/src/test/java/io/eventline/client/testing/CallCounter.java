package io.eventline.client.testing;

import io.eventline.proto.v1.AckRequest;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts what crosses the wire for subscriptions: deliveries received (alone or in batches), batches, Ack calls sent and the ack ids in them. */
public final class CallCounter implements ClientInterceptor {
    private final AtomicInteger deliveriesReceived = new AtomicInteger();
    private final AtomicInteger batchesReceived = new AtomicInteger();
    private final AtomicInteger largestBatch = new AtomicInteger();
    private final AtomicInteger ackCalls = new AtomicInteger();
    private final AtomicInteger ackIdsSent = new AtomicInteger();

    public int deliveriesReceived() {
        return deliveriesReceived.get();
    }

    /** {@code delivery_batch} messages received. */
    public int batchesReceived() {
        return batchesReceived.get();
    }

    /** The most deliveries one batch carried (0: no batch came). */
    public int largestBatch() {
        return largestBatch.get();
    }

    public int ackCalls() {
        return ackCalls.get();
    }

    public int ackIdsSent() {
        return ackIdsSent.get();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        ClientCall<Q, R> call = next.newCall(method, options);
        String name = method.getFullMethodName();
        if (name.equals(EventStoreServiceGrpc.getAckMethod().getFullMethodName())) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
                @Override
                public void sendMessage(Q message) {
                    ackCalls.incrementAndGet();
                    ackIdsSent.addAndGet(((AckRequest) message).getAckIdsCount());
                    super.sendMessage(message);
                }
            };
        }
        if (name.equals(EventStoreServiceGrpc.getSubscribeMethod().getFullMethodName())) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onMessage(R message) {
                            SubscribeResponse response = (SubscribeResponse) message;
                            if (response.hasDelivery()) {
                                deliveriesReceived.incrementAndGet();
                            }
                            if (response.hasDeliveryBatch()) {
                                int size = response.getDeliveryBatch().getDeliveriesCount();
                                batchesReceived.incrementAndGet();
                                largestBatch.accumulateAndGet(size, Math::max);
                                deliveriesReceived.addAndGet(size);
                            }
                            super.onMessage(message);
                        }
                    }, headers);
                }
            };
        }
        return call;
    }
}
