package io.eventline.loadtest.grpc;

import io.eventline.loadtest.run.Outcome;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

import static java.util.Objects.requireNonNull;

/**
 * Completes an outcome when a call ends: unary or server-streaming alike, counting the items each
 * response carries (events appended or read).
 */
public final class OutcomeObserver<T> implements StreamObserver<T> {
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final ToLongFunction<T> itemsOf;
    private long items;

    public OutcomeObserver(ToLongFunction<T> itemsOf) {
        this.itemsOf = requireNonNull(itemsOf, "itemsOf is null");
    }

    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    @Override
    public void onNext(T response) {
        items += itemsOf.applyAsLong(response);
    }

    @Override
    public void onError(Throwable error) {
        outcome.complete(RpcOutcomes.failed(error));
    }

    @Override
    public void onCompleted() {
        outcome.complete(Outcome.ok(items));
    }
}
