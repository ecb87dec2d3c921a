package io.eventline.client.testing;

import io.eventline.client.append.EventData;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** Test events and stream names. */
public final class Events {
    private Events() {
    }

    /** A stream name no other test uses: {@code <category>-<random>}. */
    public static String uniqueStream(String category) {
        return category + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static EventData event(String type, int number) {
        return EventData.json(type, "{\"n\":" + number + "}");
    }

    /** {@code count} events of {@code type} numbered from {@code first}. */
    public static List<EventData> events(String type, int first, int count) {
        return IntStream.range(first, first + count).mapToObj(number -> event(type, number)).toList();
    }
}
