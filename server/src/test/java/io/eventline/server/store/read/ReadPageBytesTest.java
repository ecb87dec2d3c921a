package io.eventline.server.store.read;

import io.eventline.server.store.EventEntryCodec;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StoreKeys;
import io.eventline.server.store.StreamName;
import io.eventline.server.testing.EventlineHarness;
import io.eventline.server.testing.HarnessTest;
import io.lettuce.core.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.eventline.server.testing.Fixtures.appendLarge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page of large events stays near the reader's byte budget, whatever the page size says: a
 * ReadStream or catch-up subscription whose client stops reading holds one page, so one page must
 * not be 256 whole events. Every event still comes, in order.
 */
@Timeout(60)
class ReadPageBytesTest extends HarnessTest {
    private static final int EVENT_BYTES = EventlineHarness.LIMITS.maxEventBytes() - 1024;
    private static final int EVENTS = 48;
    private static final int PAGE_BYTES = 512 * 1024;
    private static final int PAGE_SIZE = 256;

    @Test
    void streamPagesStayWithinTheBudgetPlusOneEvent() throws Exception {
        appendLarge(eventline, "blob-1", EVENTS, EVENT_BYTES);
        ReadCursor cursor = reader().openStream(StreamName.parse("blob-1", "stream"), 1);

        assertPagesBounded(cursor);
    }

    @Test
    void allPagesStayWithinTheBudgetPlusOneEvent() throws Exception {
        appendLarge(eventline, "blob-2", EVENTS, EVENT_BYTES);
        ReadCursor cursor = reader().openAll(Collections.nCopies(eventline.partitions(), Range.Boundary.unbounded()), Set.of());

        assertPagesBounded(cursor);
    }

    private EventReader reader() {
        return new EventReader(eventline.redis().commands(), new StoreKeys(eventline.namespace(), eventline.partitions()), new EventEntryCodec(),
                Clock.systemUTC(), PAGE_SIZE, PAGE_BYTES, EventlineHarness.LIMITS.maxEventBytes());
    }

    private static void assertPagesBounded(ReadCursor cursor) throws Exception {
        List<Long> versions = new ArrayList<>();
        ReadPage page;
        do {
            page = cursor.next().get(10, TimeUnit.SECONDS);
            long bytes = page.events().stream().mapToLong(RecordedEvent::approximateBytes).sum();
            assertTrue(bytes <= PAGE_BYTES + EVENT_BYTES + 1024L, "a page of " + page.events().size() + " events, " + bytes + " bytes");
            page.events().forEach(event -> versions.add(event.version()));
        } while (!page.last());
        assertEquals(EVENTS, versions.size());
        for (int i = 0; i < EVENTS; i++) {
            assertEquals(i + 1L, versions.get(i));
        }
    }
}
