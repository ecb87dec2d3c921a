package io.eventline.server.store;

/** Per-request limits; a request over any of them is refused whole. */
public record StoreLimits(int maxAppendEvents, int maxEventBytes, int maxAppendBytes, int dedupWindow) {
    public StoreLimits {
        if (maxAppendEvents < 1 || maxEventBytes < 1 || maxAppendBytes < 1 || dedupWindow < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
