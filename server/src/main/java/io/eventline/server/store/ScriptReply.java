package io.eventline.server.store;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A store script's reply: an outcome word, then numbers and texts. */
public record ScriptReply(List<Object> elements) {
    public ScriptReply {
        elements = List.copyOf(elements);
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
