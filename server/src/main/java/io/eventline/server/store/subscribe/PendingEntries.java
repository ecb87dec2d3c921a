package io.eventline.server.store.subscribe;

import io.eventline.server.redis.StoredEntries;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.read.LogPointer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Turns entries a consumer group read into deliveries: stream-key entries are events already; log
 * and replay entries are pointers, resolved with pipelined point reads. Entries the group's filter
 * drops, and pointers to deleted events, are acknowledged here so they never come back.
 */
final class PendingEntries {
    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoredEntries entries;
    private final StoreKeys keys;
    private final EventEntryCodec codec;
    private final AckKeyring keyring;

    PendingEntries(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec, AckKeyring keyring) {
        this.redis = requireNonNull(redis, "redis is null");
        this.entries = new StoredEntries(redis);
        this.keys = requireNonNull(keys, "keys is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.keyring = requireNonNull(keyring, "keyring is null");
    }

    /** An entry read from {@code key} of {@code source}, delivered {@code deliveryCount} times counting this one. */
    record Entry(GroupSource source, byte[] key, StreamMessage<byte[], byte[]> message, int deliveryCount) {
        AckId ackId() {
            return source.ackIdOf(key, message.getId());
        }
    }

    CompletableFuture<List<Delivery>> resolve(GroupDefinition group, List<Entry> entries) {
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return keyring.current().thenCompose(ackKeys -> resolve(group, entries, ackKeys));
    }

    private CompletableFuture<List<Delivery>> resolve(GroupDefinition group, List<Entry> entries, AckKeys ackKeys) {
        List<CompletableFuture<Delivery>> resolved = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            resolved.add(resolve(group, entry, ackKeys));
        }
        return CompletableFuture.allOf(resolved.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<Delivery> deliveries = new ArrayList<>(resolved.size());
            for (CompletableFuture<Delivery> delivery : resolved) {
                if (delivery.join() != null) {
                    deliveries.add(delivery.join());
                }
            }
            return deliveries;
        });
    }

    private CompletableFuture<Delivery> resolve(GroupDefinition group, Entry entry, AckKeys ackKeys) {
        GroupSource source = entry.source();
        StreamMessage<byte[], byte[]> message = entry.message();
        if (message.getBody() == null || message.getBody().isEmpty()) {
            // the entry was deleted (retention, stream deletion) while pending
            return acknowledge(group, entry);
        }
        boolean replay = source.isReplay(entry.key());
        if (!replay && source.kind() == AckId.Kind.STREAM) {
            RecordedEvent event = codec.decode(group.target().stream().orElseThrow(), source.partition(), message);
            return CompletableFuture.completedFuture(delivery(group, entry, event, ackKeys));
        }
        LogPointer pointer = LogPointer.decode(source.partition(), message);
        if (!replay && !group.target().matches(pointer.stream(), pointer.type())) {
            return acknowledge(group, entry);
        }
        StreamLocation location = keys.locate(pointer.stream());
        return entries.entry(location.streamKey(), codec.entryIdOf(pointer.version())).thenCompose(found -> {
            if (found.isEmpty()) {
                return acknowledge(group, entry);
            }
            RecordedEvent event = codec.decode(pointer.stream(), location.partition(), found.get(0));
            return CompletableFuture.completedFuture(delivery(group, entry, event, ackKeys));
        });
    }

    private static Delivery delivery(GroupDefinition group, Entry entry, RecordedEvent event, AckKeys ackKeys) {
        AckId ackId = entry.ackId();
        return new Delivery(event, Optional.of(new SealedAckId(ackId, ackKeys.seal(group.name(), ackId))), entry.deliveryCount());
    }

    private CompletableFuture<Delivery> acknowledge(GroupDefinition group, Entry entry) {
        return redis.xack(entry.key(), group.name().getBytes(StandardCharsets.UTF_8), entry.message().getId())
                .toCompletableFuture()
                .thenApply(ignored -> null);
    }

}
