package io.eventline.client.subscribe;

import io.eventline.client.EventlineClient;
import io.eventline.client.admin.GroupSettings;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.testing.Await;
import io.eventline.client.testing.HandledEvents;
import io.eventline.client.testing.TestServer;
import io.eventline.server.testing.RedisExtension;
import io.eventline.server.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static io.eventline.client.testing.Events.events;
import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server stops (subscriptions end with UNAVAILABLE) and a new one starts on the same port and
 * store: subscriptions reconnect by themselves, and no event is lost or handled twice.
 */
@ExtendWith(RedisExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServerRestartTest {
    private TestServer server;
    private EventlineClient client;

    @BeforeEach
    void startServer(TestRedis redis) {
        server = TestServer.start(redis);
        client = server.newClient();
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
    }

    @Test
    void aGroupConsumerResumesAfterARestartWithoutLosingOrRepeatingWork() throws InterruptedException {
        String stream = uniqueStream("order");
        String group = "fulfilment";
        client.groups().create(group, SubscriptionTarget.stream(stream), GroupSettings.defaults(), SubscriptionStart.beginning());
        HandledEvents handled = new HandledEvents();

        try (GroupSubscription subscription = client.subscribe(GroupSubscriptionSettings.builder(group, SubscriptionTarget.stream(stream))
                .consumer("worker-1")
                .maxInFlight(20)
                .build(), delivery -> {
                    handled.add(delivery.event());
                    // slow enough that the restart lands while deliveries are in flight and acks are batched
                    Thread.sleep(2);
                })) {
            client.appendBlocking(stream, ExpectedVersion.noStream(), events("OrderPlaced", 1, 200));
            Await.until("some handled before the restart", () -> handled.size() >= 50, handled::toString);

            server.restart();
            client.appendBlocking(stream, ExpectedVersion.exact(200), events("OrderPaid", 201, 100));

            Await.until("all three hundred handled", () -> handled.size() >= 300, handled::toString);
            Await.until("nothing pending", () -> client.groups().describe(group).pending() == 0,
                    () -> client.groups().describe(group).toString());
            assertFalse(subscription.termination().isDone(), "the subscription carried on by itself");
        }
        assertEquals(Map.of(), handled.duplicates(), "nothing handled twice");
        assertEquals(LongStream.rangeClosed(1, 300).boxed().toList(), handled.versions().stream().sorted().toList(), "nothing lost");
    }

    @Test
    void aCatchUpSubscriptionToAStreamResumesAfterItsLastEvent() throws InterruptedException {
        String stream = uniqueStream("account");
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("Deposited", 1, 10));
        HandledEvents handled = new HandledEvents();

        try (CatchUpSubscription subscription = client.subscribe(CatchUpSubscriptionSettings.builder(SubscriptionTarget.stream(stream)).build(), handled::add)) {
            assertTrue(subscription.awaitCaughtUp(Await.WAIT));

            server.restart();
            client.appendBlocking(stream, ExpectedVersion.exact(10), events("Withdrawn", 11, 10));

            Await.until("twenty handled", () -> handled.size() >= 20, handled::toString);
            assertEquals(20, subscription.checkpoint().orElseThrow().version());
        }
        assertEquals(LongStream.rangeClosed(1, 20).boxed().toList(), handled.versions(), "each once, in order");
    }

    @Test
    void aCatchUpSubscriptionToACategoryResumesAfterItsLastPosition() throws InterruptedException {
        String first = uniqueStream("ledger");
        String second = uniqueStream("ledger");
        client.appendBlocking(first, ExpectedVersion.noStream(), events("Posted", 1, 5));
        client.appendBlocking(uniqueStream("other"), ExpectedVersion.noStream(), events("Ignored", 1, 3));
        HandledEvents handled = new HandledEvents();

        try (CatchUpSubscription subscription = client.subscribe(CatchUpSubscriptionSettings.builder(SubscriptionTarget.categories("ledger")).build(),
                handled::add)) {
            assertTrue(subscription.awaitCaughtUp(Await.WAIT));
            assertEquals(5, handled.size());

            server.restart();
            client.appendBlocking(second, ExpectedVersion.noStream(), events("Posted", 6, 5));

            Await.until("ten handled", () -> handled.size() >= 10, handled::toString);
        }
        assertEquals(Map.of(), handled.duplicates());
        List<String> streams = handled.map(event -> event.stream());
        assertEquals(List.of(first, first, first, first, first, second, second, second, second, second), streams);
    }
}
