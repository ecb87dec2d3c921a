package io.eventline.server.store.read;

import io.eventline.server.store.ByteBudget;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.StreamNotFoundException;
import io.eventline.server.redis.StoredEntries;
import io.eventline.server.redis.StoredEntry;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one stream by version: XRANGE/XREVRANGE over {@code 0-<version>} entry IDs. The first page
 * is fetched together with the stream's meta hash (one pipelined round trip); retention that the
 * last append has not trimmed yet is applied here, so reads never show an expired event.
 */
final class StreamReadCursor implements ReadCursor {
    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoredEntries entries;
    private final EventEntryCodec codec;
    private final Clock clock;
    private final StreamLocation location;
    private final ReadDirection direction;
    private final ReadFilter filter;
    private final int pageSize;
    private final ByteBudget budget;
    private long nextVersion;
    private int fetchSize;
    private StreamMeta meta;

    StreamReadCursor(RedisClusterAsyncCommands<byte[], byte[]> redis, StoredEntries entries, EventEntryCodec codec, Clock clock, StreamLocation location,
            ReadDirection direction, long fromVersion, ReadFilter filter, int pageSize, ByteBudget budget) {
        this.redis = redis;
        this.entries = entries;
        this.codec = codec;
        this.clock = clock;
        this.location = location;
        this.direction = direction;
        this.filter = filter;
        this.pageSize = pageSize;
        this.budget = budget;
        this.nextVersion = fromVersion;
    }

    @Override
    public CompletableFuture<ReadPage> next() {
        CompletableFuture<List<StoredEntry>> fetched = fetch();
        if (meta != null) {
            return fetched.thenApply(this::toPage);
        }
        return redis.hmget(location.metaKey(), StreamMeta.FIELDS).toCompletableFuture()
                .thenCombine(fetched, (values, firstEntries) -> {
                    meta = StreamMeta.of(values);
                    if (!meta.readable()) {
                        throw new StreamNotFoundException(location.stream().value(), meta.whyUnreadable());
                    }
                    return toPage(firstEntries);
                });
    }

    private CompletableFuture<List<StoredEntry>> fetch() {
        fetchSize = budget.entries((int) Math.min(pageSize, filter.fetchHint()));
        if (direction == ReadDirection.FORWARD) {
            return entries.range(location.streamKey(), codec.entryIdOf(Math.max(1, nextVersion)), "+", fetchSize);
        }
        return entries.reverseRange(location.streamKey(), nextVersion == 0 ? "+" : codec.entryIdOf(nextVersion), "-", fetchSize);
    }

    @Override
    public void follow() {
        // the next call reads on from nextVersion
    }

    private ReadPage toPage(List<StoredEntry> entries) {
        long firstVisible = meta.firstVisibleVersion();
        long oldestVisibleMillis = meta.maxAgeMillis() > 0 ? clock.millis() - meta.maxAgeMillis() : Long.MIN_VALUE;
        List<RecordedEvent> decoded = new ArrayList<>(entries.size());
        for (StoredEntry entry : entries) {
            decoded.add(codec.decode(location.stream(), location.partition(), entry));
        }
        budget.read(decoded);
        List<RecordedEvent> events = new ArrayList<>(entries.size());
        boolean last = entries.size() < fetchSize;
        for (RecordedEvent event : decoded) {
            nextVersion = direction == ReadDirection.FORWARD ? event.version() + 1 : event.version() - 1;
            long recorded = event.position().millis();
            if (event.version() < firstVisible || recorded < oldestVisibleMillis) {
                if (direction == ReadDirection.BACKWARD) {
                    last = true;
                    break;
                }
                continue;
            }
            if (!filter.recordedInTime(recorded)) {
                if (direction == ReadDirection.FORWARD) {
                    last = true;
                    break;
                }
                continue;
            }
            if (filter.wantsType(event.type())) {
                events.add(event);
                filter.took();
                if (filter.satisfied()) {
                    last = true;
                    break;
                }
            }
        }
        if (nextVersion < 1) {
            last = true;
        }
        return new ReadPage(events, last);
    }
}
