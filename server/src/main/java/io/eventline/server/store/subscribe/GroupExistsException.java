package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoreException;

/** A consumer group of that name exists already (what it reads is not said: the caller may not see it). */
public final class GroupExistsException extends StoreException {
    public GroupExistsException(String group) {
        super("consumer group '" + group + "' already exists; choose another name");
    }
}
