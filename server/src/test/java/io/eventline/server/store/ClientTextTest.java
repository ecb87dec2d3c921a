package io.eventline.server.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Client input in error messages is quoted up to 100 characters. */
class ClientTextTest {
    @Test
    void shortTextIsQuotedWhole() {
        assertEquals("'order-1'", ClientText.quote("order-1"));
    }

    @Test
    void longTextIsCutWithItsLength() {
        assertEquals("'" + "x".repeat(100) + "…' (100000 characters)", ClientText.quote("x".repeat(100_000)));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "x".repeat(99) + "😀" + "y";

        assertEquals("'" + "x".repeat(99) + "…' (102 characters)", ClientText.quote(text));
    }
}
