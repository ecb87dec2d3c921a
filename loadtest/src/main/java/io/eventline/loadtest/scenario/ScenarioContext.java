package io.eventline.loadtest.scenario;

import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.loadtest.operation.EntryFields;
import io.eventline.loadtest.operation.EventFactory;
import io.eventline.loadtest.redis.RedisSession;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamName;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** What a scenario works with: its settings, the server's channels, the Redis for baselines, and where results go. */
public record ScenarioContext(
        ScenarioSettings settings,
        BenchNames names,
        ChannelPool channels,
        RedisSession redis,
        PhaseRunner phases,
        ScenarioPrinter printer) {
    public ScenarioContext {
        requireNonNull(settings, "settings is null");
        requireNonNull(names, "names is null");
        requireNonNull(channels, "channels is null");
        requireNonNull(redis, "redis is null");
        requireNonNull(phases, "phases is null");
        requireNonNull(printer, "printer is null");
    }

    /** The server's key layout, for reading what the server wrote. */
    public StoreKeys serverKeys() {
        return new StoreKeys(settings.namespace(), settings.partitions());
    }

    /**
     * The key the server stores {@code stream} in, checked to hold {@code entries} entries in the
     * Redis at --redis-uri: a baseline that reads it must read the server's own Redis and layout.
     */
    public byte[] serverStreamKey(String stream, long entries) throws Exception {
        byte[] key = serverKeys().locate(StreamName.parse(stream, "stream")).streamKey();
        long stored = redis.shared().xlen(key).get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        if (stored != entries) {
            throw new IllegalStateException("the Redis at --redis-uri holds " + stored + " entries in the server's key "
                    + new String(key, StandardCharsets.UTF_8) + ", not " + entries
                    + ": give the Redis the server uses, and the server's --namespace and --partitions");
        }
        return key;
    }

    /** The same layout in the baselines' own namespace, one partition. */
    public StoreKeys baselineKeys() {
        return new StoreKeys(names.baselineNamespace(), 1);
    }

    /** A prefix for raw baseline keys: {@code elbench<run>:}. */
    public String baselineKeyPrefix() {
        return names.baselineNamespace() + ":";
    }

    public EventFactory events() {
        return new EventFactory(settings.eventType(), settings.payloadBytes(), settings.contentType(), settings.clientIds());
    }

    public EntryFields entryFields() {
        return new EntryFields(events());
    }
}
