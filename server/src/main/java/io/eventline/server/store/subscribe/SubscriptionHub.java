package io.eventline.server.store.subscribe;

import io.eventline.server.store.StreamName;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's open subscriptions: the log tailer wakes those an append may concern, and
 * settlements reach the local subscription that holds the delivery. No Redis connection per
 * subscription: they all share the tailer's and the store's.
 */
public final class SubscriptionHub {
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    public void register(Subscription subscription) {
        subscriptions.add(subscription);
    }

    public void unregister(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    public int size() {
        return subscriptions.size();
    }

    /** An event was appended: wake every subscription it may be for. */
    public void appended(int partition, StreamName stream, String type) {
        for (Subscription subscription : subscriptions) {
            if (subscription.interestedIn(partition, stream, type)) {
                subscription.wake();
            }
        }
    }

    /** Wakes every subscription (after the tailer lost track, e.g. on a reconnect). */
    public void wakeAll() {
        subscriptions.forEach(Subscription::wake);
    }

    public void settled(String group, Collection<AckId> ackIds) {
        for (Subscription subscription : subscriptions) {
            if (subscription.group().equals(group)) {
                subscription.settled(ackIds);
            }
        }
    }

    public void reclaimSoon(String group) {
        for (Subscription subscription : subscriptions) {
            if (subscription.group().equals(group)) {
                subscription.reclaimSoon();
            }
        }
    }

    /** Ends the local subscriptions of a consumer (it was removed from its group). */
    public void closeConsumer(String group, String consumer) {
        for (Subscription subscription : List.copyOf(subscriptions)) {
            if (subscription.group().equals(group) && subscription.consumer().equals(consumer)) {
                subscription.close();
            }
        }
    }

    /** Ends every subscription with this reason: the server is shutting down. */
    public void terminateAll(Throwable reason) {
        List.copyOf(subscriptions).forEach(subscription -> subscription.terminate(reason));
    }
}
