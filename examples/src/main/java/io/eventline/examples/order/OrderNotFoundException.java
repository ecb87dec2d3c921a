package io.eventline.examples.order;

public final class OrderNotFoundException extends RuntimeException {
    public OrderNotFoundException(String orderId) {
        super("no order " + orderId);
    }
}
