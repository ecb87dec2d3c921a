package io.eventline.server.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A flat reply reads as words and numbers; a nested one (a re-sent command's reply decoded into the half-read first one) is a retryable failure. */
class ScriptReplyTest {
    @Test
    void aFlatReplyReadsAsWordsAndNumbers() {
        ScriptReply reply = new ScriptReply(List.of(bytes("OK"), bytes("1"), 2L, bytes("1795334125984-0")));

        assertEquals("OK", reply.outcome());
        assertEquals(1, reply.number(1));
        assertEquals(2, reply.number(2));
        assertEquals("1795334125984-0", reply.text(3));
    }

    @Test
    void aReplyDecodedIntoAHalfReadOneIsUnavailable() {
        List<Object> garbled = List.of(bytes("OK"), bytes("1"), bytes("1"), List.of(bytes("OK"), bytes("1"), bytes("1"), bytes("1795334125984-0")));

        StoreUnavailableException error = assertThrows(StoreUnavailableException.class, () -> new ScriptReply(garbled));
        assertTrue(error.getMessage().contains("retry"), error.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
