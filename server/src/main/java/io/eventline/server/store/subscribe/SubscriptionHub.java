package io.eventline.server.store.subscribe;

import io.eventline.server.store.StreamName;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * This instance's open subscriptions: the log tailer wakes those an append may concern, and
 * settlements reach the local subscription that holds the delivery. No Redis connection per
 * subscription: they all share the tailer's and the store's.
 */
public final class SubscriptionHub {
    private final SubscriptionIndex index;
    /** Signalled when a subscription registers, for a tailer waiting for one. */
    private final Object registered = new Object();

    public SubscriptionHub() {
        this(new SubscriptionIndex());
    }

    SubscriptionHub(SubscriptionIndex index) {
        this.index = requireNonNull(index, "index is null");
    }

    public void register(Subscription subscription) {
        index.add(subscription);
        synchronized (registered) {
            registered.notifyAll();
        }
    }

    public void unregister(Subscription subscription) {
        index.remove(subscription);
    }

    public int size() {
        return index.all().size();
    }

    /** Waits at most {@code timeout} while this instance has no subscription; whether it has one now. */
    public boolean awaitSubscription(Duration timeout) throws InterruptedException {
        synchronized (registered) {
            if (size() == 0) {
                registered.wait(Math.max(1, timeout.toMillis()));
            }
        }
        return size() > 0;
    }

    /** An event was appended: wake every subscription it may be for. */
    public void appended(int partition, StreamName stream, String type) {
        index.forEachWatching(stream, subscription -> {
            if (subscription.interestedIn(partition, stream, type)) {
                subscription.wake();
            }
        });
    }

    /** Wakes every subscription (after the tailer lost track, e.g. on a reconnect). */
    public void wakeAll() {
        index.all().forEach(Subscription::wake);
    }

    public void settled(String group, Collection<AckId> ackIds) {
        index.ofGroup(group).forEach(subscription -> subscription.settled(ackIds));
    }

    public void reclaimSoon(String group) {
        index.ofGroup(group).forEach(Subscription::reclaimSoon);
    }

    /** Ends the local subscriptions of a consumer (it was removed from its group). */
    public void closeConsumer(String group, String consumer) {
        for (Subscription subscription : index.ofGroup(group)) {
            if (subscription.consumer().equals(consumer)) {
                subscription.close();
            }
        }
    }

    /** Ends every subscription with this reason: the server is shutting down. */
    public void terminateAll(Throwable reason) {
        List.copyOf(index.all()).forEach(subscription -> subscription.terminate(reason));
    }
}
