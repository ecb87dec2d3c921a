package io.eventline.server.store.subscribe;

import io.eventline.server.store.StreamName;

import java.util.ArrayList;
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
    /** What runs once a subscription registers (a log tailer that idles meanwhile); guarded by itself. */
    private final List<Runnable> onFirstSubscription = new ArrayList<>();

    public SubscriptionHub() {
        this(new SubscriptionIndex());
    }

    SubscriptionHub(SubscriptionIndex index) {
        this.index = requireNonNull(index, "index is null");
    }

    public void register(Subscription subscription) {
        index.add(subscription);
        List<Runnable> waiting;
        synchronized (onFirstSubscription) {
            waiting = List.copyOf(onFirstSubscription);
            onFirstSubscription.clear();
        }
        waiting.forEach(Runnable::run);
    }

    public void unregister(Subscription subscription) {
        index.remove(subscription);
    }

    public int size() {
        return index.all().size();
    }

    /** Runs {@code then} once this instance has a subscription: at once if it has one, else on the next registration's thread. Never blocks. */
    public void whenSubscribed(Runnable then) {
        synchronized (onFirstSubscription) {
            if (size() == 0) {
                onFirstSubscription.add(then);
                return;
            }
        }
        then.run();
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
