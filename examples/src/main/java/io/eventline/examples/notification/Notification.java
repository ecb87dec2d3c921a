package io.eventline.examples.notification;

/** A message to a customer about their order, identified by the event that caused it. */
public record Notification(String eventId, String orderId, String to, String subject) {
}
