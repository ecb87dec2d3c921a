package io.eventline.server.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertSame;

/** The failure is found under any number of future wrappers, and a wrapper without a cause is the failure itself. */
class AsyncFailuresTest {
    @Test
    void looksThroughCompletionAndExecutionExceptions() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertSame(failure, AsyncFailures.cause(new CompletionException(new ExecutionException(new CompletionException(failure)))));
        assertSame(failure, AsyncFailures.cause(failure));
    }

    @Test
    void aWrapperWithoutACauseIsKept() {
        CompletionException bare = new CompletionException("no cause", null);

        assertSame(bare, AsyncFailures.cause(bare));
    }
}
