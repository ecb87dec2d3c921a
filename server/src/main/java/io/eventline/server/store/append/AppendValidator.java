package io.eventline.server.store.append;

import io.eventline.server.store.ClientText;
import io.eventline.server.store.InvalidArgumentException;
import io.eventline.server.store.ProposedEvent;
import io.eventline.server.store.StoreLimits;
import io.eventline.server.store.StreamName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** Checks an append against the input rules and the limits, naming the offending field. */
public final class AppendValidator {
    static final int MAX_TYPE_BYTES = 256;
    static final int MAX_CONTENT_TYPE_BYTES = 256;
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final StoreLimits limits;

    public AppendValidator(StoreLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    ValidatedAppend validate(AppendRequest request) {
        StreamName stream = StreamName.parse(request.stream(), "stream");
        List<NewEvent> events = request.events();
        if (events.isEmpty()) {
            throw new InvalidArgumentException("events", "an append needs at least one event");
        }
        if (events.size() > limits.maxAppendEvents()) {
            throw new InvalidArgumentException("events", "an append holds at most " + limits.maxAppendEvents()
                    + " events; this one has " + events.size() + ": split it");
        }
        List<ProposedEvent> proposed = new ArrayList<>(events.size());
        Map<UUID, Integer> seenIds = new HashMap<>();
        long totalBytes = 0;
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            String field = "events[" + i + "]";
            // a server-assigned id is fixed here, before the first send, so a resend of the script is recognized as a retry
            UUID eventId = event.eventId().isEmpty() ? UUID.randomUUID() : parseEventId(event.eventId(), field + ".event_id");
            Integer earlier = seenIds.putIfAbsent(eventId, i);
            if (earlier != null) {
                throw new InvalidArgumentException(field + ".event_id", "event id " + eventId + " is also the id of events[" + earlier + "]");
            }
            checkType(event.type(), field + ".type");
            int contentTypeBytes = utf8Length(event.contentType());
            if (contentTypeBytes > MAX_CONTENT_TYPE_BYTES) {
                throw new InvalidArgumentException(field + ".content_type", "content type is " + contentTypeBytes
                        + " bytes; the limit is " + MAX_CONTENT_TYPE_BYTES);
            }
            long size = (long) event.data().length + utf8Length(event.type()) + contentTypeBytes + metadataBytes(event.metadata());
            if (size > limits.maxEventBytes()) {
                throw new InvalidArgumentException(field, "event is " + size + " bytes (data, type, content type and metadata); the limit is "
                        + limits.maxEventBytes());
            }
            totalBytes += size;
            proposed.add(new ProposedEvent(eventId, event.type(), event.data(), event.contentType(), event.metadata()));
        }
        if (totalBytes > limits.maxAppendBytes()) {
            throw new InvalidArgumentException("events", "the events add up to " + totalBytes + " bytes; an append holds at most "
                    + limits.maxAppendBytes() + ": split it");
        }
        return new ValidatedAppend(stream, request.expectedVersion(), proposed);
    }

    private static UUID parseEventId(String text, String field) {
        if (!CANONICAL_UUID.matcher(text).matches()) {
            throw new InvalidArgumentException(field, ClientText.quote(text) + " is not a UUID (like 3f2c8e4a-1b7d-4c55-9a0e-6d2f1c3b5a79); leave it empty for the server to assign one");
        }
        return UUID.fromString(text);
    }

    private static void checkType(String type, String field) {
        if (type.isEmpty()) {
            throw new InvalidArgumentException(field, "event type is required");
        }
        int bytes = utf8Length(type);
        if (bytes > MAX_TYPE_BYTES) {
            throw new InvalidArgumentException(field, "event type is " + bytes + " bytes; the limit is " + MAX_TYPE_BYTES);
        }
        for (int i = 0; i < type.length(); i++) {
            if (Character.isISOControl(type.charAt(i))) {
                throw new InvalidArgumentException(field, "event type contains a control character at index " + i);
            }
        }
    }

    private static long metadataBytes(Map<String, String> metadata) {
        long bytes = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            bytes += utf8Length(entry.getKey()) + utf8Length(entry.getValue());
        }
        return bytes;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
