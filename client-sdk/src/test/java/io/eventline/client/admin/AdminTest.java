package io.eventline.client.admin;

import io.eventline.client.EventlineClient;
import io.eventline.client.EventlineException;
import io.eventline.client.NotFoundException;
import io.eventline.client.RecordedEvent;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.append.WrongExpectedVersionException;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.subscribe.GroupSubscription;
import io.eventline.client.subscribe.GroupSubscriptionSettings;
import io.eventline.client.subscribe.SubscriptionStart;
import io.eventline.client.subscribe.SubscriptionTarget;
import io.eventline.client.testing.Await;
import io.eventline.client.testing.HandledEvents;
import io.eventline.client.testing.ServerExtension;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static io.eventline.client.testing.Events.events;
import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream and group management calls against a real server. */
@ExtendWith(ServerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminTest {
    private final EventlineClient client;

    AdminTest(EventlineClient client) {
        this.client = client;
    }

    @Test
    void describesTrimsAndDeletesAStream() {
        String stream = uniqueStream("sensor");
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("Measured", 1, 10));

        client.streams().setRetention(stream, StreamRetention.maxCount(4));
        StreamInfo info = client.streams().info(stream);

        assertEquals(StreamState.ACTIVE, info.state());
        assertEquals(10, info.version());
        assertEquals(4, info.eventCount());
        assertEquals(7, info.firstVersion());
        assertEquals(StreamRetention.maxCount(4), info.retention());
        assertThrows(WrongExpectedVersionException.class, () -> client.streams().delete(stream, ExpectedVersion.exact(3)));
        client.streams().delete(stream, ExpectedVersion.exact(10));
        assertEquals(StreamState.SOFT_DELETED, client.streams().info(stream).state());
        try (Stream<RecordedEvent> read = client.read(stream, ReadOptions.forwards())) {
            assertThrows(NotFoundException.class, read::toList);
        }
        assertThrows(NotFoundException.class, () -> client.streams().info(uniqueStream("sensor")));
    }

    @Test
    void keepsEventsYoungerThanAnAge() {
        String stream = uniqueStream("sensor");
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("Measured", 1, 2));

        client.streams().setRetention(stream, StreamRetention.maxAge(Duration.ofHours(1)));

        assertEquals(StreamRetention.maxAge(Duration.ofHours(1)), client.streams().info(stream).retention());
        assertEquals(2, client.streams().info(stream).eventCount(), "both are younger than an hour");
    }

    @Test
    void savesAndLoadsSnapshots() {
        String stream = uniqueStream("sensor");
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("Measured", 1, 3));
        assertEquals(List.of(), client.streams().loadSnapshot(stream).stream().toList());

        client.streams().saveSnapshot(stream, 3, "{\"sum\":6}".getBytes(StandardCharsets.UTF_8), "application/json");

        Snapshot snapshot = client.streams().loadSnapshot(stream).orElseThrow();
        assertEquals(3, snapshot.version());
        assertEquals("{\"sum\":6}", new String(snapshot.data(), StandardCharsets.UTF_8));
        assertEquals("application/json", snapshot.contentType());
    }

    @Test
    void managesAGroupFromCreationToDeletion() {
        String stream = uniqueStream("parcel");
        String group = "tracking-" + stream;
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("ParcelScanned", 1, 3));
        GroupSettings settings = new GroupSettings(Duration.ofSeconds(2), 3);

        assertTrue(client.groups().createIfAbsent(group, SubscriptionTarget.stream(stream), settings, SubscriptionStart.beginning()));
        assertFalse(client.groups().createIfAbsent(group, SubscriptionTarget.stream(stream), settings, SubscriptionStart.beginning()));
        EventlineException taken = assertThrows(EventlineException.class,
                () -> client.groups().create(group, SubscriptionTarget.stream(stream), settings, SubscriptionStart.beginning()));
        assertEquals(Status.Code.ALREADY_EXISTS, taken.code());

        GroupInfo listed = client.groups().list().stream().filter(info -> info.group().equals(group)).findFirst().orElseThrow();
        assertEquals(stream, listed.stream());
        assertEquals(settings, listed.settings());
        GroupDescription fresh = client.groups().describe(group);
        assertEquals(3, fresh.lag());
        assertEquals(0, fresh.pending());

        client.groups().update(group, new GroupSettings(Duration.ofSeconds(5), 4));
        assertEquals(new GroupSettings(Duration.ofSeconds(5), 4), client.groups().describe(group).group().settings());

        client.groups().delete(group);
        assertThrows(NotFoundException.class, () -> client.groups().describe(group));
    }

    @Test
    void replaysParkedDeliveriesAndResetsAGroup() {
        String stream = uniqueStream("parcel");
        String group = "returns-" + stream;
        client.groups().create(group, SubscriptionTarget.stream(stream), new GroupSettings(Duration.ofSeconds(2), 3), SubscriptionStart.beginning());
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("ParcelReturned", 1, 2));
        HandledEvents handled = new HandledEvents();
        AtomicBoolean parkedOnce = new AtomicBoolean();
        GroupSubscriptionSettings settings = GroupSubscriptionSettings.builder(group, SubscriptionTarget.stream(stream)).consumer("clerk").build();

        try (GroupSubscription subscription = client.subscribe(settings, delivery -> {
            if (delivery.event().version() == 2 && parkedOnce.compareAndSet(false, true)) {
                delivery.park("the label is unreadable");
                return;
            }
            handled.add(delivery.event());
        })) {
            Await.until("one handled and one parked", () -> handled.size() == 1 && client.groups().describe(group).parked() == 1);

            assertEquals(1, client.groups().replayParked(group, 0));
            Await.until("the parked one handled after its replay", () -> handled.size() == 2, handled::toString);

            client.groups().reset(group, SubscriptionStart.beginning());
            Await.until("both handled again after the reset", () -> handled.size() == 4, handled::toString);
        }
        assertEquals(List.of(1L, 2L, 1L, 2L), handled.versions());
        assertEquals(0, client.groups().removeConsumer(group, "clerk"), "the clerk settled everything");
    }
}
