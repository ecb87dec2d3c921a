package io.eventline.client.projection;

import io.eventline.client.EventlineClient;
import io.eventline.client.RecordedEvent;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.serialization.JsonEventCodec;
import io.eventline.client.subscribe.Checkpoint;
import io.eventline.client.subscribe.SubscriptionTarget;
import io.eventline.client.testing.Await;
import io.eventline.client.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.eventline.client.testing.Events.events;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A read model kept by the projection runner, and resumed from its stored checkpoint. */
@ExtendWith(ServerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProjectionRunnerTest {
    private final EventlineClient client;

    ProjectionRunnerTest(EventlineClient client) {
        this.client = client;
    }

    /** Events per stream: the read model. */
    private static final class EventCounts {
        private final Map<String, Integer> byStream = new ConcurrentHashMap<>();
        private final List<RecordedEvent> applied = new CopyOnWriteArrayList<>();

        void apply(RecordedEvent event) {
            applied.add(event);
            byStream.merge(event.stream(), 1, Integer::sum);
        }
    }

    @Test
    void buildsAReadModelAndResumesFromTheStoredCheckpointAfterARestart() throws InterruptedException {
        String category = "till" + UUID.randomUUID().toString().substring(0, 6);
        client.appendBlocking(category + "-1", ExpectedVersion.noStream(), events("Sale", 1, 3));
        client.appendBlocking(category + "-2", ExpectedVersion.noStream(), events("Sale", 4, 2));
        StreamCheckpointStore checkpoints = new StreamCheckpointStore(client, "checkpoint", JsonEventCodec.defaultMapper());
        String name = "sales-" + category;
        EventCounts model = new EventCounts();

        try (ProjectionRunner runner = new ProjectionRunner(client, name, SubscriptionTarget.categories(category), model::apply, checkpoints, 2).start()) {
            assertTrue(runner.awaitCaughtUp(Await.WAIT));
            assertEquals(Map.of(category + "-1", 3, category + "-2", 2), model.byStream);
            client.appendBlocking(category + "-1", ExpectedVersion.exact(3), events("Refund", 6, 1));
            Await.until("the live event applied", () -> model.applied.size() == 6);
        }
        Checkpoint stored = checkpoints.load(name).orElseThrow();
        assertEquals(category + "-1", stored.stream());
        assertEquals(4, stored.version(), "closing stored the last applied event");

        client.appendBlocking(category + "-2", ExpectedVersion.exact(2), events("Sale", 7, 1));
        EventCounts resumed = new EventCounts();
        try (ProjectionRunner runner = new ProjectionRunner(client, name, SubscriptionTarget.categories(category), resumed::apply, checkpoints, 2).start()) {
            assertTrue(runner.awaitCaughtUp(Await.WAIT));
            assertEquals(List.of(category + "-2@3"), resumed.applied.stream().map(event -> event.stream() + "@" + event.version()).toList(),
                    "only what came after the checkpoint");
        }
    }

    @Test
    void aProjectionThatFailsStopsAtTheLastEventItApplied() throws InterruptedException {
        String stream = "meter-" + UUID.randomUUID().toString().substring(0, 6);
        client.appendBlocking(stream, ExpectedVersion.noStream(), events("Reading", 1, 5));
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();

        try (ProjectionRunner runner = new ProjectionRunner(client, "meter", SubscriptionTarget.stream(stream), event -> {
            if (event.version() == 4) {
                throw new IllegalStateException("the read model's database is gone (simulated)");
            }
        }, checkpoints, 1).start()) {
            Await.until("the projection stopped", () -> runner.termination().isCompletedExceptionally());
            assertEquals(3, runner.checkpoint().orElseThrow().version());
        }
        assertEquals(3, checkpoints.load("meter").orElseThrow().version());
    }
}
