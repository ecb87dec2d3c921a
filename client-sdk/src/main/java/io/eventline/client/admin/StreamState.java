package io.eventline.client.admin;

public enum StreamState {
    ACTIVE,
    /** Soft-deleted: reads say not found, a later append continues the numbering. */
    SOFT_DELETED,
    /** Hard-deleted: no append will ever succeed again. */
    TOMBSTONED
}
