package io.eventline.server.concurrent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

// a stack overflow inside a CompletableFuture callback leaves the result incomplete, and join() ignores interrupts
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BoundedFanOutTest {
    private static final List<Integer> THIRTY = IntStream.range(0, 30).boxed().toList();

    /** Tasks that complete only when the test completes them, in the order they were started. */
    private final List<CompletableFuture<String>> started = new ArrayList<>();
    private int completed;

    @Test
    void neverHasMoreThanTheLimitInFlightAndKeepsTheItemsOrder() {
        CompletableFuture<List<String>> results = new BoundedFanOut(8).map(THIRTY, this::startHeldTask);

        int mostInFlight = 0;
        while (completed < started.size()) {
            mostInFlight = Math.max(mostInFlight, started.size() - completed);
            // the newest first, so results arrive out of the items' order
            completeNewestRunning();
        }

        assertEquals(8, mostInFlight);
        assertEquals(30, started.size());
        assertEquals(THIRTY.stream().map(String::valueOf).toList(), results.join());
    }

    @Test
    void aFailureFailsTheWholeAndStartsNoMore() {
        CompletableFuture<List<String>> results = new BoundedFanOut(8).map(THIRTY, this::startHeldTask);
        IllegalStateException failure = new IllegalStateException("group gone");

        started.get(3).completeExceptionally(failure);
        completeNewestRunning();

        assertSame(failure, assertThrows(CompletionException.class, results::join).getCause());
        assertEquals(8, started.size());
    }

    @Test
    void cancellingStartsNoMore() {
        CompletableFuture<List<String>> results = new BoundedFanOut(8).map(THIRTY, this::startHeldTask);

        results.cancel(false);
        completeNewestRunning();

        assertEquals(8, started.size());
    }

    @Test
    void tasksThatCompleteAtOnceDoNotGrowTheStack() {
        List<Integer> many = IntStream.range(0, 200_000).boxed().toList();

        List<Integer> results = new BoundedFanOut(8).map(many, CompletableFuture::completedFuture).join();

        assertEquals(many, results);
    }

    @Test
    void noItemsIsAnEmptyResult() {
        CompletableFuture<List<String>> results = new BoundedFanOut(8).map(List.of(), this::startHeldTask);

        assertTrue(results.isDone());
        assertEquals(List.of(), results.join());
        assertFalse(results.isCompletedExceptionally());
    }

    private CompletableFuture<String> startHeldTask(Integer item) {
        CompletableFuture<String> task = new CompletableFuture<>();
        started.add(task);
        return task.thenApply(ignored -> String.valueOf(item));
    }

    private void completeNewestRunning() {
        for (int i = started.size() - 1; i >= 0; i--) {
            if (!started.get(i).isDone()) {
                completed++;
                started.get(i).complete("done");
                return;
            }
        }
    }
}
