package io.eventline.server.faults;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

/**
 * SCRIPT FLUSH again and again under load: each append that meets NOSCRIPT sends its script again and
 * goes on; nothing is lost or written twice.
 */
@Tag("fault")
@Timeout(600)
class ScriptFlushFaultTest {
    @Test
    void appendsContinueThroughScriptFlushes(@TempDir Path redisData) throws Exception {
        SingleServerFaultRun.run("script-flush", redisData, redis -> new RepeatedFault("script-flushes", 5, Duration.ofMillis(200), time -> {
            redis.admin().scriptFlush();
            return 1;
        })).assertInvariantsHeld();
    }
}
