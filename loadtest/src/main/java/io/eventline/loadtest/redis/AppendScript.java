package io.eventline.loadtest.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/** The server's own append script, read from the server jar and loaded with SCRIPT LOAD, run with EVALSHA. */
public final class AppendScript {
    public static final String RESOURCE = "/io/eventline/server/store/append/append.lua";

    private final String sha;

    private AppendScript(String sha) {
        this.sha = sha;
    }

    public static AppendScript load(RedisCommands<String, String> admin) {
        requireNonNull(admin, "admin is null");
        return new AppendScript(admin.scriptLoad(source()));
    }

    public static String source() {
        try (InputStream in = AppendScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the server's append script " + RESOURCE + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String sha() {
        return sha;
    }

    public CompletableFuture<List<Object>> run(RedisAsyncCommands<byte[], byte[]> redis, byte[][] keys, byte[][] arguments) {
        return redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, arguments).toCompletableFuture();
    }
}
