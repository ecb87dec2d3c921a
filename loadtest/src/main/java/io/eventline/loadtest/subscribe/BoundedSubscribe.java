package io.eventline.loadtest.subscribe;

import io.eventline.loadtest.grpc.RpcOutcomes;
import io.eventline.loadtest.grpc.StreamCallEnd;
import io.eventline.loadtest.grpc.StreamCallEnder;
import io.eventline.loadtest.run.Outcome;
import io.eventline.proto.v1.SubscribeRequest;
import io.grpc.Channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * One Subscribe call of a ghz-style run. A subscription never ends by itself, so the client ends it
 * when its {@link StreamCallEnd} is reached: it cancels the call and counts it a success, with the
 * deliveries it received as its items. A group's deliveries are acked in batches as they come, and
 * the rest right after the cancel; the call's outcome waits for every Ack to be answered, and a
 * failed Ack fails the call. Unsettled, a delivery would hold the consumer at its max_in_flight and
 * come back to the group after its ack timeout. The rest is acked after the cancel, not before,
 * because an Ack frees max_in_flight room that the server fills at once: acked first, a whole window
 * of new deliveries would be sent to a call about to be cancelled, and stay pending until the ack
 * timeout (measured: 10 calls of 100 on a 1,000-event backlog received 500 events that way, 1,000 this way).
 */
public final class BoundedSubscribe {
    /** Deliveries per Ack call, as the scenarios' default {@code --ack-batch}. */
    static final int ACK_BATCH = 100;

    private final SubscribeRequest request;
    private final StreamCallEnder ender;
    private final SubscriberCounts counts = new SubscriberCounts();
    private final Subscriber subscriber;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    /** Set once the outcome is being decided: by the end being reached or by the call failing. */
    private final AtomicBoolean finishing = new AtomicBoolean();

    public BoundedSubscribe(Channel channel, SubscribeRequest request, StreamCallEnder ender) {
        this.request = requireNonNull(request, "request is null");
        this.ender = requireNonNull(ender, "ender is null");
        this.subscriber = new Subscriber(channel, request, ACK_BATCH, counts, (delivery, receivedNanos) -> {
            if (ender.end().countReachedBy(counts.delivered())) {
                end();
            }
        });
    }

    /** Starts the call; the outcome completes when the call has ended and its acks are answered. */
    public CompletableFuture<Outcome> start(Duration deadline) {
        // ghz: a zero timeout is no deadline
        if (deadline.isZero()) {
            subscriber.open();
        }
        else {
            subscriber.open(deadline);
        }
        subscriber.ended().whenComplete((ignored, error) -> {
            if (error == null) {
                // the server ended the call: as good as reaching its end
                end();
            }
            else {
                failed(error);
            }
        });
        List<ScheduledFuture<?>> timers = new ArrayList<>(2);
        StreamCallEnd end = ender.end();
        if (end.hasDuration()) {
            timers.add(ender.timer().schedule(this::end, end.duration().toNanos(), TimeUnit.NANOSECONDS));
        }
        if (!request.getGroup().isEmpty()) {
            // a partial batch must not wait for deliveries that max_in_flight holds back until it is acked
            long interval = SubscriberFleet.ACK_FLUSH_INTERVAL.toNanos();
            timers.add(ender.timer().scheduleWithFixedDelay(subscriber::flushAcks, interval, interval, TimeUnit.NANOSECONDS));
        }
        outcome.whenComplete((done, error) -> timers.forEach(timer -> timer.cancel(false)));
        return outcome;
    }

    private void end() {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        subscriber.cancel();
        // an Ack settles a cancelled consumer's deliveries too: the group knows them by id
        subscriber.flushAcks().whenComplete((acked, error) -> outcome.complete(error == null
                ? Outcome.ok(counts.delivered())
                : ackFailed(error)));
    }

    private void failed(Throwable callError) {
        if (!finishing.compareAndSet(false, true)) {
            // our own cancel, or an error after the end was reached
            return;
        }
        // the call failed (its deadline, the server): what it received is still acked
        subscriber.flushAcks().whenComplete((acked, ackError) -> outcome.complete(RpcOutcomes.failed(callError)));
    }

    private static Outcome ackFailed(Throwable error) {
        Outcome failed = RpcOutcomes.failed(error);
        return Outcome.failed(failed.status(), "Ack: " + failed.error());
    }
}
