package io.eventline.server.store;

import static java.util.Objects.requireNonNull;

/** Who asks the store for something: the streams it may reach and whether it may create consumer groups. */
public record Caller(StreamScope scope, boolean mayCreateGroups) {
    private static final Caller TRUSTED = new Caller(StreamScope.unrestricted(), true);

    public Caller {
        requireNonNull(scope, "scope is null");
    }

    /** The server itself, or any client of a server without authentication. */
    public static Caller trusted() {
        return TRUSTED;
    }
}
