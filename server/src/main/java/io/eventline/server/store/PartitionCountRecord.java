package io.eventline.server.store;

import io.eventline.server.lifecycle.StartupException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The partition count is fixed when a store is first created: streams are placed by it, so a
 * server configured with another count must not start against that store.
 */
public final class PartitionCountRecord {
    public void verify(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys) {
        byte[] configured = Integer.toString(keys.partitions()).getBytes(StandardCharsets.US_ASCII);
        try {
            redis.set(keys.partitionCountKey(), configured, SetArgs.Builder.nx()).get(30, TimeUnit.SECONDS);
            byte[] recorded = redis.get(keys.partitionCountKey()).get(30, TimeUnit.SECONDS);
            int recordedCount = Integer.parseInt(new String(recorded, StandardCharsets.US_ASCII));
            if (recordedCount != keys.partitions()) {
                throw new StartupException("this store was created with " + recordedCount + " partitions; the server is configured with "
                        + keys.partitions() + ". Set store.partitions=" + recordedCount + " (the count cannot change after creation)");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the partition count", e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new StartupException("cannot read the store's partition count from Redis (" + e.getMessage() + "): check that Redis answers", e);
        }
    }
}
