package io.eventline.loadtest.operation;

import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.StreamName;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Baseline of the read-all scenario, done by hand the way the server does it: XRANGE a page of the
 * partition log (pointers: stream, version, type), then one pipelined point XRANGE per pointer to
 * fetch the event from its stream key.
 */
public final class RawLogPageRead implements Operation {
    private static final byte STREAM_FIELD = 's';
    private static final byte VERSION_FIELD = 'v';

    private final RedisAsyncCommands<byte[], byte[]> redis;
    private final StoreKeys keys;
    private final int pageSize;

    public RawLogPageRead(RedisAsyncCommands<byte[], byte[]> redis, StoreKeys keys, int pageSize) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        this.pageSize = pageSize;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        return redis.xrange(keys.logKey(0), Range.<String>unbounded(), Limit.from(pageSize)).toCompletableFuture()
                .thenCompose(this::resolve)
                .handle((found, error) -> error == null ? Outcome.ok(found) : RedisOutcomes.failed(error));
    }

    private CompletableFuture<Long> resolve(List<StreamMessage<byte[], byte[]>> pointers) {
        List<CompletableFuture<List<StreamMessage<byte[], byte[]>>>> reads = new ArrayList<>(pointers.size());
        for (StreamMessage<byte[], byte[]> pointer : pointers) {
            byte[] stream = null;
            String version = null;
            for (Map.Entry<byte[], byte[]> field : pointer.getBody().entrySet()) {
                if (field.getKey().length == 1 && field.getKey()[0] == STREAM_FIELD) {
                    stream = field.getValue();
                }
                else if (field.getKey().length == 1 && field.getKey()[0] == VERSION_FIELD) {
                    version = new String(field.getValue(), StandardCharsets.US_ASCII);
                }
            }
            if (stream == null || version == null) {
                continue;
            }
            StreamLocation location = keys.locate(StreamName.fromStored(stream));
            String entryId = "0-" + version;
            reads.add(redis.xrange(location.streamKey(), Range.create(entryId, entryId), Limit.from(1)).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> reads.stream().filter(read -> !read.join().isEmpty()).count());
    }
}
