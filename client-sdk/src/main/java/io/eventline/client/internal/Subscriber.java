package io.eventline.client.internal;

import io.eventline.client.subscribe.CatchUpEventHandler;
import io.eventline.client.subscribe.CatchUpSubscription;
import io.eventline.client.subscribe.CatchUpSubscriptionSettings;
import io.eventline.client.subscribe.GroupEventHandler;
import io.eventline.client.subscribe.GroupSubscription;
import io.eventline.client.subscribe.GroupSubscriptionSettings;
import io.grpc.ManagedChannel;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/** Starts subscriptions on the client's channel and closes those still running when the client closes. */
final class Subscriber implements AutoCloseable {
    private final SubscribeCalls calls;
    private final UnaryCaller caller;
    private final Set<Runnable> running = ConcurrentHashMap.newKeySet();

    Subscriber(ManagedChannel channel, CallOptionsFactory callOptions, UnaryCaller caller) {
        this.calls = new SubscribeCalls(channel, callOptions);
        this.caller = requireNonNull(caller, "caller is null");
    }

    public GroupSubscription subscribe(GroupSubscriptionSettings settings, GroupEventHandler handler) {
        GrpcGroupSubscription subscription = new GrpcGroupSubscription(settings, handler, calls, new DeliverySettler(caller, settings.group()));
        track(subscription::close, subscription.termination());
        subscription.start();
        return subscription;
    }

    public CatchUpSubscription subscribe(CatchUpSubscriptionSettings settings, CatchUpEventHandler handler) {
        GrpcCatchUpSubscription subscription = new GrpcCatchUpSubscription(settings, handler, calls);
        track(subscription::close, subscription.termination());
        subscription.start();
        return subscription;
    }

    private void track(Runnable closer, CompletableFuture<Void> termination) {
        running.add(closer);
        termination.whenComplete((ignored, error) -> running.remove(closer));
    }

    /** Closes every subscription still running (each waits for its handler and settles its acks). */
    @Override
    public void close() {
        Set.copyOf(running).forEach(Runnable::run);
    }
}
