package io.eventline.examples.order;

public enum OrderStatus {
    PLACED, PAID, SHIPPED, DELIVERED, CANCELLED, REFUNDED
}
