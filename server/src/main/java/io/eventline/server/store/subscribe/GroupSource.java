package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamLocation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One partition's Redis keys of a consumer group: the source it reads (a stream key, or the
 * partition's log for $all), the replay stream of parked messages sent back, and the parked stream.
 * All three share the partition's hash tag.
 */
public record GroupSource(int partition, AckId.Kind kind, byte[] sourceKey, byte[] replayKey, byte[] parkedKey) {
    public GroupSource {
        requireNonNull(kind, "kind is null");
        requireNonNull(sourceKey, "sourceKey is null");
        requireNonNull(replayKey, "replayKey is null");
        requireNonNull(parkedKey, "parkedKey is null");
    }

    /** The sources of a group: the stream's partition, or every partition for $all. */
    public static List<GroupSource> of(StoreKeys keys, String group, SubscriptionTarget target) {
        List<GroupSource> sources = new ArrayList<>();
        if (target.stream().isPresent()) {
            StreamLocation location = keys.locate(target.stream().get());
            int partition = location.partition();
            sources.add(new GroupSource(partition, AckId.Kind.STREAM, location.streamKey(), keys.replayKey(partition, group), keys.parkedKey(partition, group)));
            return sources;
        }
        for (int partition = 0; partition < keys.partitions(); partition++) {
            sources.add(new GroupSource(partition, AckId.Kind.LOG, keys.logKey(partition), keys.replayKey(partition, group), keys.parkedKey(partition, group)));
        }
        return sources;
    }

    /** The one place an ack id is made: entry {@code entryId} pending in {@code key}, the source or its replay stream. */
    public AckId ackIdOf(byte[] key, String entryId) {
        return new AckId(isReplay(key) ? AckId.Kind.REPLAY : kind, partition, entryId);
    }

    /** Whether {@code key} is this source's replay stream (else it is the source itself). */
    public boolean isReplay(byte[] key) {
        return Arrays.equals(key, replayKey);
    }
}
