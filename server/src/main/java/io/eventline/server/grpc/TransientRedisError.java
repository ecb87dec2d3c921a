package io.eventline.server.grpc;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Recognizes Redis errors that pass by themselves — a dropped or reset connection, a timeout, a Redis
 * still loading its data after a restart, busy with a script, or not yet promoted — and says what
 * happened, so the client is told to retry (UNAVAILABLE) instead of being told the server is broken.
 */
final class TransientRedisError {
    /** What Lettuce says when a command's connection goes away under it (it raises a plain RedisException). */
    private static final List<String> CONNECTION_LOST = List.of("Connection closed", "Connection disconnected", "Currently not connected");
    /**
     * Error replies of a node that cannot serve for now (a failover, a cluster reconfiguring); MOVED and
     * ASK reach here only from commands sent to one node on purpose (a write followed by WAIT).
     */
    private static final List<String> NOT_READY_REPLIES = List.of("MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "MOVED", "ASK");
    /** How deep to look through wrapping exceptions for the Redis error. */
    private static final int MAX_DEPTH = 8;

    private TransientRedisError() {
    }

    /** Why Redis could not serve the request, when the reason is transient; empty for any other error. */
    static Optional<String> describe(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            Optional<String> reason = reasonOf(cause);
            if (reason.isPresent()) {
                return reason;
            }
            cause = cause.getCause();
        }
        return Optional.empty();
    }

    private static Optional<String> reasonOf(Throwable error) {
        String message = String.valueOf(error.getMessage());
        if (error instanceof RedisLoadingException) {
            return Optional.of("Redis is loading its data set (it restarted)");
        }
        if (error instanceof RedisBusyException) {
            return Optional.of("Redis is busy running a script");
        }
        if (error instanceof RedisReadOnlyException) {
            return Optional.of("Redis answered as a read-only replica (a failover is in progress)");
        }
        if (error instanceof RedisCommandExecutionException) {
            return NOT_READY_REPLIES.stream().anyMatch(message::startsWith)
                    ? Optional.of("Redis cannot serve for now (" + message + ")")
                    : Optional.empty();
        }
        if (error instanceof RedisCommandTimeoutException) {
            return Optional.of("Redis did not answer in time");
        }
        if (error instanceof RedisConnectionException || error instanceof IOException) {
            return Optional.of("the connection to Redis failed (" + message + ")");
        }
        if (error instanceof RedisException && CONNECTION_LOST.stream().anyMatch(message::startsWith)) {
            return Optional.of("the connection to Redis was lost (" + message + ")");
        }
        return Optional.empty();
    }
}
