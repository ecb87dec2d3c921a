package io.eventline.loadtest.scenario;

import io.eventline.loadtest.grpc.ChannelPool;
import io.eventline.loadtest.operation.EntryFields;
import io.eventline.loadtest.operation.EventFactory;
import io.eventline.loadtest.redis.RedisSession;
import io.eventline.server.store.StoreKeys;

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
