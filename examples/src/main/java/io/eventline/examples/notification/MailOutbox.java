package io.eventline.examples.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's mail server: keeps what was sent, once per causing event (so a redelivered event
 * sends nothing twice), and is down for the first {@code outageAttempts} sends.
 */
public final class MailOutbox implements NotificationSender {
    private final Map<String, Notification> sent = new LinkedHashMap<>();
    private int outageAttempts;

    public MailOutbox(int outageAttempts) {
        this.outageAttempts = outageAttempts;
    }

    @Override
    public synchronized void send(Notification notification) throws MailServerUnavailableException {
        if (outageAttempts > 0) {
            outageAttempts--;
            throw new MailServerUnavailableException("the mail server is down (simulated outage)");
        }
        sent.putIfAbsent(notification.eventId(), notification);
    }

    public synchronized List<Notification> sent() {
        return new ArrayList<>(sent.values());
    }
}
