package io.eventline.server.config;

/** A configuration the server refuses to start with; the message says what to change. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
