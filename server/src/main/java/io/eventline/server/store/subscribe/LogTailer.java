package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.read.LogPointer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.eventline.server.concurrent.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Watches the partition logs with a blocking XREAD on its own connection (the only blocking reads
 * the server makes) and wakes the local subscriptions an append may concern. One tailer serves all
 * subscriptions, so they cost no Redis connection each. If it loses track (an error, a reconnect)
 * it wakes everyone; subscriptions also poll on their own ticks, so a missed wake-up only delays.
 * While this instance has no subscription it reads nothing, and starts again from the tails (waking
 * everyone) when one registers.
 */
public final class LogTailer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogTailer.class);
    /** During a Redis outage every retry fails: one line a minute, not two a second. */
    private final RateLimitedLog warnings = new RateLimitedLog(log, Duration.ofMinutes(1));
    private static final int BATCH = 1000;

    private final RedisStreamCommands<byte[], byte[]> redis;
    private final AutoCloseable connection;
    private final StoreKeys keys;
    private final List<Integer> partitions;
    private final SubscriptionHub hub;
    private final Duration block;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param redis commands on a connection used by nothing else, whose timeout exceeds {@code block}
     * @param connection closed with the tailer
     */
    public LogTailer(RedisStreamCommands<byte[], byte[]> redis, AutoCloseable connection, StoreKeys keys, List<Integer> partitions,
            SubscriptionHub hub, Duration block) {
        this.partitions = List.copyOf(partitions);
        this.redis = requireNonNull(redis, "redis is null");
        this.connection = requireNonNull(connection, "connection is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.hub = requireNonNull(hub, "hub is null");
        this.block = requireNonNull(block, "block is null");
        this.thread = new Thread(this::run, "log-tailer-" + partitions);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        List<String> lastIds = null;
        while (running) {
            try {
                if (hub.size() == 0) {
                    // nobody to wake: reading the log would cost Redis and this server for nothing; a
                    // subscription reads what it needs when it starts, and the tailer then starts at the tails
                    lastIds = null;
                    hub.awaitSubscription(block);
                    continue;
                }
                if (lastIds == null) {
                    lastIds = currentTails();
                    hub.wakeAll();
                }
                List<XReadArgs.StreamOffset<byte[]>> offsets = new ArrayList<>();
                for (int i = 0; i < partitions.size(); i++) {
                    offsets.add(XReadArgs.StreamOffset.from(keys.logKey(partitions.get(i)), lastIds.get(i)));
                }
                @SuppressWarnings("unchecked")
                XReadArgs.StreamOffset<byte[]>[] streams = offsets.toArray(XReadArgs.StreamOffset[]::new);
                List<StreamMessage<byte[], byte[]>> appended = redis.xread(XReadArgs.Builder.block(block).count(BATCH), streams);
                for (StreamMessage<byte[], byte[]> message : appended) {
                    int index = indexOf(message.getStream());
                    int partition = partitions.get(index);
                    lastIds.set(index, message.getId());
                    LogPointer pointer = LogPointer.decode(partition, message);
                    hub.appended(partition, pointer.stream(), pointer.type());
                }
            }
            catch (InterruptedException e) {
                return;
            }
            catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                warnings.warn("lost", "Log tailer lost track (" + e + "); starting again from the current tails");
                lastIds = null;
                sleepQuietly(Duration.ofMillis(500));
            }
        }
    }

    /** Where each partition log ends now. */
    private List<String> currentTails() {
        List<String> tails = new ArrayList<>();
        for (int partition : partitions) {
            List<StreamMessage<byte[], byte[]>> last = redis.xrevrange(keys.logKey(partition), Range.unbounded(), Limit.from(1));
            tails.add(last.isEmpty() ? "0-0" : last.get(0).getId());
        }
        return tails;
    }

    private int indexOf(byte[] logKey) {
        for (int i = 0; i < partitions.size(); i++) {
            if (java.util.Arrays.equals(keys.logKey(partitions.get(i)), logKey)) {
                return i;
            }
        }
        throw new IllegalStateException("XREAD answered for a key it was not asked about");
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            connection.close();
            thread.join(5000);
        }
        catch (Exception e) {
            log.debug("closing the log tailer", e);
        }
    }
}
