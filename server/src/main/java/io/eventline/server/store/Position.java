package io.eventline.server.store;

import io.eventline.server.redis.EntryId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A position in $all: the partition and the ID of the event's pointer entry in that partition's
 * log. Clients see it as the opaque text {@code <partition>:<millis>-<sequence>}.
 * Positions order by (millis, sequence, partition): within a partition that is the log order.
 * A value: equal when partition, millis and sequence are.
 */
public final class Position implements Comparable<Position> {
    private final int partition;
    private final long millis;
    private final long sequence;
    /**
     * The entry ID's ASCII bytes as Redis wrote them (canonical), when the position was read from
     * Redis: its text is made from them, not by formatting two longs again (6 % of a read's CPU).
     */
    private final byte[] entryIdAscii;
    /** Made on first use: most positions read (the tailer's, filters') are never shown to a client. */
    private String text;

    public Position(int partition, long millis, long sequence) {
        this(partition, millis, sequence, null);
    }

    private Position(int partition, long millis, long sequence, byte[] entryIdAscii) {
        if (partition < 0 || millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("negative position component");
        }
        this.partition = partition;
        this.millis = millis;
        this.sequence = sequence;
        this.entryIdAscii = entryIdAscii;
    }

    public int partition() {
        return partition;
    }

    public long millis() {
        return millis;
    }

    public long sequence() {
        return sequence;
    }

    /** Parses a position a client sent; {@code field} names the request field in the error. */
    public static Position parse(String text, String field) {
        int colon = text.indexOf(':');
        int dash = text.indexOf('-', colon + 1);
        if (colon <= 0 || dash <= colon + 1 || dash == text.length() - 1) {
            throw new InvalidArgumentException(field, ClientText.quote(text) + " is not a position; use one the server returned");
        }
        try {
            return new Position(
                    Integer.parseInt(text.substring(0, colon)),
                    Long.parseLong(text.substring(colon + 1, dash)),
                    Long.parseLong(text.substring(dash + 1)));
        }
        catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(field, ClientText.quote(text) + " is not a position; use one the server returned");
        }
    }

    /** A log entry ID ("millis-sequence") read back from Redis, in a known partition. */
    public static Position ofEntryId(int partition, String entryId) {
        return ofEntryId(partition, entryId.getBytes(StandardCharsets.US_ASCII));
    }

    /** The same from the ID's ASCII bytes, as stored in an event entry: no String on the read path. */
    public static Position ofEntryId(int partition, byte[] entryId) {
        EntryId id = EntryId.parse(entryId);
        return new Position(partition, id.millis(), id.sequence(), entryId);
    }

    public String entryId() {
        return millis + "-" + sequence;
    }

    /** When Redis recorded the event: log entry IDs carry Redis's clock. */
    public Instant recordedAt() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public int compareTo(Position other) {
        int byMillis = Long.compare(millis, other.millis);
        if (byMillis != 0) {
            return byMillis;
        }
        int bySequence = Long.compare(sequence, other.sequence);
        return bySequence != 0 ? bySequence : Integer.compare(partition, other.partition);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Position position && position.partition == partition && position.millis == millis && position.sequence == sequence;
    }

    @Override
    public int hashCode() {
        return (31 * partition + Long.hashCode(millis)) * 31 + Long.hashCode(sequence);
    }

    /** The text clients see and send back. */
    @Override
    public String toString() {
        String known = text;
        if (known == null) {
            known = entryIdAscii != null ? partition + ":" + new String(entryIdAscii, StandardCharsets.US_ASCII) : partition + ":" + millis + "-" + sequence;
            text = known;
        }
        return known;
    }
}
