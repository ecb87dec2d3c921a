package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoreException;

/** A consumer group of that name exists already. */
public final class GroupExistsException extends StoreException {
    public GroupExistsException(String group, String target) {
        super("consumer group '" + group + "' already exists (on " + target + ")");
    }
}
