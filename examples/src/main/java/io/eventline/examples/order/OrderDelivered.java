package io.eventline.examples.order;

public record OrderDelivered(String orderId) {
}
