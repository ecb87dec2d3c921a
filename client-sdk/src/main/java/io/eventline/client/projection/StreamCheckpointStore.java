package io.eventline.client.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventline.client.EventlineClient;
import io.eventline.client.NotFoundException;
import io.eventline.client.RecordedEvent;
import io.eventline.client.admin.StreamRetention;
import io.eventline.client.append.EventData;
import io.eventline.client.append.ExpectedVersion;
import io.eventline.client.read.ReadOptions;
import io.eventline.client.serialization.SerializationException;
import io.eventline.client.subscribe.Checkpoint;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Checkpoints kept in Eventline itself: one stream per projection ({@code <category>-<projection>}),
 * each checkpoint an event, the newest one read back. The stream keeps only its last few events.
 */
public final class StreamCheckpointStore implements CheckpointStore {
    static final String EVENT_TYPE = "CheckpointStored";
    private static final long KEPT_CHECKPOINTS = 10;

    private final EventlineClient client;
    private final String category;
    private final ObjectMapper mapper;
    private final Set<String> retentionSet = ConcurrentHashMap.newKeySet();

    public StreamCheckpointStore(EventlineClient client, String category, ObjectMapper mapper) {
        this.client = requireNonNull(client, "client is null");
        this.category = requireNonNull(category, "category is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public Optional<Checkpoint> load(String projection) {
        try (Stream<RecordedEvent> newest = client.read(streamName(projection), ReadOptions.backwards().maxCount(1))) {
            return newest.findFirst().map(this::decode);
        }
        catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void save(String projection, Checkpoint checkpoint) {
        String stream = streamName(projection);
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(checkpoint);
        }
        catch (IOException e) {
            throw new SerializationException("cannot write checkpoint " + checkpoint, e);
        }
        client.appendBlocking(stream, ExpectedVersion.any(), List.of(EventData.builder(EVENT_TYPE).data(data).contentType("application/json").build()));
        if (retentionSet.add(stream)) {
            client.streams().setRetention(stream, StreamRetention.maxCount(KEPT_CHECKPOINTS));
        }
    }

    private String streamName(String projection) {
        return category + "-" + projection;
    }

    private Checkpoint decode(RecordedEvent event) {
        try {
            return mapper.readValue(event.data(), Checkpoint.class);
        }
        catch (IOException e) {
            throw new SerializationException("cannot read checkpoint " + event, e);
        }
    }
}
