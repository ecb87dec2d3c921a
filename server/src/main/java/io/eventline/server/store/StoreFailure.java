package io.eventline.server.store;

import io.eventline.server.concurrent.AsyncFailures;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;

import java.io.IOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a failed store operation means, decided in one place for every caller: the client's own
 * mistake (a {@link StoreException}), a Redis that cannot serve for a moment, a Redis that refuses
 * writes until an operator acts (disk or memory full), a consumer group deleted under a reader, or a bug.
 */
public record StoreFailure(Kind kind, Throwable cause, String description) {
    /** The kinds of failure, each with its own answer to the client. */
    public enum Kind {
        /** The request was refused for a reason the client can fix; {@link #cause()} is the {@link StoreException}. */
        REFUSED,
        /** Redis cannot serve for now (connection lost, timeout, loading, failover): retry. */
        TRANSIENT,
        /** Redis cannot persist (MISCONF: a full disk fails its AOF or RDB writes) and refuses writes until that is fixed. */
        REDIS_CANNOT_PERSIST,
        /** Redis reached {@code maxmemory} (OOM) and refuses writes until memory is freed or raised. */
        REDIS_OUT_OF_MEMORY,
        /** The consumer group was deleted while it was being read (NOGROUP). */
        GROUP_DELETED,
        /** Anything else: a bug or a state the server does not know; logged in full. */
        UNEXPECTED
    }

    /** What Lettuce says when a command's connection goes away under it (it raises a plain RedisException). */
    private static final List<String> CONNECTION_LOST = List.of("Connection closed", "Connection disconnected", "Currently not connected");
    /**
     * Error replies of a node that cannot serve for now (a failover, a cluster reconfiguring); MOVED and
     * ASK reach here only from commands sent to one node on purpose (a write followed by WAIT).
     */
    private static final List<String> NOT_READY_REPLIES = List.of("MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "MOVED", "ASK", "NOSCRIPT");
    /** How deep to look through wrapping exceptions for the Redis error. */
    private static final int MAX_DEPTH = 8;

    public StoreFailure {
        requireNonNull(kind, "kind is null");
        requireNonNull(cause, "cause is null");
        requireNonNull(description, "description is null");
    }

    /** Classifies {@code error}, looking through the layers futures and Lettuce wrap around it. */
    public static StoreFailure of(Throwable error) {
        Throwable outermost = AsyncFailures.cause(error);
        if (outermost instanceof StoreException refused) {
            return new StoreFailure(Kind.REFUSED, refused, String.valueOf(refused.getMessage()));
        }
        Throwable cause = outermost;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            StoreFailure known = known(cause);
            if (known != null) {
                return known;
            }
            cause = cause.getCause();
        }
        return new StoreFailure(Kind.UNEXPECTED, outermost, outermost.toString());
    }

    public boolean is(Kind expected) {
        return kind == expected;
    }

    /** The failure when {@code error} is one Redis raises for a known reason; null for any other. */
    private static StoreFailure known(Throwable error) {
        String message = String.valueOf(error.getMessage());
        if (error instanceof RedisLoadingException) {
            return new StoreFailure(Kind.TRANSIENT, error, "Redis is loading its data set (it restarted)");
        }
        if (error instanceof RedisBusyException) {
            return new StoreFailure(Kind.TRANSIENT, error, "Redis is busy running a script");
        }
        if (error instanceof RedisReadOnlyException) {
            return new StoreFailure(Kind.TRANSIENT, error, "Redis answered as a read-only replica (a failover is in progress)");
        }
        if (error instanceof RedisCommandExecutionException) {
            return replyFailure(error, message);
        }
        if (error instanceof RedisCommandTimeoutException) {
            return new StoreFailure(Kind.TRANSIENT, error, "Redis did not answer in time");
        }
        if (error instanceof RedisConnectionException || error instanceof IOException) {
            return new StoreFailure(Kind.TRANSIENT, error, "the connection to Redis failed (" + message + ")");
        }
        if (error instanceof RedisException && CONNECTION_LOST.stream().anyMatch(message::startsWith)) {
            return new StoreFailure(Kind.TRANSIENT, error, "the connection to Redis was lost (" + message + ")");
        }
        return null;
    }

    /** An error reply; inside a script Redis puts the command's error after "ERR Error running script" or in the middle. */
    private static StoreFailure replyFailure(Throwable error, String message) {
        if (message.startsWith("MISCONF") || message.contains("MISCONF ")) {
            return new StoreFailure(Kind.REDIS_CANNOT_PERSIST, error,
                    "Redis refuses writes because it cannot persist them (MISCONF; often a full disk): an operator must free disk space "
                            + "or fix Redis's persistence, then retry");
        }
        if (message.startsWith("OOM") || message.contains("OOM command not allowed")) {
            return new StoreFailure(Kind.REDIS_OUT_OF_MEMORY, error,
                    "Redis refuses writes because it reached maxmemory (OOM): an operator must raise maxmemory, add memory or "
                            + "delete data (retention, stream deletion), then retry");
        }
        if (message.startsWith("NOGROUP")) {
            return new StoreFailure(Kind.GROUP_DELETED, error, "the consumer group was deleted");
        }
        if (NOT_READY_REPLIES.stream().anyMatch(message::startsWith)) {
            return new StoreFailure(Kind.TRANSIENT, error, "Redis cannot serve for now (" + message + ")");
        }
        return null;
    }
}
