package io.eventline.server.security;

import java.util.Locale;
import java.util.Optional;

/** Reads {@code authorization: Bearer <token>}; the scheme is case-insensitive (RFC 7235). */
public final class BearerHeader {
    private static final String BEARER = "bearer";

    private BearerHeader() {
    }

    public static Optional<String> token(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        return Optional.of(value.substring(space + 1).trim());
    }
}
