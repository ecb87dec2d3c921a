package io.eventline.server.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static java.util.Objects.requireNonNull;

/**
 * The Redis key layout (DESIGN.md, "Storage in Redis"):
 * {@code <ns>:{p}:s:<stream>} events, {@code <ns>:{p}:m:<stream>} metadata hash,
 * {@code <ns>:{p}:snap:<stream>} latest snapshot, {@code <ns>:{p}:log} the partition's pointer log.
 */
public final class StoreKeys {
    private final String namespace;
    private final int partitions;

    public StoreKeys(String namespace, int partitions) {
        this.namespace = requireNonNull(namespace, "namespace is null");
        if (namespace.isEmpty() || namespace.contains("{") || namespace.contains("}")) {
            throw new IllegalArgumentException("namespace must be non-empty and free of '{' and '}'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        this.partitions = partitions;
    }

    public int partitions() {
        return partitions;
    }

    public StreamLocation locate(StreamName stream) {
        int partition = partitionOf(stream);
        return new StreamLocation(
                stream,
                partition,
                key(partition, "s:", stream.utf8()),
                key(partition, "m:", stream.utf8()),
                key(partition, "snap:", stream.utf8()),
                key(partition, "age:", stream.utf8()),
                logKey(partition));
    }

    /** Where a hard-deleted stream's events wait while their $all pointers are removed ({@code <ns>:{p}:purge:<stream>}). */
    public byte[] purgeKey(StreamLocation location) {
        return key(location.partition(), "purge:", location.stream().utf8());
    }

    public byte[] logKey(int partition) {
        return (prefix(partition) + "log").getBytes(StandardCharsets.UTF_8);
    }

    /** A consumer group's definition (a hash); it shares a hash tag with the set of names, as one script writes both. */
    public byte[] groupKey(String group) {
        return (namespace + ":{groups}:" + group).getBytes(StandardCharsets.UTF_8);
    }

    /** The set of consumer group names. */
    public byte[] groupsKey() {
        return (namespace + ":{groups}").getBytes(StandardCharsets.UTF_8);
    }

    /** A group's replayed parked messages in a partition: pointers its consumers read besides the source. */
    public byte[] replayKey(int partition, String group) {
        return (prefix(partition) + "rp:" + group).getBytes(StandardCharsets.UTF_8);
    }

    /** A group's parked (dead-lettered) messages in a partition. */
    public byte[] parkedKey(int partition, String group) {
        return (prefix(partition) + "pk:" + group).getBytes(StandardCharsets.UTF_8);
    }

    /** The keys that seal ack ids (a hash; see AckKeyring). */
    public byte[] ackKeysKey() {
        return (namespace + ":ackkeys").getBytes(StandardCharsets.UTF_8);
    }

    /** Records the store's partition count; it is fixed when the store is first created. */
    public byte[] partitionCountKey() {
        return (namespace + ":partitions").getBytes(StandardCharsets.UTF_8);
    }

    private int partitionOf(StreamName stream) {
        if (partitions == 1) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(stream.utf8());
        return (int) (crc.getValue() % partitions);
    }

    private String prefix(int partition) {
        return namespace + ":{" + partition + "}:";
    }

    private byte[] key(int partition, String kind, byte[] name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((prefix(partition) + kind).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(name);
        return out.toByteArray();
    }
}
