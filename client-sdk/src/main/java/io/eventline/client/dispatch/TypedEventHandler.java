package io.eventline.client.dispatch;

import io.eventline.client.RecordedEvent;

/** Handles one event class: the decoded event, and the recorded one for its stream, version, position and metadata. */
@FunctionalInterface
public interface TypedEventHandler<E> {
    void handle(E event, RecordedEvent recorded) throws Exception;
}
