package io.eventline.client.subscribe;

import io.eventline.client.EventlineClient;
import io.eventline.client.admin.GroupDescription;
import io.eventline.client.admin.GroupSettings;
import io.eventline.client.append.EventData;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.dispatch.EventDispatcher;
import io.eventline.client.projection.InMemoryCheckpointStore;
import io.eventline.client.projection.ProjectionRunner;
import io.eventline.client.serialization.EventTypeRegistry;
import io.eventline.client.serialization.JsonEventCodec;
import io.eventline.client.serialization.UndecodableEventException;
import io.eventline.client.serialization.Upcasters;
import io.eventline.client.testing.Await;
import io.eventline.client.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.eventline.client.testing.Events.uniqueStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A projection and a consumer group meet one event that is not JSON among JSON ones, under each policy, on a real server. */
@ExtendWith(ServerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UndecodableEventPolicyTest {
    record MeterRead(int units) {
    }

    private static final JsonEventCodec CODEC = new JsonEventCodec(JsonEventCodec.defaultMapper(),
            EventTypeRegistry.builder().register("MeterRead", MeterRead.class).build(), Upcasters.none());

    private final EventlineClient client;
    private final List<Long> applied = new CopyOnWriteArrayList<>();
    private final EventDispatcher dispatcher = EventDispatcher.builder(CODEC)
            .on(MeterRead.class, (read, recorded) -> applied.add(recorded.version()))
            .build();

    UndecodableEventPolicyTest(EventlineClient client) {
        this.client = client;
    }

    @Test
    void aProjectionStopsByDefaultAndItsTerminationNamesTheEventAndTheDecodeError() {
        String stream = streamWithTextAtVersion2();

        try (ProjectionRunner runner = new ProjectionRunner(client, "meters-" + stream, SubscriptionTarget.stream(stream), dispatcher,
                new InMemoryCheckpointStore(), 1).start()) {
            assertUndecodableVersion2(stream, runner.termination());
            assertEquals(List.of(1L), applied);
            assertEquals(1, runner.checkpoint().orElseThrow().version(), "the checkpoint stays before the event it could not decode");
        }
    }

    @Test
    void aProjectionThatSkipsGoesOnAfterTheEvent() throws InterruptedException {
        String stream = streamWithTextAtVersion2();

        try (ProjectionRunner runner = new ProjectionRunner(client, "meters-" + stream, SubscriptionTarget.stream(stream), dispatcher,
                new InMemoryCheckpointStore(), 1, UndecodableEventPolicy.SKIP).start()) {
            assertTrue(runner.awaitCaughtUp(Await.WAIT));
            assertEquals(List.of(1L, 3L), applied);
            assertEquals(3, runner.checkpoint().orElseThrow().version());
        }
    }

    @Test
    void aProjectionHasNoGroupToParkIn() {
        ProjectionRunner runner = new ProjectionRunner(client, "meters", SubscriptionTarget.all(), dispatcher, new InMemoryCheckpointStore(), 1,
                UndecodableEventPolicy.PARK);

        assertThrows(IllegalArgumentException.class, runner::start);
    }

    @Test
    void aGroupParksByDefaultWithTheReasonAndGoesOn() {
        String stream = streamWithTextAtVersion2();
        String group = groupOn(stream);

        try (GroupSubscription subscription = client.subscribe(GroupSubscriptionSettings.builder(group, SubscriptionTarget.stream(stream)).build(), dispatcher)) {
            Await.until("versions 1 and 3 handled, 2 parked, nothing pending", () -> {
                GroupDescription description = client.groups().describe(group);
                return applied.size() == 2 && description.parked() == 1 && description.pending() == 0;
            }, () -> applied + " " + client.groups().describe(group));
        }
        assertEquals(List.of(1L, 3L), applied);
    }

    @Test
    void aGroupThatSkipsAcksTheEventAndGoesOn() {
        String stream = streamWithTextAtVersion2();
        String group = groupOn(stream);

        try (GroupSubscription subscription = client.subscribe(GroupSubscriptionSettings.builder(group, SubscriptionTarget.stream(stream))
                .undecodableEvents(UndecodableEventPolicy.SKIP).build(), dispatcher)) {
            Await.until("versions 1 and 3 handled, all acked", () -> {
                GroupDescription description = client.groups().describe(group);
                return applied.size() == 2 && description.pending() == 0 && description.lag() == 0;
            }, () -> applied + " " + client.groups().describe(group));
        }
        assertEquals(List.of(1L, 3L), applied);
        assertEquals(0, client.groups().describe(group).parked());
    }

    @Test
    void aGroupThatStopsEndsWithTheEventAndTheDecodeError() {
        String stream = streamWithTextAtVersion2();
        String group = groupOn(stream);

        try (GroupSubscription subscription = client.subscribe(GroupSubscriptionSettings.builder(group, SubscriptionTarget.stream(stream))
                .maxInFlight(1).undecodableEvents(UndecodableEventPolicy.STOP).build(), dispatcher)) {
            assertUndecodableVersion2(stream, subscription.termination());
        }
        assertEquals(List.of(1L), applied);
    }

    private String groupOn(String stream) {
        String group = "meters-" + UUID.randomUUID();
        client.groups().create(group, SubscriptionTarget.stream(stream), GroupSettings.defaults(), SubscriptionStart.beginning());
        return group;
    }

    /** Three MeterRead events, the second one plain text. */
    private String streamWithTextAtVersion2() {
        String stream = uniqueStream("meter");
        client.appendBlocking(stream, ExpectedVersion.noStream(), List.of(
                CODEC.encode(new MeterRead(1)),
                EventData.builder("MeterRead").data("units: 2".getBytes(StandardCharsets.UTF_8)).contentType("text/plain").build(),
                CODEC.encode(new MeterRead(3))));
        return stream;
    }

    private static void assertUndecodableVersion2(String stream, CompletableFuture<Void> termination) {
        ExecutionException ended = assertThrows(ExecutionException.class, () -> termination.get(Await.WAIT.toSeconds(), TimeUnit.SECONDS));
        UndecodableEventException undecodable = assertInstanceOf(UndecodableEventException.class, ended.getCause());
        assertEquals(stream, undecodable.stream());
        assertEquals(2, undecodable.version());
        assertEquals("MeterRead", undecodable.eventType());
        assertTrue(undecodable.getMessage().contains("Unrecognized token 'units'"), undecodable.getMessage());
    }
}
