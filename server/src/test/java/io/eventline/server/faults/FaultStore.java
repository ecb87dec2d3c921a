package io.eventline.server.faults;

import io.eventline.server.store.StoreKeys;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import static java.util.Objects.requireNonNull;

/**
 * The store a fault run checks, as Redis holds it.
 *
 * @param redis commands on the store's Redis (a single node or a cluster) that the faults spare
 */
record FaultStore(RedisClusterCommands<String, String> redis, String namespace, int partitions) {
    FaultStore {
        requireNonNull(redis, "redis is null");
        requireNonNull(namespace, "namespace is null");
    }

    static FaultStore singlePartition(RedisClusterCommands<String, String> redis, String namespace) {
        return new FaultStore(redis, namespace, 1);
    }

    StoreKeys keys() {
        return new StoreKeys(namespace, partitions);
    }
}
