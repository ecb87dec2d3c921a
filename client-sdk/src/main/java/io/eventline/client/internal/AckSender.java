package io.eventline.client.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sends one Ack call for a batch of deliveries. */
interface AckSender {
    CompletableFuture<?> ack(List<String> ackIds);
}
