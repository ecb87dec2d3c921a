package io.eventline.server.store.subscribe;

import io.eventline.server.store.Caller;
import io.eventline.server.store.InvalidArgumentException;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.PendingMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/** Describing a group, removing a consumer, replaying parked messages. */
public final class GroupAdmin {

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final GroupStore groups;
    private final SubscriptionHub hub;
    private final ConsumerRemover remover;
    private final SourceStatusReader sourceStatus;
    private final ParkedReplay parkedReplay;

    public GroupAdmin(RedisClusterAsyncCommands<byte[], byte[]> redis, GroupStore groups, SubscriptionHub hub) {
        this.redis = requireNonNull(redis, "redis is null");
        this.groups = requireNonNull(groups, "groups is null");
        this.hub = requireNonNull(hub, "hub is null");
        this.remover = new ConsumerRemover(redis);
        this.sourceStatus = new SourceStatusReader(redis);
        this.parkedReplay = new ParkedReplay(redis);
    }

    public CompletableFuture<GroupStatus> describe(String group, Caller caller) {
        return describe(group, caller, new GroupInfos(redis));
    }

    /**
     * Describes groups one after another for the server itself (a metrics refresh), reading what is
     * shared between groups (the XINFO GROUPS of a key) once for all of them: its figures are as of
     * its first use.
     */
    public Function<String, CompletableFuture<GroupStatus>> describer() {
        GroupInfos infos = new GroupInfos(redis);
        return group -> describe(group, Caller.trusted(), infos);
    }

    private CompletableFuture<GroupStatus> describe(String group, Caller caller, GroupInfos infos) {
        return groups.get(group, caller).thenCompose(definition -> {
            List<CompletableFuture<SourceStatusReader.SourceStatus>> statuses = new ArrayList<>();
            for (GroupSource source : groups.sources(definition)) {
                statuses.add(sourceStatus.read(group, source, groups.streamLocation(definition), infos));
            }
            return CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                long lag = 0;
                long pending = 0;
                long parked = 0;
                long oldestIdle = 0;
                Map<String, long[]> consumers = new LinkedHashMap<>();
                for (CompletableFuture<SourceStatusReader.SourceStatus> future : statuses) {
                    SourceStatusReader.SourceStatus status = future.join();
                    lag += status.lag();
                    pending += status.pending();
                    parked += status.parked();
                    oldestIdle = Math.max(oldestIdle, status.oldestPendingIdleMillis());
                    status.consumers().forEach((name, counts) -> {
                        long[] total = consumers.computeIfAbsent(name, key -> new long[] {0, Long.MAX_VALUE});
                        total[0] += counts[0];
                        total[1] = Math.min(total[1], counts[1]);
                    });
                }
                List<GroupStatus.ConsumerStatus> consumerStatuses = new ArrayList<>();
                consumers.forEach((name, counts) -> consumerStatuses.add(
                        new GroupStatus.ConsumerStatus(name, counts[0], Duration.ofMillis(counts[1] == Long.MAX_VALUE ? 0 : counts[1]))));
                return new GroupStatus(definition, lag, pending, Duration.ofMillis(oldestIdle), consumerStatuses, parked);
            });
        });
    }

    /** Hands a consumer's pending deliveries back to the group at once, then removes it. */
    public CompletableFuture<Long> removeConsumer(String group, String consumer, Caller caller) {
        Names.check(consumer, "consumer");
        return groups.get(group, caller).thenCompose(definition -> remover.remove(definition, groups.sources(definition), consumer)
                .thenApply(released -> {
                    hub.closeConsumer(group, consumer);
                    hub.reclaimSoon(group);
                    return released;
                }));
    }

    /** Moves parked messages (all when {@code maxCount} is 0) back to the group, oldest first. */
    public CompletableFuture<Long> replayParked(String group, long maxCount, Caller caller) {
        if (maxCount < 0) {
            return CompletableFuture.failedFuture(new InvalidArgumentException("max_count", "value is too large"));
        }
        return groups.get(group, caller).thenCompose(definition -> {
            List<CompletableFuture<Long>> moves = new ArrayList<>();
            for (GroupSource source : groups.sources(definition)) {
                moves.add(parkedReplay.move(source.parkedKey(), source.replayKey(), maxCount));
            }
            return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                long moved = 0;
                for (CompletableFuture<Long> move : moves) {
                    moved += move.join();
                }
                hub.reclaimSoon(group);
                return moved;
            });
        });
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
