package io.eventline.server.grpc;

import io.grpc.stub.StreamObserver;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** Completes a unary call from a store future: the value mapped to a response, or the error mapped to a status. */
public final class UnaryResponder {
    private final StatusMapper statusMapper;

    public UnaryResponder(StatusMapper statusMapper) {
        this.statusMapper = requireNonNull(statusMapper, "statusMapper is null");
    }

    /** {@code call} may also throw at once (bad input found while translating the request). */
    public <T, R> void respond(StreamObserver<R> observer, Supplier<CompletableFuture<T>> call, Function<T, R> toResponse) {
        CompletableFuture<T> future;
        try {
            future = call.get();
        }
        catch (RuntimeException e) {
            observer.onError(statusMapper.toStatus(e));
            return;
        }
        future.whenComplete((value, error) -> {
            if (error != null) {
                observer.onError(statusMapper.toStatus(error));
                return;
            }
            R response;
            try {
                response = toResponse.apply(value);
            }
            catch (RuntimeException e) {
                observer.onError(statusMapper.toStatus(e));
                return;
            }
            observer.onNext(response);
            observer.onCompleted();
        });
    }
}
