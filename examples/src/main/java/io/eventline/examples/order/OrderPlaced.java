package io.eventline.examples.order;

import java.util.List;

/** Schema version 2: version 1 had no currency (every order was in euros then); {@link OrderEvents} upcasts it. */
public record OrderPlaced(String orderId, String customerEmail, List<OrderLine> lines, long totalCents, String currency) {
}
