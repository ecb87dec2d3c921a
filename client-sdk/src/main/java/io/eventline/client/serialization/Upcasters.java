package io.eventline.client.serialization;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The upcasters of every event type, one per step: {@code (type, 1)} turns version 1 into 2,
 * {@code (type, 2)} turns 2 into 3, ... A stored event is upcast step by step to the current version.
 */
public final class Upcasters {
    private final Map<Step, Upcaster> steps;

    private Upcasters(Map<Step, Upcaster> steps) {
        this.steps = Map.copyOf(steps);
    }

    public static Upcasters none() {
        return new Upcasters(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code event} of {@code type}, stored at {@code fromVersion}, as it reads at {@code toVersion}. */
    public ObjectNode upcast(String type, int fromVersion, int toVersion, ObjectNode event) {
        ObjectNode current = event;
        for (int version = fromVersion; version < toVersion; version++) {
            Upcaster upcaster = steps.get(new Step(type, version));
            if (upcaster == null) {
                throw new SerializationException("no upcaster turns " + type + " version " + version + " into version " + (version + 1));
            }
            current = upcaster.upcast(current);
        }
        return current;
    }

    private record Step(String type, int fromVersion) {
    }

    public static final class Builder {
        private final Map<Step, Upcaster> steps = new HashMap<>();

        private Builder() {
        }

        /** Registers the step from {@code fromVersion} to {@code fromVersion + 1} of {@code type}. */
        public Builder register(String type, int fromVersion, Upcaster upcaster) {
            if (steps.putIfAbsent(new Step(requireNonNull(type, "type is null"), fromVersion), requireNonNull(upcaster, "upcaster is null")) != null) {
                throw new IllegalArgumentException("two upcasters for " + type + " version " + fromVersion);
            }
            return this;
        }

        public Upcasters build() {
            return new Upcasters(steps);
        }
    }
}
