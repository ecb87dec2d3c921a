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
    /**
     * The one key of {@link #anyCategory}: those subscriptions sit in a bucket too, so that the set
     * walked on every append is dropped once empty instead of keeping the size it had at its peak.
     */
    private static final String EVERY_CATEGORY = "*";

    private final Set<Subscription> all = ConcurrentHashMap.newKeySet();
    private final SubscriptionBuckets<StreamName> byStream = new SubscriptionBuckets<>();
    private final SubscriptionBuckets<String> byCategory = new SubscriptionBuckets<>();
    private final SubscriptionBuckets<String> anyCategory = new SubscriptionBuckets<>();
    private final SubscriptionBuckets<String> byGroup = new SubscriptionBuckets<>();

    void add(Subscription subscription) {
        all.add(subscription);
        file(subscription, SubscriptionBuckets::add);
    }

    void remove(Subscription subscription) {
        file(subscription, SubscriptionBuckets::remove);
        all.remove(subscription);
    }

    /**
     * Calls the action once for each subscription an event of this stream may be for; their type
     * filters are left to the caller.
     */
    void forEachWatching(StreamName stream, Consumer<Subscription> action) {
        byStream.get(stream).forEach(action);
        byCategory.get(stream.category()).forEach(action);
        anyCategory.get(EVERY_CATEGORY).forEach(action);
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

    /** Adds the subscription to, or removes it from, each place it belongs in: one method, so add and remove agree. */
    private void file(Subscription subscription, BucketChange inBuckets) {
        SubscriptionTarget target = subscription.target();
        target.stream().ifPresent(stream -> inBuckets.apply(byStream, stream, subscription));
        if (readsAnyCategory(target)) {
            inBuckets.apply(anyCategory, EVERY_CATEGORY, subscription);
        }
        else if (target.isAll()) {
            target.categories().forEach(category -> inBuckets.apply(byCategory, category, subscription));
        }
        if (!subscription.group().isEmpty()) {
            inBuckets.apply(byGroup, subscription.group(), subscription);
        }
    }

    private static boolean readsAnyCategory(SubscriptionTarget target) {
        return target.isAll() && target.categories().isEmpty();
    }

    /** {@link SubscriptionBuckets#add} or {@link SubscriptionBuckets#remove}, for buckets of any key type. */
    private interface BucketChange {
        <K> void apply(SubscriptionBuckets<K> buckets, K key, Subscription subscription);
    }
}
