package io.eventline.client.internal;

import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Subscribe call, read through a queue by the subscription's own thread. Inbound flow control
 * is manual: the call asks for {@code prefetch} messages and one more per message taken, so a slow
 * handler holds at most {@code prefetch} messages here and the server slows down instead.
 */
final class SubscribeCall {
    /** What the call produced next. */
    sealed interface Signal permits Response, Ended {
    }

    record Response(SubscribeResponse response) implements Signal {
    }

    /** The call ended; {@code error} is null when the server completed it normally. */
    record Ended(Status status, Throwable error) implements Signal {
    }

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<SubscribeRequest> call;

    private SubscribeCall() {
    }

    static SubscribeCall open(Channel channel, CallOptions options, SubscribeRequest request, int prefetch) {
        SubscribeCall subscribeCall = new SubscribeCall();
        ClientCalls.asyncServerStreamingCall(channel.newCall(EventStoreServiceGrpc.getSubscribeMethod(), options), request,
                subscribeCall.new Observer(prefetch));
        return subscribeCall;
    }

    /** The next signal, or null when none came within {@code timeout}. */
    Signal poll(Duration timeout) throws InterruptedException {
        Signal signal = signals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (signal instanceof Response) {
            call.request(1);
        }
        return signal;
    }

    boolean isEmpty() {
        return signals.isEmpty();
    }

    void cancel(String reason) {
        call.cancel(reason, null);
    }

    private final class Observer implements ClientResponseObserver<SubscribeRequest, SubscribeResponse> {
        private final int prefetch;

        Observer(int prefetch) {
            this.prefetch = prefetch;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
            call = requestStream;
            requestStream.disableAutoRequestWithInitial(prefetch);
        }

        @Override
        public void onNext(SubscribeResponse response) {
            signals.add(new Response(response));
        }

        @Override
        public void onError(Throwable error) {
            signals.add(new Ended(Status.fromThrowable(error), error));
        }

        @Override
        public void onCompleted() {
            signals.add(new Ended(Status.OK, null));
        }
    }
}
