package io.eventline.client.serialization;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The event types an application knows: stored name to Java class and back. Immutable once built. */
public final class EventTypeRegistry {
    private final Map<String, EventType> byName;
    private final Map<Class<?>, EventType> byClass;

    private EventTypeRegistry(Map<String, EventType> byName, Map<Class<?>, EventType> byClass) {
        this.byName = Map.copyOf(byName);
        this.byClass = Map.copyOf(byClass);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<EventType> forName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<EventType> forClass(Class<?> javaClass) {
        return Optional.ofNullable(byClass.get(javaClass));
    }

    public static final class Builder {
        private final Map<String, EventType> byName = new HashMap<>();
        private final Map<Class<?>, EventType> byClass = new HashMap<>();

        private Builder() {
        }

        /** Registers a type at schema version 1. */
        public Builder register(String name, Class<?> javaClass) {
            return register(name, javaClass, 1);
        }

        /** Registers a type whose current schema is {@code schemaVersion}; older stored versions need upcasters. */
        public Builder register(String name, Class<?> javaClass, int schemaVersion) {
            EventType type = new EventType(name, javaClass, schemaVersion);
            if (byName.putIfAbsent(name, type) != null) {
                throw new IllegalArgumentException("event type '" + name + "' is registered twice");
            }
            if (byClass.putIfAbsent(requireNonNull(javaClass, "javaClass is null"), type) != null) {
                throw new IllegalArgumentException(javaClass.getName() + " is registered under two names");
            }
            return this;
        }

        public EventTypeRegistry build() {
            return new EventTypeRegistry(byName, byClass);
        }
    }
}
