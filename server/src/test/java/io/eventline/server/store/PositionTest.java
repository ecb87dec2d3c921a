package io.eventline.server.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionTest {
    @Test
    void roundTripsThroughItsText() {
        Position position = new Position(3, 1_732_261_234_567L, 12);
        assertEquals("3:1732261234567-12", position.toString());
        assertEquals(position, Position.parse(position.toString(), "from_position"));
        assertEquals("1732261234567-12", position.entryId());
        assertEquals(Instant.ofEpochMilli(1_732_261_234_567L), position.recordedAt());
        assertEquals(position, Position.ofEntryId(3, "1732261234567-12"));
    }

    @Test
    void aPositionReadFromAnEntryIdEqualsTheSameOneMadeFromNumbersAndSaysTheSameText() {
        Position read = Position.ofEntryId(2, "1732261234567-7".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Position made = new Position(2, 1_732_261_234_567L, 7);

        assertEquals(made, read);
        assertEquals(made.hashCode(), read.hashCode());
        assertEquals(made.toString(), read.toString());
        assertEquals("2:1732261234567-7", read.toString());
        assertTrue(!read.equals(new Position(1, 1_732_261_234_567L, 7)) && !read.equals(new Position(2, 1_732_261_234_567L, 8)));
    }

    @Test
    void ordersByTimeThenSequenceThenPartition() {
        assertTrue(new Position(9, 100, 0).compareTo(new Position(0, 101, 0)) < 0);
        assertTrue(new Position(9, 100, 0).compareTo(new Position(0, 100, 1)) < 0);
        assertTrue(new Position(0, 100, 1).compareTo(new Position(1, 100, 1)) < 0);
    }

    @Test
    void refusesTextThatIsNotAPosition() {
        for (String bad : new String[] {"", "1732261234567-12", "a:1-2", "0:1-", "0:-1", ":1-2", "0:1-2-3", "-1:1-2"}) {
            InvalidArgumentException error = assertThrows(InvalidArgumentException.class, () -> Position.parse(bad, "from_position"), bad);
            assertEquals("from_position", error.field());
        }
    }
}
