package io.eventline.client.admin;

import io.eventline.client.NotFoundException;
import io.eventline.client.append.ExpectedVersion;

import java.util.Optional;

/** Stream management ({@code client.streams()}): info, deletion, retention, snapshots. Blocking calls. */
public interface StreamAdmin {
    /** Throws {@link NotFoundException} when the stream was never written to. */
    StreamInfo info(String stream);

    /** Soft delete: the events go, reads say not found, a later append continues the numbering. */
    void delete(String stream, ExpectedVersion expected);

    /** Hard delete: the stream can never be written again. */
    void tombstone(String stream, ExpectedVersion expected);

    void setRetention(String stream, StreamRetention retention);

    /** Stores the stream's state at {@code version}; the newest snapshot wins. */
    void saveSnapshot(String stream, long version, byte[] data, String contentType);

    /** The latest snapshot, if the stream has one. */
    Optional<Snapshot> loadSnapshot(String stream);
}
