package io.eventline.client.internal;

import io.eventline.client.RetryPolicy;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Makes unary calls: each attempt with its own deadline, idempotent calls retried on
 * {@code UNAVAILABLE} after a backoff, failures translated into the SDK's exceptions.
 */
final class UnaryCaller {
    private final ManagedChannel channel;
    private final CallOptionsFactory callOptions;
    private final RetryPolicy retryPolicy;

    UnaryCaller(ManagedChannel channel, CallOptionsFactory callOptions, RetryPolicy retryPolicy) {
        this.channel = requireNonNull(channel, "channel is null");
        this.callOptions = requireNonNull(callOptions, "callOptions is null");
        this.retryPolicy = requireNonNull(retryPolicy, "retryPolicy is null");
    }

    public <Q, R> CompletableFuture<R> call(MethodDescriptor<Q, R> method, Q request, Idempotence idempotence) {
        CompletableFuture<R> result = new CompletableFuture<>();
        attempt(method, request, idempotence, 1, result);
        return result;
    }

    private <Q, R> void attempt(MethodDescriptor<Q, R> method, Q request, Idempotence idempotence, int attempt, CompletableFuture<R> result) {
        ClientCalls.asyncUnaryCall(channel.newCall(method, callOptions.unary()), request, new StreamObserver<R>() {
            private R response;

            @Override
            public void onNext(R value) {
                response = value;
            }

            @Override
            public void onError(Throwable error) {
                Status.Code code = Status.fromThrowable(error).getCode();
                if (idempotence == Idempotence.IDEMPOTENT && retryPolicy.allowsRetry(code, attempt) && !channel.isShutdown()) {
                    long delay = retryPolicy.backoff().delay(attempt).toMillis();
                    CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
                            .execute(() -> attempt(method, request, idempotence, attempt + 1, result));
                    return;
                }
                result.completeExceptionally(ErrorTranslator.translate(error));
            }

            @Override
            public void onCompleted() {
                result.complete(response);
            }
        });
    }
}
