package io.eventline.server.store.append;

import io.eventline.server.store.StoredField;
import io.eventline.server.concurrent.AsyncFailures;
import io.eventline.server.metrics.EventlineMetrics;
import io.eventline.server.redis.RedisScript;
import io.eventline.server.store.Attempt;
import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.EventIdConflictException;
import io.eventline.server.store.Position;
import io.eventline.server.store.ScriptReply;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamDeletedException;
import io.eventline.server.store.StreamLocation;
import io.eventline.server.store.WrongExpectedVersionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The append path: validate, then queue for the partition's next call of the one atomic script that
 * checks, deduplicates and writes each append of the call on its own (group commit).
 */
public final class EventAppender {
    private static final RedisScript APPEND_SCRIPT = StoredField.script(EventAppender.class, "append.lua");

    private final StoreKeys keys;
    private final AppendValidator validator;
    private final AppendScriptArguments scriptArguments;
    private final GroupCommitLimits groupCommit;
    private final EventlineMetrics metrics;
    private final ReplicationWait replicationWait;
    private final Map<Integer, PartitionAppendQueue> queues = new ConcurrentHashMap<>();

    /** @param replicationWait where the append script runs, and when its acknowledgement may go */
    public EventAppender(StoreKeys keys, AppendValidator validator, EventEntryCodec codec, int dedupWindow, GroupCommitLimits groupCommit,
            EventlineMetrics metrics, ReplicationWait replicationWait) {
        this.keys = requireNonNull(keys, "keys is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.scriptArguments = new AppendScriptArguments(codec, dedupWindow);
        this.groupCommit = requireNonNull(groupCommit, "groupCommit is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.replicationWait = requireNonNull(replicationWait, "replicationWait is null");
    }

    public CompletableFuture<AppendResult> append(AppendRequest request) {
        long started = System.nanoTime();
        return Attempt.async(() -> append(validator.validate(request))).whenComplete((result, error) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (error == null) {
                metrics.appended(request.events().size(), took, result.deduplicated());
            }
            else if (AsyncFailures.cause(error) instanceof WrongExpectedVersionException) {
                metrics.appendConflicted(took);
            }
            else {
                metrics.appendRefused(took);
            }
        });
    }

    private CompletableFuture<AppendResult> append(ValidatedAppend append) {
        StreamLocation location = keys.locate(append.stream());
        QueuedAppend queued = QueuedAppend.of(scriptArguments.keys(location),
                scriptArguments.arguments(append.stream(), append.expectedVersion(), append.events()), append.events().size());
        return queues.computeIfAbsent(location.partition(), this::newQueue).submit(queued)
                .thenApply(reply -> toResult(append, location.partition(), reply));
    }

    private PartitionAppendQueue newQueue(int partition) {
        return new PartitionAppendQueue(partition, groupCommit, this::call);
    }

    /** One script call for the batch; with replicas to wait for, WAIT follows the call, before any append is answered. */
    private CompletableFuture<List<ScriptReply>> call(List<QueuedAppend> batch) {
        List<byte[][]> callKeys = new ArrayList<>(batch.size());
        List<byte[][]> callArguments = new ArrayList<>(batch.size());
        for (QueuedAppend queued : batch) {
            callKeys.add(queued.keys());
            callArguments.add(queued.arguments());
        }
        metrics.appendCall(batch.size());
        byte[][] scriptKeys = scriptArguments.callKeys(callKeys);
        byte[][] scriptArgs = scriptArguments.callArguments(callArguments);
        // every key of a partition shares its hash slot: the first stream key names the node for all
        return replicationWait.write(scriptKeys[1], redis -> APPEND_SCRIPT.run(redis, scriptKeys, scriptArgs)
                .thenApply(reply -> new ScriptReply(reply).split()));
    }

    private static AppendResult toResult(ValidatedAppend append, int partition, ScriptReply reply) {
        String outcome = reply.outcome();
        String stream = append.stream().value();
        switch (outcome) {
            case "OK", "DUP" -> {
                List<Position> positions = new ArrayList<>(reply.size() - 3);
                for (int i = 3; i < reply.size(); i++) {
                    positions.add(Position.ofEntryId(partition, reply.text(i)));
                }
                return new AppendResult(reply.number(1), reply.number(2), positions, outcome.equals("DUP"));
            }
            case "WRONG" -> throw new WrongExpectedVersionException(stream, append.expectedVersion(), reply.number(1));
            case "CONFLICT" -> throw new EventIdConflictException(stream);
            case "DELETED" -> throw new StreamDeletedException(stream);
            default -> throw new IllegalStateException("append script replied " + outcome);
        }
    }
}
