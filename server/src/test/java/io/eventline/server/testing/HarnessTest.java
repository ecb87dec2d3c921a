package io.eventline.server.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test with its own {@link EventlineHarness} (fresh namespace) for each test method. */
@ExtendWith(RedisExtension.class)
public abstract class HarnessTest {
    protected EventlineHarness eventline;

    @BeforeEach
    void startHarness(TestRedis redis) {
        eventline = EventlineHarness.start(redis);
    }

    @AfterEach
    void stopHarness() throws InterruptedException {
        eventline.close();
    }
}
