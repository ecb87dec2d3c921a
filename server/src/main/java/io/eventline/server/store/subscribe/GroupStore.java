package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoredField;
import io.eventline.server.concurrent.AsyncFailures;
import io.eventline.server.redis.RedisScript;
import io.eventline.server.store.Attempt;
import io.eventline.server.store.Caller;
import io.eventline.server.store.PermissionDeniedException;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.ScriptReply;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.StreamName;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static java.util.Objects.requireNonNull;

/**
 * Consumer group definitions and their Redis consumer groups. A group's definition is a hash
 * (target, filters, settings, and the entry ID each source starts after); the Redis consumer group
 * of the same name on each source key carries the delivery state.
 */
public final class GroupStore {
    private static final RedisScript CREATE_SCRIPT = StoredField.script(GroupStore.class, "create_group.lua");

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final StoreKeys keys;
    private final StartIds startIds;
    private final Clock clock;

    public GroupStore(RedisClusterAsyncCommands<byte[], byte[]> redis, StoreKeys keys, EventEntryCodec codec, Clock clock) {
        this.redis = requireNonNull(redis, "redis is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.startIds = new StartIds(redis, codec);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Creates a group; fails with {@link GroupExistsException} if the name is taken. */
    public CompletableFuture<GroupDefinition> create(String group, SubscriptionTarget requested, GroupSettings settings, SubscriptionStart start,
            Caller caller) {
        return Attempt.async(() -> {
            SubscriptionTarget target = requested.narrowedTo(caller.scope());
            requireCreatable(Names.check(group, "group"), target, caller);
            return createOrLoad(group, target, settings, start).thenApply(outcome -> {
                if (!outcome.created()) {
                    throw new GroupExistsException(group);
                }
                return outcome.definition();
            });
        });
    }

    /**
     * The group to subscribe to; its target must match. A missing group is created with default
     * settings when the caller may create groups, else it is {@link GroupNotFoundException}.
     */
    public CompletableFuture<GroupDefinition> ensure(String group, SubscriptionTarget requested, SubscriptionStart start, Caller caller) {
        return Attempt.async(() -> {
            SubscriptionTarget target = requested.narrowedTo(caller.scope());
            CompletableFuture<GroupDefinition> definition;
            if (caller.mayCreateGroups()) {
                requireCreatable(Names.check(group, "group"), target, caller);
                definition = createOrLoad(group, target, GroupSettings.defaults(), start).thenApply(Outcome::definition);
            }
            else {
                definition = get(group, caller);
            }
            return definition.thenApply(found -> {
                requireWithin(found, caller);
                if (!found.target().equals(target)) {
                    throw new io.eventline.server.store.FailedPreconditionException("consumer group '" + group + "' reads "
                            + found.target().describe() + " with other filters; subscribe with the group's own target or use another group");
                }
                return found;
            });
        });
    }

    /** A group the caller may see; one outside its scope is refused without saying what it reads. */
    public CompletableFuture<GroupDefinition> get(String group, Caller caller) {
        return Attempt.async(() -> {
            Names.check(group, "group");
            return redis.hgetall(keys.groupKey(group)).toCompletableFuture().thenApply(fields -> {
                if (fields.isEmpty()) {
                    throw new GroupNotFoundException(group);
                }
                GroupDefinition definition = decode(group, fields);
                requireWithin(definition, caller);
                return definition;
            });
        });
    }

    private static void requireCreatable(String group, SubscriptionTarget target, Caller caller) {
        if (!caller.mayCreateGroups()) {
            throw new PermissionDeniedException("creating consumer group '" + group + "' needs the admin role");
        }
        if (!target.within(caller.scope())) {
            throw new PermissionDeniedException("a group may only read streams starting with " + caller.scope().describe());
        }
    }

    private static void requireWithin(GroupDefinition definition, Caller caller) {
        if (!definition.target().within(caller.scope())) {
            throw new PermissionDeniedException("consumer group '" + definition.name() + "' reads streams outside " + caller.scope().describe());
        }
    }

    /** The groups the caller may see: named inside its scope and reading only streams inside it. */
    public CompletableFuture<List<GroupDefinition>> list(Caller caller) {
        return redis.smembers(keys.groupsKey()).toCompletableFuture().thenCompose(names -> {
            List<CompletableFuture<Map<byte[], byte[]>>> reads = new ArrayList<>();
            List<String> sorted = names.stream().map(name -> new String(name, StandardCharsets.UTF_8))
                    .filter(caller.scope()::coversName).sorted().toList();
            for (String name : sorted) {
                reads.add(redis.hgetall(keys.groupKey(name)).toCompletableFuture());
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                List<GroupDefinition> groups = new ArrayList<>();
                for (int i = 0; i < sorted.size(); i++) {
                    Map<byte[], byte[]> fields = reads.get(i).join();
                    if (!fields.isEmpty()) {
                        GroupDefinition definition = decode(sorted.get(i), fields);
                        if (definition.target().within(caller.scope())) {
                            groups.add(definition);
                        }
                    }
                }
                return groups;
            });
        });
    }

    public CompletableFuture<GroupDefinition> update(String group, GroupSettings settings, Caller caller) {
        return get(group, caller).thenCompose(definition -> redis.hset(keys.groupKey(group), Map.of(
                        StoredField.GROUP_ACK_TIMEOUT.bytes(), ascii(Long.toString(settings.ackTimeout().toMillis())),
                        StoredField.GROUP_MAX_DELIVERIES.bytes(), ascii(Integer.toString(settings.maxDeliveries()))))
                .toCompletableFuture()
                .thenApply(ignored -> new GroupDefinition(group, definition.target(), settings, definition.createdAt())));
    }

    /** Moves the group's position on every source; pending deliveries stay pending. */
    public CompletableFuture<Void> reset(String group, SubscriptionStart start, Caller caller) {
        return get(group, caller).thenCompose(definition -> {
            List<CompletableFuture<?>> resets = new ArrayList<>();
            for (GroupSource source : sources(definition)) {
                resets.add(startIds.lastDeliveredId(definition.target(), source, start, streamLocation(definition.target()))
                        .thenCompose(id -> redis.xgroupSetid(XReadArgs.StreamOffset.from(source.sourceKey(), id), ascii(group)).toCompletableFuture()));
            }
            return CompletableFuture.allOf(resets.toArray(CompletableFuture[]::new));
        });
    }

    /** Deletes the definition, the Redis consumer groups (with their pending lists) and the parked and replay streams. */
    public CompletableFuture<Void> delete(String group, Caller caller) {
        return get(group, caller).thenCompose(definition -> {
            List<CompletableFuture<?>> deletes = new ArrayList<>();
            for (GroupSource source : sources(definition)) {
                deletes.add(redis.xgroupDestroy(source.sourceKey(), ascii(group)).toCompletableFuture());
                deletes.add(redis.del(source.replayKey()).toCompletableFuture());
                deletes.add(redis.del(source.parkedKey()).toCompletableFuture());
            }
            deletes.add(redis.del(keys.groupKey(group)).toCompletableFuture());
            deletes.add(redis.srem(keys.groupsKey(), ascii(group)).toCompletableFuture());
            return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new));
        });
    }

    public List<GroupSource> sources(GroupDefinition definition) {
        return GroupSource.of(keys, definition.name(), definition.target());
    }

    /** Where a stream group's stream lives (its meta hash holds the stream's version); empty for a $all group. */
    Optional<StreamLocation> streamLocation(GroupDefinition definition) {
        return streamLocationOf(definition.target());
    }

    private record Outcome(GroupDefinition definition, boolean created) {
    }

    private CompletableFuture<Outcome> createOrLoad(String group, SubscriptionTarget target, GroupSettings settings, SubscriptionStart start) {
        Instant now = clock.instant();
        GroupDefinition proposed = new GroupDefinition(group, target, settings, Instant.ofEpochMilli(now.toEpochMilli()));
        List<GroupSource> sources = GroupSource.of(keys, group, target);
        List<CompletableFuture<String>> ids = new ArrayList<>();
        for (GroupSource source : sources) {
            ids.add(startIds.lastDeliveredId(target, source, start, streamLocation(target)));
        }
        return CompletableFuture.allOf(ids.toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
            List<byte[]> args = new ArrayList<>(List.of(ascii(group)));
            encode(proposed).forEach((field, value) -> {
                args.add(ascii(field));
                args.add(value);
            });
            for (int i = 0; i < sources.size(); i++) {
                args.add(ascii(StoredField.GROUP_START.text() + sources.get(i).partition()));
                args.add(ascii(ids.get(i).join()));
            }
            byte[][] scriptKeys = {keys.groupKey(group), keys.groupsKey()};
            return CREATE_SCRIPT.run(redis, scriptKeys, args.toArray(byte[][]::new));
        }).thenCompose(elements -> {
            ScriptReply reply = new ScriptReply(elements);
            boolean created = reply.outcome().equals("CREATED");
            Map<byte[], byte[]> fields = new HashMap<>();
            if (!created) {
                for (int i = 1; i + 1 < elements.size(); i += 2) {
                    fields.put((byte[]) elements.get(i), (byte[]) elements.get(i + 1));
                }
            }
            GroupDefinition definition = created ? proposed : decode(group, fields);
            Map<Integer, String> startIdsByPartition = created ? startIdsOf(sources, ids) : storedStartIds(fields);
            return createRedisGroups(definition, startIdsByPartition).thenApply(done -> new Outcome(definition, created));
        });
    }

    /** Creates the Redis consumer groups (idempotent: a group that exists already is left as it is). */
    private CompletableFuture<Void> createRedisGroups(GroupDefinition definition, Map<Integer, String> startIdsByPartition) {
        List<CompletableFuture<?>> creates = new ArrayList<>();
        for (GroupSource source : sources(definition)) {
            String startId = startIdsByPartition.getOrDefault(source.partition(), "0-0");
            creates.add(createRedisGroup(source.sourceKey(), definition.name(), startId));
            creates.add(createRedisGroup(source.replayKey(), definition.name(), "0-0"));
        }
        return CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> createRedisGroup(byte[] key, String group, String startId) {
        return redis.xgroupCreate(XReadArgs.StreamOffset.from(key, startId), ascii(group), XGroupCreateArgs.Builder.mkstream())
                .toCompletableFuture()
                .handle((ok, error) -> {
                    Throwable cause = error == null ? null : AsyncFailures.cause(error);
                    if (cause != null && !(cause instanceof RedisBusyException)) {
                        throw new CompletionException(cause);
                    }
                    return null;
                });
    }

    private Optional<StreamLocation> streamLocationOf(SubscriptionTarget target) {
        return target.stream().map(keys::locate);
    }

    private StreamLocation streamLocation(SubscriptionTarget target) {
        return streamLocationOf(target).orElse(null);
    }

    private static Map<Integer, String> startIdsOf(List<GroupSource> sources, List<CompletableFuture<String>> ids) {
        Map<Integer, String> byPartition = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            byPartition.put(sources.get(i).partition(), ids.get(i).join());
        }
        return byPartition;
    }

    private static Map<Integer, String> storedStartIds(Map<byte[], byte[]> fields) {
        Map<Integer, String> byPartition = new HashMap<>();
        fields.forEach((field, value) -> {
            String name = new String(field, StandardCharsets.UTF_8);
            if (name.matches("s\\d+")) {
                byPartition.put(Integer.parseInt(name.substring(1)), new String(value, StandardCharsets.US_ASCII));
            }
        });
        return byPartition;
    }

    private static Map<String, byte[]> encode(GroupDefinition definition) {
        Map<String, byte[]> fields = new java.util.LinkedHashMap<>();
        fields.put(StoredField.GROUP_TARGET.text(), definition.target().describe().getBytes(StandardCharsets.UTF_8));
        fields.put(StoredField.GROUP_CATEGORIES.text(), String.join("\n", definition.target().categories()).getBytes(StandardCharsets.UTF_8));
        fields.put(StoredField.GROUP_TYPES.text(), String.join("\n", definition.target().eventTypes()).getBytes(StandardCharsets.UTF_8));
        fields.put(StoredField.GROUP_PREFIXES.text(), String.join("\n", definition.target().streamPrefixes()).getBytes(StandardCharsets.UTF_8));
        fields.put(StoredField.GROUP_ACK_TIMEOUT.text(), ascii(Long.toString(definition.settings().ackTimeout().toMillis())));
        fields.put(StoredField.GROUP_MAX_DELIVERIES.text(), ascii(Integer.toString(definition.settings().maxDeliveries())));
        fields.put(StoredField.GROUP_CREATED.text(), ascii(Long.toString(definition.createdAt().toEpochMilli())));
        return fields;
    }

    private static GroupDefinition decode(String group, Map<byte[], byte[]> raw) {
        Map<String, String> fields = new HashMap<>();
        raw.forEach((field, value) -> fields.put(new String(field, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8)));
        String stream = fields.getOrDefault(StoredField.GROUP_TARGET.text(), "$all");
        SubscriptionTarget target = stream.equals("$all")
                ? SubscriptionTarget.all(split(fields.get(StoredField.GROUP_CATEGORIES.text())), split(fields.get(StoredField.GROUP_TYPES.text())),
                        split(fields.get(StoredField.GROUP_PREFIXES.text())))
                : SubscriptionTarget.stream(StreamName.fromStored(stream.getBytes(StandardCharsets.UTF_8)));
        GroupSettings settings = new GroupSettings(
                Duration.ofMillis(Long.parseLong(fields.getOrDefault(StoredField.GROUP_ACK_TIMEOUT.text(), Long.toString(GroupSettings.DEFAULT_ACK_TIMEOUT.toMillis())))),
                Integer.parseInt(fields.getOrDefault(StoredField.GROUP_MAX_DELIVERIES.text(), Integer.toString(GroupSettings.DEFAULT_MAX_DELIVERIES))));
        return new GroupDefinition(group, target, settings, Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault(StoredField.GROUP_CREATED.text(), "0"))));
    }

    private static Set<String> split(String joined) {
        if (joined == null || joined.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.asList(joined.split("\n")));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
