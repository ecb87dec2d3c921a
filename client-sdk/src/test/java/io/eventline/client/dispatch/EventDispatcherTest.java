package io.eventline.client.dispatch;

import io.eventline.client.RecordedEvent;
import io.eventline.client.append.EventData;
import io.eventline.client.serialization.EventTypeRegistry;
import io.eventline.client.serialization.JsonEventCodec;
import io.eventline.client.serialization.Upcasters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Typed handlers picked by event class. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventDispatcherTest {
    record TicketSold(String seat) {
    }

    record TicketRefunded(String seat) {
    }

    record ShowCancelled(String reason) {
    }

    private final JsonEventCodec codec = new JsonEventCodec(JsonEventCodec.defaultMapper(), EventTypeRegistry.builder()
            .register("TicketSold", TicketSold.class)
            .register("TicketRefunded", TicketRefunded.class)
            .register("ShowCancelled", ShowCancelled.class)
            .build(), Upcasters.none());

    @Test
    void callsTheHandlerOfTheEventsClassWithTheDecodedAndTheRecordedEvent() throws Exception {
        List<String> seen = new ArrayList<>();
        EventDispatcher dispatcher = EventDispatcher.builder(codec)
                .on(TicketSold.class, (sold, recorded) -> seen.add("sold " + sold.seat() + " @" + recorded.version()))
                .on(TicketRefunded.class, (refunded, recorded) -> seen.add("refunded " + refunded.seat()))
                .build();

        dispatcher.handle(recorded(codec.encode(new TicketSold("A1")), 1));
        dispatcher.apply(recorded(codec.encode(new TicketRefunded("A1")), 2));
        dispatcher.handle(recorded(codec.encode(new ShowCancelled("rain")), 3));
        dispatcher.handle(recorded(EventData.json("SomethingElse", "{}"), 4));

        assertEquals(List.of("sold A1 @1", "refunded A1"), seen, "events without a handler, or of unknown types, are skipped");
    }

    @Test
    void aHandlersFailureReachesTheCaller() {
        EventDispatcher dispatcher = EventDispatcher.builder(codec)
                .on(TicketSold.class, (sold, recorded) -> {
                    throw new IllegalStateException("the seat map is unavailable");
                })
                .build();

        assertThrows(IllegalStateException.class, () -> dispatcher.handle(recorded(codec.encode(new TicketSold("B2")), 1)));
    }

    @Test
    void aClassHasOneHandler() {
        assertThrows(IllegalArgumentException.class, () -> EventDispatcher.builder(codec)
                .on(TicketSold.class, (sold, recorded) -> { })
                .on(TicketSold.class, (sold, recorded) -> { }));
    }

    private static RecordedEvent recorded(EventData data, long version) {
        return new RecordedEvent("show-1", version, "0:1-" + version, data.eventId(), data.type(), data.data(), data.contentType(), data.metadata(),
                Instant.EPOCH);
    }
}
