package io.eventline.examples.notification;

/** Sends notifications (e-mail, in a real service). */
public interface NotificationSender {
    void send(Notification notification) throws MailServerUnavailableException;
}
