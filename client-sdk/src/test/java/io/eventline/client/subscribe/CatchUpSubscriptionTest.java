package io.eventline.client.subscribe;

import io.eventline.client.EventlineClient;
import io.eventline.client.append.AppendResult;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.testing.Await;
import io.eventline.client.testing.HandledEvents;
import io.eventline.client.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.eventline.client.testing.Events.events;
import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where catch-up subscriptions begin, and the checkpoints they report. */
@ExtendWith(ServerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CatchUpSubscriptionTest {
    private final EventlineClient client;

    CatchUpSubscriptionTest(EventlineClient client) {
        this.client = client;
    }

    @Test
    void aSubscriptionAtTheEndGetsOnlyWhatIsAppendedAfterwards() throws InterruptedException {
        String stream = uniqueStream("meter");
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("Reading", 1, 3));
        HandledEvents handled = new HandledEvents();

        try (CatchUpSubscription subscription = client.subscribe(
                CatchUpSubscriptionSettings.builder(SubscriptionTarget.stream(stream)).start(SubscriptionStart.end()).build(), handled::add)) {
            assertTrue(subscription.awaitCaughtUp(Await.WAIT));
            client.appendBlocking(stream, ExpectedVersion.exact(3), events("Reading", 4, 2));
            Await.until("two live events", () -> handled.size() == 2, handled::toString);
        }
        assertEquals(List.of(4L, 5L), handled.versions());
    }

    @Test
    void aSubscriptionAtATimeStartsWithTheFirstEventRecordedThen() throws InterruptedException {
        String stream = uniqueStream("meter");
        AppendResult early = client.appendBlocking(stream, ExpectedVersion.noStream(), events("Reading", 1, 2));
        awaitClockPast(early.recordedAt());
        AppendResult late = client.appendBlocking(stream, ExpectedVersion.exact(2), events("Reading", 3, 2));
        HandledEvents handled = new HandledEvents();

        try (CatchUpSubscription subscription = client.subscribe(CatchUpSubscriptionSettings.builder(SubscriptionTarget.stream(stream))
                .start(SubscriptionStart.time(late.recordedAt())).build(), handled::add)) {
            assertTrue(subscription.awaitCaughtUp(Await.WAIT));
        }
        assertEquals(List.of(3L, 4L), handled.versions());
    }

    @Test
    void resumesAfterAStoredCheckpointOnAllAndReportsNewCheckpoints() throws InterruptedException {
        String category = "gauge" + UUID.randomUUID().toString().substring(0, 6);
        client.appendBlocking(category + "-1", ExpectedVersion.noStream(), events("Reading", 1, 4));
        Checkpoint afterTwo = checkpointAfter(category, 2);
        HandledEvents handled = new HandledEvents();
        List<Checkpoint> reported = new CopyOnWriteArrayList<>();

        try (CatchUpSubscription subscription = client.subscribe(CatchUpSubscriptionSettings.builder(SubscriptionTarget.categories(category))
                .resumeAfter(afterTwo)
                .checkpointEvery(1)
                .checkpointListener(reported::add)
                .build(), handled::add)) {
            assertTrue(subscription.awaitCaughtUp(Await.WAIT));
        }
        assertEquals(List.of(3L, 4L), handled.versions(), "what came after the checkpoint, and nothing before");
        assertEquals(List.of(3L, 4L), reported.stream().map(Checkpoint::version).toList());
    }

    /** The checkpoint of the {@code count}th event of a category, as a subscription reports it. */
    private Checkpoint checkpointAfter(String category, int count) throws InterruptedException {
        List<Checkpoint> reported = new CopyOnWriteArrayList<>();
        HandledEvents handled = new HandledEvents();
        try (CatchUpSubscription subscription = client.subscribe(CatchUpSubscriptionSettings.builder(SubscriptionTarget.categories(category))
                .checkpointEvery(1)
                .checkpointListener(reported::add)
                .build(), handled::add)) {
            assertTrue(subscription.awaitCaughtUp(Await.WAIT));
        }
        return reported.get(count - 1);
    }

    private static void awaitClockPast(Instant instant) throws InterruptedException {
        while (!Instant.now().isAfter(instant.plusMillis(5))) {
            Thread.sleep(5);
        }
    }
}
