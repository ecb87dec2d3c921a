package io.eventline.loadtest.redis;

import io.eventline.server.store.StoreKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptAppendArgumentsTest {
    @Test
    void laysOutKeysAndArgumentsAsTheServerDoes() throws Exception {
        ScriptAppendArguments arguments = new ScriptAppendArguments(new StoreKeys("elbench1", 1), "BenchEvent", new byte[200], "", 16);
        byte[][] keys = arguments.keysFor("order-1");
        assertEquals("elbench1:{0}:m:order-1", new String(keys[0], StandardCharsets.UTF_8));
        assertEquals("elbench1:{0}:s:order-1", new String(keys[1], StandardCharsets.UTF_8));
        assertEquals("elbench1:{0}:log", new String(keys[2], StandardCharsets.UTF_8));

        byte[][] args = arguments.argumentsFor("order-1", 3);
        assertEquals(1 + 5 + 3 * 5, args.length);
        assertEquals("16", text(args[0]));
        assertEquals("order-1", text(args[1]));
        assertEquals("any", text(args[2]));
        assertEquals("0", text(args[3]));
        assertEquals("3", text(args[4]));
        assertEquals(3 * 8, args[5].length, "an 8-byte fingerprint per event id");
        for (int event = 0; event < 3; event++) {
            int base = 6 + event * 5;
            assertEquals(16, args[base].length, "event id is 16 bytes");
            assertArrayEquals(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(args[base]), 8),
                    Arrays.copyOfRange(args[5], event * 8, event * 8 + 8), "the fingerprint is the id's SHA-256, first 8 bytes");
            assertEquals("BenchEvent", text(args[base + 1]));
            assertEquals(200, args[base + 2].length);
            assertArrayEquals(new byte[0], args[base + 3]);
            assertArrayEquals(new byte[0], args[base + 4]);
        }
    }

    @Test
    void theServersScriptIsOnTheClassPath() {
        String script = AppendScript.source();
        assertTrue(script.contains("redis.call('XADD', stream_key"), "the append script of the server jar");
        assertTrue(script.startsWith("local META = {version = 'v'"), "with the store's field names in front, as the server sends it");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
