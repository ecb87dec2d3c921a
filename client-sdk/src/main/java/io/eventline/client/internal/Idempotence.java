package io.eventline.client.internal;

/** Whether repeating a call whose reply was lost can do harm; only idempotent calls are retried. */
enum Idempotence {
    IDEMPOTENT,
    NOT_IDEMPOTENT
}
