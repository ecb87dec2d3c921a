package io.eventline.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Captures what the server logs while open: Logback events (SLF4J) and java.util.logging records
 * (grpc-java and Netty log there), so a test can assert that no stack trace was written.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logback = new ListAppender<>();
    private final List<LogRecord> julRecords = Collections.synchronizedList(new ArrayList<>());
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julRecords.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.logback.start();
        capture.root.addAppender(capture.logback);
        capture.julRoot.addHandler(capture.julHandler);
        return capture;
    }

    /** Every captured entry that carries a stack trace, one line each (logger, level, message). */
    public List<String> stackTraces() {
        List<String> traces = new ArrayList<>();
        synchronized (logback) {
            for (ILoggingEvent event : logback.list) {
                if (event.getThrowableProxy() != null) {
                    traces.add(event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage() + ": " + event.getThrowableProxy().getClassName());
                }
            }
        }
        synchronized (julRecords) {
            for (LogRecord record : julRecords) {
                if (record.getThrown() != null) {
                    traces.add(record.getLoggerName() + " " + record.getLevel() + " " + record.getMessage() + ": " + record.getThrown());
                }
            }
        }
        return traces;
    }

    /** Captured Logback entries at WARN or above. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        synchronized (logback) {
            for (ILoggingEvent event : logback.list) {
                if (event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)) {
                    warnings.add(event.getLoggerName() + " " + event.getFormattedMessage());
                }
            }
        }
        return warnings;
    }

    @Override
    public void close() {
        root.detachAppender(logback);
        logback.stop();
        julRoot.removeHandler(julHandler);
    }
}
