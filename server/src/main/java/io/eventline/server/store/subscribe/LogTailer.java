package io.eventline.server.store.subscribe;

import io.eventline.server.concurrent.RateLimitedLog;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.read.LogPointer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Watches the partition logs with a blocking XREAD on its own connection (the only blocking reads
 * the server makes) and wakes the local subscriptions an append may concern. One tailer serves all
 * subscriptions, so they cost no Redis connection each. If it loses track (an error, a reconnect)
 * it wakes everyone; subscriptions also poll on their own ticks, so a missed wake-up only delays.
 * While this instance has no subscription it reads nothing, and starts again from the tails (waking
 * everyone) when one registers.
 * <p>
 * No thread of its own: each XREAD is sent when the previous reply has been handled, on the thread
 * that completed it (Redis's I/O thread), so an appended event costs no hand-off to a tailer thread
 * and back.
 */
public final class LogTailer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogTailer.class);
    private static final int BATCH = 1000;
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofMillis(500);

    /** During a Redis outage every retry fails: one line a minute, not two a second. */
    private final RateLimitedLog warnings = new RateLimitedLog(log, Duration.ofMinutes(1));
    private final RedisStreamAsyncCommands<byte[], byte[]> redis;
    private final AutoCloseable connection;
    private final StoreKeys keys;
    private final List<Integer> partitions;
    private final SubscriptionHub hub;
    private final Duration block;
    private final Executor afterPause = CompletableFuture.delayedExecutor(PAUSE_AFTER_ERROR.toMillis(), TimeUnit.MILLISECONDS);
    private volatile boolean running;

    /**
     * @param redis commands on a connection used by nothing else, whose timeout exceeds {@code block}
     * @param connection closed with the tailer
     */
    public LogTailer(RedisStreamAsyncCommands<byte[], byte[]> redis, AutoCloseable connection, StoreKeys keys, List<Integer> partitions,
            SubscriptionHub hub, Duration block) {
        this.partitions = List.copyOf(partitions);
        this.redis = requireNonNull(redis, "redis is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.hub = requireNonNull(hub, "hub is null");
        this.block = requireNonNull(block, "block is null");
    }

    public void start() {
        running = true;
        readFromTails();
    }

    /** Once there is a subscription: from where the logs end now, waking everyone (what came before is theirs to read). */
    private void readFromTails() {
        if (running) {
            hub.whenSubscribed(() -> {
                if (running) {
                    currentTails().whenComplete((tails, error) -> handle(error, () -> {
                        hub.wakeAll();
                        readAfter(tails);
                    }));
                }
            });
        }
    }

    private void readAfter(List<String> lastIds) {
        if (!running) {
            return;
        }
        if (hub.size() == 0) {
            // nobody to wake: reading the log would cost Redis and this server for nothing
            readFromTails();
            return;
        }
        redis.xread(XReadArgs.Builder.block(block).count(BATCH), offsets(lastIds))
                .whenComplete((appended, error) -> handle(error, () -> readAfter(wake(lastIds, appended))));
    }

    /** Goes on with {@code next} after a reply, or starts again after a pause: a failure here must not end the loop unseen. */
    private void handle(Throwable error, Runnable next) {
        if (error != null) {
            lost(error);
            return;
        }
        try {
            next.run();
        }
        catch (RuntimeException | Error e) {
            lost(e);
        }
    }

    /** Wakes whom each appended pointer concerns; where each log was read up to now. */
    private List<String> wake(List<String> lastIds, List<StreamMessage<byte[], byte[]>> appended) {
        List<String> readTo = new ArrayList<>(lastIds);
        for (StreamMessage<byte[], byte[]> message : appended) {
            int index = indexOf(message.getStream());
            int partition = partitions.get(index);
            readTo.set(index, message.getId());
            LogPointer pointer = LogPointer.decode(partition, message);
            hub.appended(partition, pointer.stream(), pointer.type());
        }
        return readTo;
    }

    @SuppressWarnings("unchecked")
    private XReadArgs.StreamOffset<byte[]>[] offsets(List<String> lastIds) {
        XReadArgs.StreamOffset<byte[]>[] offsets = new XReadArgs.StreamOffset[partitions.size()];
        for (int i = 0; i < partitions.size(); i++) {
            offsets[i] = XReadArgs.StreamOffset.from(keys.logKey(partitions.get(i)), lastIds.get(i));
        }
        return offsets;
    }

    /** Where each partition log ends now. */
    private CompletableFuture<List<String>> currentTails() {
        List<CompletableFuture<String>> tails = new ArrayList<>();
        for (int partition : partitions) {
            tails.add(redis.xrevrange(keys.logKey(partition), Range.unbounded(), Limit.from(1)).toCompletableFuture()
                    .thenApply(last -> last.isEmpty() ? "0-0" : last.get(0).getId()));
        }
        return CompletableFuture.allOf(tails.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> tails.stream().map(CompletableFuture::join).toList());
    }

    /** Lost track (an error, a reconnect): after a pause, start again from the tails. */
    private void lost(Throwable error) {
        if (!running) {
            return;
        }
        warnings.warn("lost", "Log tailer lost track (" + error + "); starting again from the current tails");
        afterPause.execute(this::readFromTails);
    }

    private int indexOf(byte[] logKey) {
        for (int i = 0; i < partitions.size(); i++) {
            if (Arrays.equals(keys.logKey(partitions.get(i)), logKey)) {
                return i;
            }
        }
        throw new IllegalStateException("XREAD answered for a key it was not asked about");
    }

    @Override
    public void close() {
        running = false;
        try {
            connection.close();
        }
        catch (Exception e) {
            log.debug("closing the log tailer", e);
        }
    }
}
