package io.eventline.examples.order;

public record OrderCancelled(String orderId, String reason) {
}
