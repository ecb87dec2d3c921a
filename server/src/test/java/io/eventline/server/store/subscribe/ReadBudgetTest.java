package io.eventline.server.store.subscribe;

import io.eventline.server.store.Position;
import io.eventline.server.store.RecordedEvent;
import io.eventline.server.store.StreamName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadBudgetTest {
    private static final int BUDGET = 1024 * 1024;

    @Test
    void theFirstReadTakesOneEntryAsNothingIsKnownOfTheSizes() {
        assertEquals(1, new ReadBudget(100, BUDGET).entries(0));
    }

    @Test
    void laterReadsTakeWhatFitsInTheBudgetAtTheSizeOfTheLargestEntryReadLast() {
        ReadBudget budget = new ReadBudget(100, BUDGET);
        budget.read(List.of(delivery(100 * 1024), delivery(10)));
        long largest = delivery(100 * 1024).bytes();
        assertEquals(BUDGET / largest, budget.entries(0));

        budget.read(List.of(delivery(10)));
        assertEquals(100, budget.entries(0), "small entries: the window decides");
        assertEquals(40, budget.entries(60));

        budget.read(List.of());
        assertEquals(100, budget.entries(0), "an empty read says nothing about sizes");
    }

    @Test
    void aFullWindowOrAnEntryLargerThanTheBudgetStillGivesSensibleCounts() {
        ReadBudget budget = new ReadBudget(5, BUDGET);
        assertTrue(budget.entries(5) <= 0, "a full window reads nothing");
        budget.read(List.of(delivery(2 * BUDGET)));
        assertEquals(1, budget.entries(0), "one entry at a time when one alone exceeds the budget");
    }

    private static Delivery delivery(int dataBytes) {
        RecordedEvent event = new RecordedEvent(StreamName.parse("blob-1", "stream"), 1, Position.ofEntryId(0, "1-1"), UUID.randomUUID(), "BlobStored",
                new byte[dataBytes], "application/octet-stream", Map.of());
        return new Delivery(event, Optional.empty(), 1);
    }
}
