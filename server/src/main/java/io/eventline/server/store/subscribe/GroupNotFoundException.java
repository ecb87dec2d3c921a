package io.eventline.server.store.subscribe;

import io.eventline.server.store.StoreException;

/** No consumer group of that name. */
public final class GroupNotFoundException extends StoreException {
    public GroupNotFoundException(String group) {
        super("consumer group '" + group + "' does not exist; CreateGroup (admin role) creates it");
    }
}
