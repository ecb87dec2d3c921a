package io.eventline.examples.notification;

public final class MailServerUnavailableException extends Exception {
    public MailServerUnavailableException(String message) {
        super(message);
    }
}
