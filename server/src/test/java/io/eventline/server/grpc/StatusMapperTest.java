package io.eventline.server.grpc;

import io.eventline.server.store.AppendQueueFullException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis errors that pass are UNAVAILABLE (the client retries) with a description of what happened; other failures stay INTERNAL. */
class StatusMapperTest {
    private final StatusMapper mapper = new StatusMapper();

    static Stream<Arguments> transientErrors() {
        return Stream.of(
                Arguments.of(new RedisLoadingException("LOADING Redis is loading the dataset in memory"), "loading its data set"),
                Arguments.of(new RedisConnectionException("Unable to connect to 127.0.0.1:6379"), "connection to Redis failed"),
                Arguments.of(new RedisCommandTimeoutException("Command timed out after 10 second(s)"), "did not answer in time"),
                Arguments.of(new RedisException("Connection closed"), "connection to Redis was lost"),
                Arguments.of(new RedisException("Connection disconnected"), "connection to Redis was lost"),
                Arguments.of(new IOException("Connection reset by peer"), "Connection reset by peer"),
                Arguments.of(new RedisException(new ClosedChannelException()), "connection to Redis failed"),
                Arguments.of(new RedisBusyException("BUSY Redis is busy running a script"), "busy running a script"),
                Arguments.of(new RedisReadOnlyException("READONLY You can't write against a read only replica."), "read-only replica"),
                Arguments.of(new RedisCommandExecutionException("MASTERDOWN Link with MASTER is down"), "MASTERDOWN"),
                Arguments.of(new RedisCommandExecutionException("TRYAGAIN Multiple keys request during rehashing of slot"), "TRYAGAIN"),
                Arguments.of(new RedisCommandExecutionException("CLUSTERDOWN The cluster is down"), "CLUSTERDOWN"));
    }

    @ParameterizedTest
    @MethodSource("transientErrors")
    void transientRedisErrorsAreUnavailable(Throwable error, String described) {
        Status status = mapper.toStatus(new CompletionException(error)).getStatus();

        assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status::toString);
        assertTrue(status.getDescription().contains(described), status::getDescription);
        assertTrue(status.getDescription().contains("retry"), status::getDescription);
    }

    @Test
    void redisOutOfMemoryIsResourceExhaustedAndSaysWhatTheOperatorMustDo() {
        Status status = mapper.toStatus(new CompletionException(new RedisCommandExecutionException(
                "OOM command not allowed when used memory > 'maxmemory'."))).getStatus();

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status::toString);
        assertTrue(status.getDescription().contains("raise maxmemory"), status::getDescription);
    }

    @Test
    void aFullAppendQueueIsResourceExhaustedAndSaysToRetry() {
        Status status = mapper.toStatus(new CompletionException(new AppendQueueFullException(2,
                "100000 events queued, store.group-commit.max-queued-events is 100000"))).getStatus();

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status::toString);
        assertTrue(status.getDescription().contains("too many appends are waiting for partition 2"), status::getDescription);
        assertTrue(status.getDescription().contains("retry after a short backoff, with the same event ids"), status::getDescription);
    }

    @Test
    void redisUnableToPersistIsUnavailableAndSaysWhatTheOperatorMustDo() {
        Status status = mapper.toStatus(new ExecutionException(new RedisCommandExecutionException(
                "MISCONF Errors writing to the AOF file: No space left on device"))).getStatus();

        assertEquals(Status.Code.UNAVAILABLE, status.getCode(), status::toString);
        assertTrue(status.getDescription().contains("free disk space"), status::getDescription);
    }

    @Test
    void anInternalErrorDoesNotShowTheExceptionToTheClient() {
        Status status = mapper.toStatus(new CompletionException(new IllegalStateException("secret detail"))).getStatus();

        assertEquals(Status.Code.INTERNAL, status.getCode());
        assertFalse(status.getDescription().contains("secret detail"), status::getDescription);
    }

    @Test
    void otherRedisErrorsAreInternal() {
        StatusRuntimeException mapped = mapper.toStatus(new RedisCommandExecutionException("ERR wrong number of arguments for 'xadd' command"));

        assertEquals(Status.Code.INTERNAL, mapped.getStatus().getCode());
    }

    @Test
    void programmingErrorsAreInternal() {
        StatusRuntimeException mapped = mapper.toStatus(new IllegalStateException("append script replied ?"));

        assertEquals(Status.Code.INTERNAL, mapped.getStatus().getCode());
    }
}
