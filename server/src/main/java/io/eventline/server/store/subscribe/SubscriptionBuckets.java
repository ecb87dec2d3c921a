package io.eventline.server.store.subscribe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Subscriptions filed under keys (a stream, a category, a group). A bucket is dropped when its last
 * subscription leaves, so keys that came and went cost no memory and no lookups.
 */
final class SubscriptionBuckets<K> {
    private final ConcurrentMap<K, Set<Subscription>> buckets = new ConcurrentHashMap<>();

    void add(K key, Subscription subscription) {
        // compute is atomic per key: an add never lands in a bucket that a concurrent remove is dropping
        buckets.compute(key, (ignored, bucket) -> {
            Set<Subscription> members = bucket == null ? ConcurrentHashMap.newKeySet() : bucket;
            members.add(subscription);
            return members;
        });
    }

    void remove(K key, Subscription subscription) {
        buckets.computeIfPresent(key, (ignored, bucket) -> {
            bucket.remove(subscription);
            return bucket.isEmpty() ? null : bucket;
        });
    }

    /** The subscriptions under this key; safe to iterate while others come and go. */
    Set<Subscription> get(K key) {
        return buckets.getOrDefault(key, Set.of());
    }

    boolean isEmpty() {
        return buckets.isEmpty();
    }
}
