package io.eventline.client.serialization;

import static java.util.Objects.requireNonNull;

/** An event type as stored ({@code name}), the Java class it maps to, and its current schema version. */
public record EventType(String name, Class<?> javaClass, int schemaVersion) {
    public EventType {
        requireNonNull(name, "name is null");
        requireNonNull(javaClass, "javaClass is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name is empty");
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schema versions start at 1: " + schemaVersion);
        }
    }
}
