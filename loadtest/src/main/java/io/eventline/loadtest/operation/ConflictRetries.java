package io.eventline.loadtest.operation;

import io.eventline.loadtest.run.Outcome;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import static java.util.Objects.requireNonNull;

/**
 * The retry loop every optimistic writer shares: try, and on a conflict try again (the attempt
 * itself re-reads what it needs), up to {@code maxAttempts}; counts what happened.
 */
public final class ConflictRetries {
    private final ContentionCounters counters;
    private final int maxAttempts;

    public ConflictRetries(ContentionCounters counters, int maxAttempts) {
        this.counters = requireNonNull(counters, "counters is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    /** Runs {@code attempt} (given its number, from 1) until it commits, fails, or runs out of tries. */
    CompletableFuture<Outcome> run(IntFunction<CompletableFuture<AttemptResult>> attempt) {
        return next(attempt, 1);
    }

    private CompletableFuture<Outcome> next(IntFunction<CompletableFuture<AttemptResult>> attempt, int number) {
        return attempt.apply(number).thenCompose(result -> switch (result.kind()) {
            case COMMITTED -> {
                counters.success();
                yield CompletableFuture.completedFuture(result.outcome());
            }
            case FAILED -> CompletableFuture.completedFuture(result.outcome());
            case CONFLICT -> {
                counters.conflict();
                if (number >= maxAttempts) {
                    counters.gaveUp();
                    yield CompletableFuture.completedFuture(result.outcome());
                }
                counters.retry();
                yield next(attempt, number + 1);
            }
        });
    }
}
