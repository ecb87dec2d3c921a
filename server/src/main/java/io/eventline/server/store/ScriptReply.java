package io.eventline.server.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A store script's reply: an outcome word, then numbers and texts. The store's scripts reply flat
 * lists; a nested one means the reply was garbled on the way: Lettuce re-sends a command whose
 * connection dropped mid-reply and decodes the new reply into the half-filled old one. The script
 * may have run, so the caller is told to retry (appends with the same event ids are safe to retry).
 */
public record ScriptReply(List<Object> elements) {
    public ScriptReply {
        for (Object element : elements) {
            if (!(element instanceof byte[]) && !(element instanceof Long)) {
                throw new StoreUnavailableException("Redis's reply to a store script arrived garbled (its connection dropped mid-reply); "
                        + "the script may have run: retry the request (an append with the same event ids is safe to retry)");
            }
        }
        elements = List.copyOf(elements);
    }

    /** The replies of the calls that one script call answered, each preceded by its length (a batch of appends). */
    public List<ScriptReply> split() {
        List<ScriptReply> parts = new ArrayList<>();
        int at = 0;
        while (at < elements.size()) {
            int length = Math.toIntExact(number(at));
            parts.add(new ScriptReply(elements.subList(at + 1, at + 1 + length)));
            at += 1 + length;
        }
        return parts;
    }

    public String outcome() {
        return text(0);
    }

    public int size() {
        return elements.size();
    }

    public String text(int index) {
        return new String((byte[]) elements.get(index), StandardCharsets.UTF_8);
    }

    public long number(int index) {
        Object element = elements.get(index);
        return element instanceof Long value ? value : Long.parseLong(text(index));
    }
}
