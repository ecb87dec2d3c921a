package io.eventline.server.store.subscribe;

import io.eventline.server.store.StreamName;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The open subscriptions, filed so that an append or a settlement looks only at those it may
 * concern: stream subscriptions by stream, $all subscriptions by the categories they name (or in one
 * set when they name none), group consumers by group. Lookups take no lock, so the log tailer never
 * waits for a subscription coming or going.
 */
final class SubscriptionIndex {
    private final Set<Subscription> all = ConcurrentHashMap.newKeySet();
    private final SubscriptionBuckets<StreamName> byStream = new SubscriptionBuckets<>();
    private final SubscriptionBuckets<String> byCategory = new SubscriptionBuckets<>();
    private final Set<Subscription> anyCategory = ConcurrentHashMap.newKeySet();
    private final SubscriptionBuckets<String> byGroup = new SubscriptionBuckets<>();

    void add(Subscription subscription) {
        all.add(subscription);
        SubscriptionTarget target = subscription.target();
        target.stream().ifPresent(stream -> byStream.add(stream, subscription));
        if (readsAnyCategory(target)) {
            anyCategory.add(subscription);
        }
        else if (target.isAll()) {
            target.categories().forEach(category -> byCategory.add(category, subscription));
        }
        if (!subscription.group().isEmpty()) {
            byGroup.add(subscription.group(), subscription);
        }
    }

    void remove(Subscription subscription) {
        SubscriptionTarget target = subscription.target();
        target.stream().ifPresent(stream -> byStream.remove(stream, subscription));
        if (readsAnyCategory(target)) {
            anyCategory.remove(subscription);
        }
        else if (target.isAll()) {
            target.categories().forEach(category -> byCategory.remove(category, subscription));
        }
        if (!subscription.group().isEmpty()) {
            byGroup.remove(subscription.group(), subscription);
        }
        all.remove(subscription);
    }

    /**
     * Calls the action once for each subscription an event of this stream may be for; their type
     * filters are left to the caller.
     */
    void forEachWatching(StreamName stream, Consumer<Subscription> action) {
        byStream.get(stream).forEach(action);
        byCategory.get(stream.category()).forEach(action);
        anyCategory.forEach(action);
    }

    /** The subscriptions of this consumer group (none for the empty name: catch-up subscriptions have no group). */
    Set<Subscription> ofGroup(String group) {
        return byGroup.get(group);
    }

    Set<Subscription> all() {
        return Collections.unmodifiableSet(all);
    }

    /** Whether nothing at all is filed, not even an empty bucket. */
    boolean isEmpty() {
        return all.isEmpty() && byStream.isEmpty() && byCategory.isEmpty() && anyCategory.isEmpty() && byGroup.isEmpty();
    }

    private static boolean readsAnyCategory(SubscriptionTarget target) {
        return target.isAll() && target.categories().isEmpty();
    }
}
