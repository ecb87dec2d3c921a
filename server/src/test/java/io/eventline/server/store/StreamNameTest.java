package io.eventline.server.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StreamNameTest {
    @Test
    void acceptsUtf8NamesUpTo256Bytes() {
        assertEquals("order-123", StreamName.parse("order-123", "stream").value());
        assertEquals("ünïcode-✓", StreamName.parse("ünïcode-✓", "stream").value());
        assertEquals(256, StreamName.parse("é".repeat(128), "stream").utf8().length);
    }

    @Test
    void refusesBadNamesNamingTheField() {
        for (String bad : new String[] {"", "x".repeat(257), "é".repeat(129), "a\u0000b", "tab\there", "{tag}", "a}", "$all", "$system"}) {
            InvalidArgumentException error = assertThrows(InvalidArgumentException.class, () -> StreamName.parse(bad, "target.stream"), bad);
            assertEquals("target.stream", error.field());
        }
    }

    @Test
    void categoryIsTheTextBeforeTheFirstDash() {
        assertEquals("order", StreamName.parse("order-123-a", "stream").category());
        assertEquals("singleton", StreamName.parse("singleton", "stream").category());
    }
}
