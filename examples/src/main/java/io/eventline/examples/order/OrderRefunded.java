package io.eventline.examples.order;

public record OrderRefunded(String orderId, long amountCents) {
}
