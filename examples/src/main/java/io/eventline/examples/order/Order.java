package io.eventline.examples.order;

import io.eventline.client.aggregate.Aggregate;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An order: placed, paid (the full total), shipped, delivered; cancelled before shipping; refunded
 * once paid and then cancelled or delivered (a return). Commands check the rules and raise events;
 * {@link #apply} only moves the state.
 */
public final class Order extends Aggregate {
    private OrderStatus status;
    private String customerEmail;
    private List<OrderLine> lines = List.of();
    private long totalCents;
    private String currency;
    private long paidCents;
    private long refundedCents;
    private String trackingNumber;
    private String cancelReason;

    public Order(String id) {
        super(id);
    }

    public static Order restore(String id, OrderSnapshot snapshot) {
        Order order = new Order(id);
        order.status = snapshot.status();
        order.customerEmail = snapshot.customerEmail();
        order.lines = List.copyOf(snapshot.lines());
        order.totalCents = snapshot.totalCents();
        order.currency = snapshot.currency();
        order.paidCents = snapshot.paidCents();
        order.refundedCents = snapshot.refundedCents();
        order.trackingNumber = snapshot.trackingNumber();
        order.cancelReason = snapshot.cancelReason();
        return order;
    }

    public void place(String email, List<OrderLine> orderLines, String orderCurrency) {
        if (status != null) {
            throw new IllegalStateException("order " + id() + " was placed already");
        }
        if (orderLines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        long total = orderLines.stream().mapToLong(OrderLine::totalCents).sum();
        raise(new OrderPlaced(id(), requireNonNull(email, "email is null"), List.copyOf(orderLines), total, requireNonNull(orderCurrency, "currency is null")));
    }

    public void pay(long amountCents, String paymentReference) {
        require(OrderStatus.PLACED, "paid");
        if (amountCents != totalCents) {
            throw new IllegalArgumentException("order " + id() + " costs " + totalCents + " cents, not " + amountCents);
        }
        raise(new OrderPaid(id(), amountCents, paymentReference));
    }

    public void ship(String tracking) {
        require(OrderStatus.PAID, "shipped");
        raise(new OrderShipped(id(), tracking));
    }

    public void deliver() {
        require(OrderStatus.SHIPPED, "delivered");
        raise(new OrderDelivered(id()));
    }

    public void cancel(String reason) {
        if (status != OrderStatus.PLACED && status != OrderStatus.PAID) {
            throw new IllegalStateException("order " + id() + " is " + status + ": only placed or paid orders can be cancelled");
        }
        raise(new OrderCancelled(id(), reason));
    }

    public void refund() {
        if (paidCents == 0 || (status != OrderStatus.CANCELLED && status != OrderStatus.DELIVERED)) {
            throw new IllegalStateException("order " + id() + " is " + status + (paidCents == 0 ? " and unpaid" : "")
                    + ": only paid orders that were cancelled or delivered can be refunded");
        }
        raise(new OrderRefunded(id(), paidCents));
    }

    public OrderStatus status() {
        return status;
    }

    public String customerEmail() {
        return customerEmail;
    }

    public long totalCents() {
        return totalCents;
    }

    public String currency() {
        return currency;
    }

    public long paidCents() {
        return paidCents;
    }

    public long refundedCents() {
        return refundedCents;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public OrderSnapshot snapshot() {
        return new OrderSnapshot(status, customerEmail, lines, totalCents, currency, paidCents, refundedCents, trackingNumber, cancelReason);
    }

    @Override
    protected void apply(Object event) {
        if (event instanceof OrderPlaced placed) {
            status = OrderStatus.PLACED;
            customerEmail = placed.customerEmail();
            lines = placed.lines();
            totalCents = placed.totalCents();
            currency = placed.currency();
        }
        else if (event instanceof OrderPaid paid) {
            status = OrderStatus.PAID;
            paidCents = paid.amountCents();
        }
        else if (event instanceof OrderShipped shipped) {
            status = OrderStatus.SHIPPED;
            trackingNumber = shipped.trackingNumber();
        }
        else if (event instanceof OrderDelivered) {
            status = OrderStatus.DELIVERED;
        }
        else if (event instanceof OrderCancelled cancelled) {
            status = OrderStatus.CANCELLED;
            cancelReason = cancelled.reason();
        }
        else if (event instanceof OrderRefunded refunded) {
            status = OrderStatus.REFUNDED;
            refundedCents = refunded.amountCents();
        }
        else {
            throw new IllegalArgumentException("an order does not take " + event);
        }
    }

    private void require(OrderStatus expected, String wanted) {
        if (status != expected) {
            throw new IllegalStateException("order " + id() + " is " + status + ": it can be " + wanted + " only when " + expected);
        }
    }
}
