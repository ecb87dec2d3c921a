package io.eventline.loadtest.operation;

import io.eventline.loadtest.redis.AppendScript;
import io.eventline.loadtest.redis.ScriptAppendArguments;
import io.eventline.loadtest.run.Operation;
import io.eventline.loadtest.run.Outcome;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Baseline: the server's append script called directly with EVALSHA, with the server's KEYS/ARGV
 * layout. Given one connection it is pipelined like the server's shared connection; given one per
 * worker slot, each worker waits for its reply before the next call (unpipelined).
 */
public final class ScriptAppend implements Operation {
    private final List<RedisAsyncCommands<byte[], byte[]>> connections;
    private final AppendScript script;
    private final ScriptAppendArguments arguments;
    private final StreamPicker streams;
    private final int eventsPerAppend;

    public ScriptAppend(List<RedisAsyncCommands<byte[], byte[]>> connections, AppendScript script,
            ScriptAppendArguments arguments, StreamPicker streams, int eventsPerAppend) {
        this.connections = List.copyOf(requireNonNull(connections, "connections is null"));
        this.script = requireNonNull(script, "script is null");
        this.arguments = requireNonNull(arguments, "arguments is null");
        this.streams = requireNonNull(streams, "streams is null");
        if (connections.isEmpty() || eventsPerAppend < 1) {
            throw new IllegalArgumentException("need a connection and at least one event per append");
        }
        this.eventsPerAppend = eventsPerAppend;
    }

    @Override
    public CompletableFuture<Outcome> start(long requestNumber, int slot) {
        String stream = streams.pick(requestNumber);
        RedisAsyncCommands<byte[], byte[]> redis = connections.get(Math.floorMod(slot, connections.size()));
        return script.run(redis, arguments.keysFor(stream), arguments.argumentsFor(stream, eventsPerAppend))
                .handle((reply, error) -> error == null ? RedisOutcomes.ofScriptReply(reply, eventsPerAppend) : RedisOutcomes.failed(error));
    }
}
