package io.eventline.server.store;

import java.util.List;
import java.util.Set;

/**
 * The streams a caller may reach: those starting with one of its prefixes, or every stream when it
 * has none. Consumer group names are confined the same way, so teams cannot take or probe each
 * other's group names.
 */
public record StreamScope(List<String> prefixes) {
    private static final StreamScope UNRESTRICTED = new StreamScope(List.of());

    public StreamScope {
        prefixes = List.copyOf(prefixes);
    }

    public static StreamScope unrestricted() {
        return UNRESTRICTED;
    }

    public boolean isUnrestricted() {
        return prefixes.isEmpty();
    }

    public boolean covers(StreamName stream) {
        return coversName(stream.value());
    }

    /** Whether a stream or group name lies inside the scope. */
    public boolean coversName(String name) {
        return isUnrestricted() || prefixes.stream().anyMatch(name::startsWith);
    }

    /** Whether every stream starting with each of {@code streamPrefixes} lies inside the scope (none given: every stream). */
    public boolean coversPrefixes(Set<String> streamPrefixes) {
        return isUnrestricted() || (!streamPrefixes.isEmpty() && streamPrefixes.stream().allMatch(this::coversName));
    }

    /** "[order-, invoice-]" for messages. */
    public String describe() {
        return prefixes.toString();
    }
}
