package io.eventline.loadtest.subscribe;

import java.util.concurrent.atomic.LongAdder;

/** Deliveries received and deliveries whose Ack the server confirmed, summed over many subscribers. */
public final class SubscriberCounts {
    private final LongAdder delivered = new LongAdder();
    private final LongAdder acked = new LongAdder();

    void countDelivery() {
        delivered.increment();
    }

    void countAcked(long count) {
        acked.add(count);
    }

    public long delivered() {
        return delivered.sum();
    }

    public long acked() {
        return acked.sum();
    }
}
