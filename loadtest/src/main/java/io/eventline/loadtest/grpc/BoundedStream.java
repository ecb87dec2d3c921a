package io.eventline.loadtest.grpc;

import com.google.protobuf.Message;
import io.eventline.loadtest.run.Outcome;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * A server-streaming call that the client ends at its {@link StreamCallEnd} (ghz's
 * {@code --stream-call-count} and {@code --stream-call-duration}): the call is cancelled and
 * counted a success with the items received, where ghz reports it {@code Canceled}.
 */
final class BoundedStream implements ClientResponseObserver<Message, Message> {
    private final StreamCallEnder ender;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    /** Set once the outcome is decided, so that our own cancel is not reported as a failure. */
    private final AtomicBoolean finishing = new AtomicBoolean();
    private volatile ClientCallStreamObserver<Message> call;

    BoundedStream(StreamCallEnder ender) {
        this.ender = requireNonNull(ender, "ender is null");
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Message> requestStream) {
        this.call = requestStream;
        if (ender.end().hasDuration()) {
            ScheduledFuture<?> timer = ender.timer().schedule(this::end, ender.end().duration().toNanos(), TimeUnit.NANOSECONDS);
            outcome.whenComplete((done, error) -> timer.cancel(false));
        }
    }

    @Override
    public void onNext(Message response) {
        items.addAndGet(ResponseItems.of(response));
        if (ender.end().countReachedBy(responses.incrementAndGet())) {
            end();
        }
    }

    @Override
    public void onError(Throwable error) {
        if (finishing.compareAndSet(false, true)) {
            outcome.complete(RpcOutcomes.failed(error));
        }
    }

    @Override
    public void onCompleted() {
        if (finishing.compareAndSet(false, true)) {
            outcome.complete(Outcome.ok(items.get()));
        }
    }

    private void end() {
        if (finishing.compareAndSet(false, true)) {
            call.cancel("the client ended the stream (--stream-call-count or --stream-call-duration)", null);
            outcome.complete(Outcome.ok(items.get()));
        }
    }
}
