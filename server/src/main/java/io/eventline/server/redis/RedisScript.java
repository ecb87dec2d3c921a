package io.eventline.server.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * A Lua script run with EVALSHA; when Redis answers NOSCRIPT (after a restart, a failover or
 * SCRIPT FLUSH) it is sent once with EVAL, which also caches it again. Lettuce does not do this.
 */
public final class RedisScript {
    private final String name;
    private final byte[] body;
    private final String sha1;

    private RedisScript(String name, byte[] body) {
        this.name = name;
        this.body = body;
        this.sha1 = sha1Hex(body);
    }

    /** Loads a script from the classpath, next to {@code anchor}. */
    public static RedisScript fromResource(Class<?> anchor, String resource) {
        return fromResource(anchor, resource, "");
    }

    /** Loads a script from the classpath, next to {@code anchor}, with {@code prelude} (Lua) in front of it. */
    public static RedisScript fromResource(Class<?> anchor, String resource, String prelude) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("script resource not found: " + resource);
            }
            byte[] head = prelude.getBytes(StandardCharsets.UTF_8);
            byte[] script = in.readAllBytes();
            byte[] body = Arrays.copyOf(head, head.length + script.length);
            System.arraycopy(script, 0, body, head.length, script.length);
            return new RedisScript(resource, body);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** The script as Redis runs it. */
    public String source() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Runs the script; the result is a multi-bulk reply (byte[], Long and List elements). */
    public CompletableFuture<List<Object>> run(RedisClusterAsyncCommands<byte[], byte[]> redis, byte[][] keys, byte[]... args) {
        CompletableFuture<List<Object>> result = new CompletableFuture<>();
        redis.<List<Object>>evalsha(sha1, ScriptOutputType.MULTI, keys, args).whenComplete((reply, error) -> {
            if (error == null) {
                result.complete(reply);
            }
            else if (error instanceof RedisNoScriptException) {
                redis.<List<Object>>eval(body, ScriptOutputType.MULTI, keys, args).whenComplete((retried, retryError) -> {
                    if (retryError == null) {
                        result.complete(retried);
                    }
                    else {
                        result.completeExceptionally(retryError);
                    }
                });
            }
            else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    private static String sha1Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (sha1 " + sha1 + ")";
    }
}
