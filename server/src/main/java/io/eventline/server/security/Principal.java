package io.eventline.server.security;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** A token's holder: its name (for logs; never the token), its roles, and the stream prefixes it is confined to (empty: all streams). */
public record Principal(String name, Set<Role> roles, List<String> streamPrefixes) {
    public Principal {
        requireNonNull(name, "name is null");
        roles = Set.copyOf(roles);
        streamPrefixes = List.copyOf(streamPrefixes);
    }

    public boolean may(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    public boolean scoped() {
        return !streamPrefixes.isEmpty();
    }

    public boolean mayTouch(String stream) {
        return !scoped() || streamPrefixes.stream().anyMatch(stream::startsWith);
    }
}
