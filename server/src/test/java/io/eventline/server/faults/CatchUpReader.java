package io.eventline.server.faults;

import com.google.protobuf.Empty;
import io.eventline.proto.v1.AllTarget;
import io.eventline.proto.v1.Delivery;
import io.eventline.proto.v1.RecordedEvent;
import io.eventline.proto.v1.SubscribeRequest;
import io.eventline.proto.v1.SubscriptionStart;
import io.grpc.Channel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A catch-up subscription to the fault streams in $all from the beginning, as a projection runs it:
 * it keeps its checkpoint (the last position it saw) and, when its call ends, subscribes again from
 * there (a start position is inclusive, so the checkpoint's own event comes again and is dropped).
 */
final class CatchUpReader extends ResubscribingClient {
    private final List<String> seen = new ArrayList<>();
    private RecordedEvent checkpoint;

    CatchUpReader(Channel channel, ScheduledExecutorService scheduler) {
        super(channel, scheduler);
    }

    @Override
    protected synchronized SubscribeRequest request() {
        SubscriptionStart start = checkpoint == null
                ? SubscriptionStart.newBuilder().setBeginning(Empty.getDefaultInstance()).build()
                : SubscriptionStart.newBuilder().setPosition(checkpoint.getPosition()).build();
        return SubscribeRequest.newBuilder().setAll(AllTarget.newBuilder().addCategories(GroupWorker.CATEGORY)).setStart(start).build();
    }

    @Override
    protected synchronized void delivered(Delivery delivery) {
        RecordedEvent event = delivery.getEvent();
        if (checkpoint != null && checkpoint.getEventId().equals(event.getEventId())) {
            return;
        }
        seen.add(event.getEventId());
        checkpoint = event;
    }

    /** The events of {@code expected} this subscription has not delivered. */
    synchronized Set<String> missed(Set<String> expected) {
        Set<String> missing = new HashSet<>(expected);
        seen.forEach(missing::remove);
        return missing;
    }

    /** Deliveries of an event delivered before: a catch-up subscription delivers each event once. */
    synchronized long duplicates() {
        Map<String, Integer> counts = new HashMap<>();
        seen.forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts.values().stream().mapToLong(count -> count - 1).sum();
    }
}
