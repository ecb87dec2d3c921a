package io.eventline.server.faults;

import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.EventStoreServiceGrpc;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscribeResponse;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * A Subscribe call kept open the way an application keeps it: when the call ends (its server died,
 * Redis failed under it), subscribe again after a short pause, with whatever request says where to
 * resume. Subclasses say what to subscribe to and what to do with a delivery.
 */
abstract class ResubscribingClient implements AutoCloseable {
    private static final Duration RESUBSCRIBE_PAUSE = Duration.ofMillis(300);

    protected final ScheduledExecutorService scheduler;
    private final EventStoreServiceGrpc.EventStoreServiceStub events;
    private final AtomicLong subscriptions = new AtomicLong();
    private volatile Context.CancellableContext call;
    private volatile boolean closed;

    ResubscribingClient(Channel channel, ScheduledExecutorService scheduler) {
        this.events = EventStoreServiceGrpc.newStub(requireNonNull(channel, "channel is null"));
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
    }

    /** The request of the next Subscribe call. */
    protected abstract SubscribeRequest request();

    /** Called for each delivery, on a gRPC thread, in arrival order. */
    protected abstract void delivered(Delivery delivery);

    void start() {
        subscribe();
    }

    /** How many times this client subscribed, the first time included. */
    long subscriptions() {
        return subscriptions.get();
    }

    private void subscribe() {
        if (closed) {
            return;
        }
        subscriptions.incrementAndGet();
        Context.CancellableContext context = Context.current().withCancellation();
        call = context;
        context.run(() -> events.subscribe(request(), new Observer()));
    }

    private void ended() {
        if (!closed) {
            scheduler.schedule(this::subscribe, RESUBSCRIBE_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        Context.CancellableContext context = call;
        if (context != null) {
            context.cancel(null);
        }
    }

    private final class Observer implements StreamObserver<SubscribeResponse> {
        @Override
        public void onNext(SubscribeResponse response) {
            if (response.hasDelivery()) {
                delivered(response.getDelivery());
            }
        }

        @Override
        public void onError(Throwable error) {
            ended();
        }

        @Override
        public void onCompleted() {
            ended();
        }
    }
}
