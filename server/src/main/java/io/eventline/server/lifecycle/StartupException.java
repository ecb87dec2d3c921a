package io.eventline.server.lifecycle;

/**
 * A start-up failure the operator can fix (a busy port, a data directory in use, Redis exiting at
 * once): its message names the cause and the fix, and is logged as one line without a stack trace.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
