package io.eventline.server.concurrent;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A warning repeated within the interval is held back and counted in the next one that goes out. */
class RateLimitedLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(RateLimitedLogTest.class.getName() + ".subject");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final AtomicLong now = new AtomicLong();
    private final RateLimitedLog log = new RateLimitedLog(logger, Duration.ofSeconds(60), now::get);

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    @Test
    void logsOncePerKeyAndIntervalWithTheCountHeldBack() {
        for (int i = 0; i < 5; i++) {
            log.warn("redis", "Redis unavailable");
        }
        log.warn("other", "Something else");
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        log.warn("redis", "Redis unavailable");

        assertEquals(List.of(
                "Redis unavailable",
                "Something else",
                "Redis unavailable (4 more like it in the last 60 s not logged)"), messages());
    }

    private List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
