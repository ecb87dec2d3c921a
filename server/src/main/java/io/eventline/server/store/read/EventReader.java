package io.eventline.server.store.read;

import io.eventline.server.redis.StoredEntries;
import io.eventline.server.store.ByteBudget;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.Position;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamName;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The read path: checks a read request and opens a cursor over one stream or $all. */
public final class EventReader {
    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoredEntries entries;
    private final StoreKeys keys;
    private final EventEntryCodec codec;
    private final Clock clock;
    private final int pageSize;
    private final int pageBytes;
    private final int maxEventBytes;

    /** With the default page byte budget, assuming events as large as that budget. */
    public EventReader(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec, Clock clock, int pageSize) {
        this(redis, keys, codec, clock, pageSize, ByteBudget.DEFAULT_MAX_BYTES, ByteBudget.DEFAULT_MAX_BYTES);
    }

    /**
     * @param pageSize the most events a page holds
     * @param pageBytes roughly the most bytes a page holds (see {@link ByteBudget}): a reader that
     *     stops reading holds one page
     * @param maxEventBytes the largest an event may be: a first page takes no more events than fit
     */
    public EventReader(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec, Clock clock, int pageSize,
            int pageBytes, int maxEventBytes) {
        this.redis = requireNonNull(redis, "redis is null");
        this.entries = new StoredEntries(redis);
        this.keys = requireNonNull(keys, "keys is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (pageSize < 1 || pageBytes < 1) {
            throw new IllegalArgumentException("pageSize and pageBytes must be positive");
        }
        this.pageSize = pageSize;
        this.pageBytes = pageBytes;
        this.maxEventBytes = maxEventBytes;
    }

    /** Reads $all forward from a boundary per partition (a subscription's resume point), keeping only these event types. */
    public ReadCursor openAll(List<Range.Boundary<String>> boundaries, Set<String> eventTypes) {
        if (boundaries.size() != keys.partitions()) {
            throw new IllegalArgumentException("one boundary per partition");
        }
        List<PartitionLogCursor> partitions = new ArrayList<>(keys.partitions());
        for (int partition = 0; partition < keys.partitions(); partition++) {
            partitions.add(new PartitionLogCursor(redis, partition, keys.logKey(partition), ReadDirection.FORWARD, boundaries.get(partition), pageSize));
        }
        ReadFilter filter = new ReadFilter(eventTypes, Optional.empty(), 0);
        return new AllReadCursor(entries, codec, keys, partitions, ReadDirection.FORWARD, filter, pageSize, new ByteBudget(pageBytes, maxEventBytes));
    }

    /** Reads one stream forward from a version. */
    public ReadCursor openStream(StreamName stream, long fromVersion) {
        return new StreamReadCursor(redis, entries, codec, clock, keys.locate(stream), ReadDirection.FORWARD, fromVersion,
                new ReadFilter(Set.of(), Optional.empty(), 0), pageSize, new ByteBudget(pageBytes, maxEventBytes));
    }

    /** Opens a read; bad input fails here, a missing stream on the cursor's first page. */
    public ReadCursor open(ReadRequest request) {
        ReadFilter filter = new ReadFilter(request.eventTypes(), request.until(), request.maxCount());
        if (request.isAll()) {
            if (request.fromVersion() != 0) {
                throw new InvalidArgumentException("from_version", "$all has no versions; use from_position");
            }
            Position from = request.fromPosition().isEmpty() ? null : Position.parse(request.fromPosition(), "from_position");
            if (from != null && from.partition() >= keys.partitions()) {
                throw new InvalidArgumentException("from_position", "position " + from + " names partition " + from.partition()
                        + " but this store has " + keys.partitions());
            }
            List<PartitionLogCursor> partitions = new ArrayList<>(keys.partitions());
            for (int partition = 0; partition < keys.partitions(); partition++) {
                partitions.add(new PartitionLogCursor(redis, partition, keys.logKey(partition), request.direction(),
                        PartitionLogCursor.startBoundary(partition, request.direction(), from), pageSize));
            }
            return new AllReadCursor(entries, codec, keys, partitions, request.direction(), filter, pageSize, new ByteBudget(pageBytes, maxEventBytes));
        }
        StreamName stream = StreamName.parse(request.stream(), "stream");
        if (!request.fromPosition().isEmpty()) {
            throw new InvalidArgumentException("from_position", "from_position applies to $all; read a stream from_version");
        }
        return new StreamReadCursor(redis, entries, codec, clock, keys.locate(stream), request.direction(), request.fromVersion(), filter, pageSize,
                new ByteBudget(pageBytes, maxEventBytes));
    }
}
