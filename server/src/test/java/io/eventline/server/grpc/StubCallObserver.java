package io.eventline.server.grpc;

import io.grpc.stub.ServerCallStreamObserver;

import java.util.concurrent.CompletableFuture;

/**
 * A server call's observer for tests of the calls that drive one: readiness set by the test, the
 * onReady handler kept so the test can fire it, and how the call ended.
 */
class StubCallObserver<T> extends ServerCallStreamObserver<T> {
    final CompletableFuture<Throwable> ended = new CompletableFuture<>();
    volatile boolean ready = true;
    volatile Runnable onReady = () -> { };

    @Override
    public void onNext(T value) {
    }

    @Override
    public void onError(Throwable error) {
        ended.complete(error);
    }

    @Override
    public void onCompleted() {
        ended.complete(null);
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
        onReady = handler;
    }

    @Override
    public void setCompression(String compression) {
    }

    @Override
    public void disableAutoInboundFlowControl() {
    }

    @Override
    public void request(int count) {
    }

    @Override
    public void setMessageCompression(boolean enable) {
    }
}
