package io.eventline.client.serialization;

/** An event could not be turned into bytes, or bytes back into an event. */
public class SerializationException extends RuntimeException {
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }

    public SerializationException(String message) {
        super(message);
    }
}
