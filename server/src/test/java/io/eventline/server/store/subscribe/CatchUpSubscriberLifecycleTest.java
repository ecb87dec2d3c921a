package io.eventline.server.store.subscribe;

import io.eventline.server.store.read.ReadCursor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A subscription leaves the hub when it closes, even when it closed before it began (a call cancelled at once). */
class CatchUpSubscriberLifecycleTest {
    private final ScheduledThreadPoolExecutor scheduler = timersThatLeaveWhenCancelled();
    private final SubscriptionHub hub = new SubscriptionHub();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void aStartedSubscriptionIsInTheHubUntilItCloses() {
        CatchUpSubscriber subscriber = subscriber();

        subscriber.start();
        assertEquals(1, hub.size());
        subscriber.close();

        assertEquals(0, hub.size());
    }

    @Test
    void aSubscriptionClosedBeforeItStartedDoesNotStayInTheHub() {
        CatchUpSubscriber subscriber = subscriber();

        subscriber.close();
        subscriber.start();

        assertEquals(0, hub.size());
        assertTrue(scheduler.shutdownNow().isEmpty(), "its timers were cancelled");
    }

    private static ScheduledThreadPoolExecutor timersThatLeaveWhenCancelled() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    private CatchUpSubscriber subscriber() {
        return new CatchUpSubscriber(SubscriptionTarget.all(Set.of(), Set.of(), Set.of()), () -> new CompletableFuture<ReadCursor>(), 0, "reader",
                "subscription-1", new NoOpSink(), hub, scheduler, Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1));
    }
}
