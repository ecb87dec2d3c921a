package io.eventline.examples.order;

public record OrderPaid(String orderId, long amountCents, String paymentReference) {
}
