package io.eventline.loadtest.redis;

import io.eventline.server.store.StoredField;
import io.eventline.server.store.append.EventAppender;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** The server's own append script, read from the server jar and loaded with SCRIPT LOAD, run with EVALSHA. */
public final class AppendScript {
    private final String sha;

    private AppendScript(String sha) {
        this.sha = sha;
    }

    public static AppendScript load(RedisCommands<String, String> admin) {
        requireNonNull(admin, "admin is null");
        return new AppendScript(admin.scriptLoad(source()));
    }

    /** The script as the server sends it to Redis: append.lua with the store's field names in front. */
    public static String source() {
        return StoredField.script(EventAppender.class, "append.lua").source();
    }

    public String sha() {
        return sha;
    }

    public CompletableFuture<List<Object>> run(RedisAsyncCommands<byte[], byte[]> redis, byte[][] keys, byte[][] arguments) {
        return redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, arguments).toCompletableFuture();
    }
}
