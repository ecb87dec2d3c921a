package io.eventline.server.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteBudgetTest {
    private static final int BUDGET = 1024 * 1024;

    @Test
    void theFirstReadTakesWhatFitsIfEveryEntryIsAsLargeAsAnEntryMayBe() {
        assertEquals(16, new ByteBudget(BUDGET, BUDGET / 16).entries(100));
        assertEquals(1, new ByteBudget(BUDGET, 2L * BUDGET).entries(100), "at least one entry");
        assertEquals(100, new ByteBudget(BUDGET, 10).entries(100), "small entries: the caller's limit decides");
    }

    @Test
    void laterReadsTakeWhatFitsInTheBudgetAtTheSizeOfTheLargestEntryReadLast() {
        ByteBudget budget = new ByteBudget(BUDGET, BUDGET);
        RecordedEvent large = event(100 * 1024);
        budget.read(List.of(large, event(10)));
        assertEquals(BUDGET / large.approximateBytes(), budget.entries(100));

        budget.read(List.of(event(10)));
        assertEquals(100, budget.entries(100), "small entries: the caller's limit decides");

        budget.read(List.of());
        assertEquals(100, budget.entries(100), "an empty read says nothing about sizes");
    }

    @Test
    void nothingWantedOrAnEntryLargerThanTheBudgetStillGiveSensibleCounts() {
        ByteBudget budget = new ByteBudget(BUDGET, BUDGET);
        assertEquals(0, budget.entries(0), "a full window reads nothing");
        assertEquals(-3, budget.entries(-3), "an over-full window reads nothing either");
        budget.read(List.of(event(2 * BUDGET)));
        assertEquals(1, budget.entries(100), "one entry at a time when one alone exceeds the budget");
    }

    private static RecordedEvent event(int dataBytes) {
        return new RecordedEvent(StreamName.parse("blob-1", "stream"), 1, Position.ofEntryId(0, "1-1"), UUID.randomUUID(), "BlobStored",
                new byte[dataBytes], "application/octet-stream", Map.of());
    }
}
