package io.eventline.client.testing;

import io.eventline.client.RecordedEvent;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a handler was given, in order, from any thread. */
public final class HandledEvents {
    private final List<RecordedEvent> handled = new CopyOnWriteArrayList<>();

    public void add(RecordedEvent event) {
        handled.add(event);
    }

    public int size() {
        return handled.size();
    }

    public List<Long> versions() {
        return handled.stream().map(RecordedEvent::version).toList();
    }

    /** How often each event was handled, by stream@version. */
    public Map<String, Long> timesHandled() {
        return handled.stream().collect(Collectors.groupingBy(event -> event.stream() + "@" + event.version(), TreeMap::new, Collectors.counting()));
    }

    /** The events handled more than once. */
    public Map<String, Long> duplicates() {
        return timesHandled().entrySet().stream().filter(entry -> entry.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    public <T> List<T> map(Function<RecordedEvent, T> mapping) {
        return handled.stream().map(mapping).toList();
    }

    @Override
    public String toString() {
        return "handled " + handled.size() + ": " + versions();
    }
}
