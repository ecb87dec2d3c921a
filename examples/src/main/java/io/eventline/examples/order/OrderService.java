package io.eventline.examples.order;

import io.eventline.client.aggregate.Repository;
import io.eventline.client.append.AppendResult;
import io.eventline.client.append.WrongExpectedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The order service's commands: each loads the order, runs the command on it and saves its new
 * events. When someone else saved the order in between (a conflict), the command runs again on
 * the fresh state, which may now refuse it.
 */
public final class OrderService {
    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final int ATTEMPTS = 3;

    private final Repository<Order> orders;

    public OrderService(Repository<Order> orders) {
        this.orders = requireNonNull(orders, "orders is null");
    }

    public AppendResult place(String orderId, String customerEmail, List<OrderLine> lines, String currency) {
        Order order = new Order(orderId);
        order.place(customerEmail, lines, currency);
        // a second place of the same id conflicts (the stream exists) and is not retried
        return orders.save(order).orElseThrow();
    }

    public AppendResult pay(String orderId, long amountCents, String paymentReference) {
        return execute(orderId, order -> order.pay(amountCents, paymentReference));
    }

    public AppendResult ship(String orderId, String trackingNumber) {
        return execute(orderId, order -> order.ship(trackingNumber));
    }

    public AppendResult deliver(String orderId) {
        return execute(orderId, Order::deliver);
    }

    public AppendResult cancel(String orderId, String reason) {
        return execute(orderId, order -> order.cancel(reason));
    }

    public AppendResult refund(String orderId) {
        return execute(orderId, Order::refund);
    }

    private AppendResult execute(String orderId, Consumer<Order> command) {
        for (int attempt = 1; ; attempt++) {
            Order order = orders.load(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
            command.accept(order);
            try {
                return orders.save(order).orElseThrow();
            }
            catch (WrongExpectedVersionException conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
                log.info("Order {} changed while handling a command (expected version {}, found {}); running it again", orderId,
                        conflict.expected(), conflict.actual());
            }
        }
    }
}
