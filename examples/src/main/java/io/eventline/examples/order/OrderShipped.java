package io.eventline.examples.order;

public record OrderShipped(String orderId, String trackingNumber) {
}
