package io.eventline.server.store;

import io.eventline.server.store.StoredField;
import io.eventline.server.redis.RedisScript;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every field name the store writes in Redis, in one place for Java and Lua: the scripts get them
 * as tables ({@code META.version}, {@code EVENT.position}, ...) from {@link #script}, Java code from
 * {@link #bytes()}. Names are short because each is stored once per hash or listpack node.
 */
public enum StoredField {
    /** A stream's meta hash ({@code <ns>:{p}:m:<stream>}). */
    META_VERSION(Holder.META, "version", "v"),
    META_CREATED(Holder.META, "created", "c"),
    META_DELETED(Holder.META, "deleted", "d"),
    META_TOMBSTONE(Holder.META, "tombstone", "x"),
    META_MAX_COUNT(Holder.META, "max_count", "mc"),
    META_MAX_AGE(Holder.META, "max_age", "ma"),
    META_APPENDS(Holder.META, "appends", "a"),
    /** The prefix of the retry records' fields, r0..r<window-1>. */
    META_RECORD(Holder.META, "record", "r"),

    /** An event's entry in its stream key. */
    EVENT_ID(Holder.EVENT, "id", "i"),
    EVENT_TYPE(Holder.EVENT, "type", "t"),
    EVENT_DATA(Holder.EVENT, "data", "d"),
    EVENT_CONTENT_TYPE(Holder.EVENT, "content_type", "c"),
    EVENT_METADATA(Holder.EVENT, "metadata", "m"),
    EVENT_POSITION(Holder.EVENT, "position", "p"),

    /** A pointer in a partition log, and in a group's parked and replay lists. */
    POINTER_STREAM(Holder.POINTER, "stream", "s"),
    POINTER_VERSION(Holder.POINTER, "version", "v"),
    POINTER_TYPE(Holder.POINTER, "type", "t"),
    /** Parked pointers also say why and after how many deliveries. */
    POINTER_REASON(Holder.POINTER, "reason", "r"),
    POINTER_DELIVERIES(Holder.POINTER, "deliveries", "n"),

    /** An entry of a stream's age index: its ID is all it says. */
    AGE_MARK(Holder.AGE, "mark", "a"),

    /** A stream's snapshot hash. */
    SNAPSHOT_VERSION(Holder.SNAPSHOT, "version", "v"),
    SNAPSHOT_DATA(Holder.SNAPSHOT, "data", "d"),
    SNAPSHOT_CONTENT_TYPE(Holder.SNAPSHOT, "content_type", "c"),
    SNAPSHOT_SAVED(Holder.SNAPSHOT, "saved", "s"),

    /** A consumer group's definition hash. */
    GROUP_TARGET(Holder.GROUP, "target", "t"),
    GROUP_CATEGORIES(Holder.GROUP, "categories", "cat"),
    GROUP_TYPES(Holder.GROUP, "types", "typ"),
    GROUP_PREFIXES(Holder.GROUP, "prefixes", "pfx"),
    GROUP_ACK_TIMEOUT(Holder.GROUP, "ack_timeout", "at"),
    GROUP_MAX_DELIVERIES(Holder.GROUP, "max_deliveries", "md"),
    GROUP_CREATED(Holder.GROUP, "created", "c"),
    /** The prefix of the start fields, s<partition>. */
    GROUP_START(Holder.GROUP, "start", "s"),

    /** The ack-id keys' hash ({@code <ns>:ackkeys}). */
    ACK_KEYS_CURRENT(Holder.ACK_KEYS, "current", "current"),
    ACK_KEYS_SINCE(Holder.ACK_KEYS, "since", "since"),
    /** The prefix of the keys' fields, k<id>. */
    ACK_KEYS_KEY(Holder.ACK_KEYS, "key", "k");

    /** What holds the field; its Lua table's name. */
    public enum Holder {
        META, EVENT, POINTER, AGE, SNAPSHOT, GROUP, ACK_KEYS
    }

    /** The Lua tables, one line (a script's line numbers move by one). */
    private static final String LUA_TABLES = Arrays.stream(Holder.values())
            .map(holder -> "local " + holder.name() + " = {" + Arrays.stream(values())
                    .filter(field -> field.holder == holder)
                    .map(field -> field.luaName + " = '" + field.stored + "'")
                    .collect(Collectors.joining(", ")) + "}")
            .collect(Collectors.joining("; ", "", "\n"));

    private final Holder holder;
    private final String luaName;
    private final String stored;
    private final byte[] bytes;

    StoredField(Holder holder, String luaName, String stored) {
        this.holder = holder;
        this.luaName = luaName;
        this.stored = stored;
        this.bytes = stored.getBytes(StandardCharsets.US_ASCII);
    }

    /** The name as stored. */
    public String text() {
        return stored;
    }

    /** The name as stored, as bytes (a copy: callers may hand it to Lettuce). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A store script from the classpath next to {@code anchor}, with the field tables in front of it. */
    public static RedisScript script(Class<?> anchor, String resource) {
        return RedisScript.fromResource(anchor, resource, LUA_TABLES);
    }

    @Override
    public String toString() {
        return holder.name().toLowerCase(Locale.ROOT) + "." + luaName + "='" + stored + "'";
    }
}
