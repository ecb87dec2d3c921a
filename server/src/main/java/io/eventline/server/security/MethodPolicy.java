package io.eventline.server.security;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What one RPC needs: a role (none: open to anyone, e.g. health), and which request fields name a
 * stream and a consumer group, so a token confined to stream prefixes is checked against them.
 */
record MethodPolicy(Optional<Role> role, Optional<String> streamField, Optional<String> groupField) {
    MethodPolicy {
        requireNonNull(role, "role is null");
        requireNonNull(streamField, "streamField is null");
        requireNonNull(groupField, "groupField is null");
    }

    static MethodPolicy open() {
        return new MethodPolicy(Optional.empty(), Optional.empty(), Optional.empty());
    }

    static MethodPolicy of(Role role) {
        return new MethodPolicy(Optional.of(role), Optional.empty(), Optional.empty());
    }

    MethodPolicy stream(String field) {
        return new MethodPolicy(role, Optional.of(field), groupField);
    }

    MethodPolicy group(String field) {
        return new MethodPolicy(role, streamField, Optional.of(field));
    }
}
