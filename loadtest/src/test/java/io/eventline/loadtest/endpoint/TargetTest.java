package io.eventline.loadtest.endpoint;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TargetTest {
    @Test
    void readsLoopbackTargets() {
        assertEquals(new Target("127.0.0.1", 50051), Target.parse(Target.DEFAULT));
        assertEquals(new Target("localhost", 6000), Target.parse("localhost:6000"));
        assertEquals(new Target("127.0.0.2", 7), Target.parse("127.0.0.2:7"));
        assertEquals(new Target("::1", 50051), Target.parse("[::1]:50051"));
        assertEquals(new Target("127.0.0.1", 50061), Target.parse(":50061"));
        assertEquals("[::1]:50051", Target.parse("[::1]:50051").toString());
    }

    @Test
    void refusesOtherMachinesWithoutLookingNamesUp() {
        assertThrows(NonLoopbackTargetException.class, () -> Target.parse("10.0.0.1:50051"));
        assertThrows(NonLoopbackTargetException.class, () -> Target.parse("0.0.0.0:50051"));
        assertThrows(NonLoopbackTargetException.class, () -> Target.parse("[2001:db8::1]:50051"));
        // a name that might resolve to loopback is still refused: only "localhost" is trusted
        assertThrows(NonLoopbackTargetException.class, () -> Target.parse("my-host.example:50051"));
    }

    @Test
    void refusesMalformedTargets() {
        assertThrows(IllegalArgumentException.class, () -> Target.parse("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("127.0.0.1:"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("127.0.0.1:http"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("127.0.0.1:70000"));
    }

    @Test
    void acceptsOnlyLoopbackRedisUris() {
        assertEquals("redis://127.0.0.1:6379", Target.requireLoopbackUri("redis://127.0.0.1:6379"));
        assertEquals("redis://:secret@localhost:6390/0", Target.requireLoopbackUri("redis://:secret@localhost:6390/0"));
        assertEquals("rediss://[::1]:6379", Target.requireLoopbackUri("rediss://[::1]:6379"));
        assertThrows(NonLoopbackTargetException.class, () -> Target.requireLoopbackUri("redis://10.0.0.7:6379"));
        assertThrows(NonLoopbackTargetException.class, () -> Target.requireLoopbackUri("redis://cache.internal:6379"));
        assertThrows(IllegalArgumentException.class, () -> Target.requireLoopbackUri("http://127.0.0.1:6379"));
        assertThrows(IllegalArgumentException.class, () -> Target.requireLoopbackUri("redis:///no-host"));
    }
}
