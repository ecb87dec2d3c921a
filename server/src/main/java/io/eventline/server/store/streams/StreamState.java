package io.eventline.server.store.streams;

public enum StreamState {
    ACTIVE,
    SOFT_DELETED,
    TOMBSTONED
}
