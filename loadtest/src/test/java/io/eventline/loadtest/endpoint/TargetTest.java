package io.eventline.loadtest.endpoint;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TargetTest {
    @Test
    void readsTargets() {
        assertEquals(new Target("127.0.0.1", 50051), Target.parse(Target.DEFAULT));
        assertEquals(new Target("localhost", 6000), Target.parse("localhost:6000"));
        assertEquals(new Target("::1", 50051), Target.parse("[::1]:50051"));
        assertEquals(new Target("127.0.0.1", 50061), Target.parse(":50061"));
        assertEquals("[::1]:50051", Target.parse("[::1]:50051").toString());
    }

    @Test
    void takesAnyHostItsUserNames() {
        assertEquals(new Target("10.0.0.1", 50051), Target.parse("10.0.0.1:50051"));
        assertEquals(new Target("store.example.com", 443), Target.parse("store.example.com:443"));
        assertEquals(new Target("2001:db8::1", 50051), Target.parse("[2001:db8::1]:50051"));
        assertEquals(new Target("store-headless", 8081), Target.parse("dns:///store-headless:8081"));
    }

    @Test
    void refusesMalformedTargets() {
        assertThrows(IllegalArgumentException.class, () -> Target.parse("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("127.0.0.1:"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("127.0.0.1:http"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("127.0.0.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("bad host:1"));
    }
}
