package io.eventline.server.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Runs an asynchronous task for each item of a list with at most {@code limit} tasks in flight,
 * starting the next item's as one completes. The first failure fails the whole and starts no more;
 * so does cancelling (or otherwise completing) the returned future.
 */
public final class BoundedFanOut {
    private final int limit;

    public BoundedFanOut(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /** The tasks' results, in the order of the items. */
    public <T, R> CompletableFuture<List<R>> map(List<T> items, Function<T, CompletableFuture<R>> task) {
        return new Run<>(List.copyOf(items), task).start(limit);
    }

    private static final class Run<T, R> {
        private final List<T> items;
        private final Function<T, CompletableFuture<R>> task;
        private final AtomicReferenceArray<R> results;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger remaining;
        private final CompletableFuture<List<R>> done = new CompletableFuture<>();

        Run(List<T> items, Function<T, CompletableFuture<R>> task) {
            this.items = items;
            this.task = task;
            this.results = new AtomicReferenceArray<>(items.size());
            this.remaining = new AtomicInteger(items.size());
        }

        CompletableFuture<List<R>> start(int limit) {
            if (items.isEmpty()) {
                done.complete(List.of());
            }
            for (int lane = 0; lane < Math.min(limit, items.size()); lane++) {
                startNext();
            }
            return done;
        }

        /**
         * Starts the next item's task. Tasks that complete at once are followed in this loop rather
         * than from their callbacks, so a long list of them cannot overflow the stack.
         */
        private void startNext() {
            while (true) {
                int index = next.getAndIncrement();
                if (index >= items.size() || done.isDone()) {
                    return;
                }
                CompletableFuture<Boolean> settled = startTask(index).handle((result, error) -> settle(index, result, error));
                if (!settled.isDone()) {
                    settled.thenAccept(more -> {
                        if (more) {
                            startNext();
                        }
                    });
                    return;
                }
                if (!settled.join()) {
                    return;
                }
            }
        }

        private CompletableFuture<R> startTask(int index) {
            try {
                return task.apply(items.get(index));
            }
            catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        /** Records one outcome; whether to go on with the next item. */
        private boolean settle(int index, R result, Throwable error) {
            if (error != null) {
                done.completeExceptionally(error);
                return false;
            }
            results.set(index, result);
            if (remaining.decrementAndGet() == 0) {
                List<R> all = new ArrayList<>(items.size());
                for (int i = 0; i < items.size(); i++) {
                    all.add(results.get(i));
                }
                done.complete(all);
                return false;
            }
            return true;
        }
    }
}
