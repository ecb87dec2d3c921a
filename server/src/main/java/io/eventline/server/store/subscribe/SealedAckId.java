package io.eventline.server.store.subscribe;

import static java.util.Objects.requireNonNull;

/** A delivery's pending entry and the sealed id the client settles it with. */
public record SealedAckId(AckId ackId, String token) {
    public SealedAckId {
        requireNonNull(ackId, "ackId is null");
        requireNonNull(token, "token is null");
    }
}
