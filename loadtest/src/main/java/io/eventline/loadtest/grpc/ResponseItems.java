package io.eventline.loadtest.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;

/**
 * The items a response carries, read from its descriptor: the length of its repeated {@code events}
 * field where it has one (a page of events), otherwise one (the response itself).
 */
final class ResponseItems {
    private static final String EVENTS = "events";

    private ResponseItems() {
    }

    static long of(Message response) {
        Descriptors.FieldDescriptor events = response.getDescriptorForType().findFieldByName(EVENTS);
        return events != null && events.isRepeated() ? response.getRepeatedFieldCount(events) : 1;
    }
}
