package io.eventline.server.store;

import static java.util.Objects.requireNonNull;

/** A request the store refuses before touching Redis; {@link #field()} names the offending request field. */
public final class InvalidArgumentException extends StoreException {
    private final String field;

    public InvalidArgumentException(String field, String description) {
        super(field + ": " + requireNonNull(description, "description is null"));
        this.field = requireNonNull(field, "field is null");
    }

    public String field() {
        return field;
    }
}
