package io.eventline.loadtest.grpc;

import io.eventline.loadtest.endpoint.Target;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ChannelPoolTest {
    @Test
    void workersShareTheConnectionsInTurnAndAreNamedAsGhzNamesThem() {
        // channels connect lazily: nothing is sent to the port
        try (ChannelPool channels = new ChannelPool(Target.parse("127.0.0.1:1"), TransportSecurity.plaintext(), 2)) {
            assertSame(channels.forSlot(1), channels.forSlot(3));
            assertEquals("g0c0", channels.workerId(0));
            assertEquals("g3c1", channels.workerId(3));
        }
    }
}
