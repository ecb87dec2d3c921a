package io.eventline.server.store.append;

import io.eventline.server.store.ScriptReply;

import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * An append waiting for, or riding in, a call of the append script: its share of the call's KEYS and
 * ARGV, its size (events, and bytes of ARGV) for the caps, and where its own reply goes.
 */
record QueuedAppend(byte[][] keys, byte[][] arguments, int events, long bytes, CompletableFuture<ScriptReply> reply) {
    QueuedAppend {
        requireNonNull(keys, "keys is null");
        requireNonNull(arguments, "arguments is null");
        requireNonNull(reply, "reply is null");
    }

    static QueuedAppend of(byte[][] keys, byte[][] arguments, int events) {
        long bytes = 0;
        for (byte[] argument : arguments) {
            bytes += argument.length;
        }
        return new QueuedAppend(keys, arguments, events, bytes, new CompletableFuture<>());
    }
}
