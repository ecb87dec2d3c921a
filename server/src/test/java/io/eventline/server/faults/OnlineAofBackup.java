package io.eventline.server.faults;

import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The online backup docs/operations.md describes for a Redis with AOF on: rewrite the AOF (so the copy
 * is small), hold off automatic rewrites (so no file is replaced or deleted while it is copied), copy
 * the data directory while Redis keeps appending, and allow rewrites again. The copy's last command
 * may be cut short; Redis drops such a tail when it loads the copy (aof-load-truncated yes).
 */
final class OnlineAofBackup {
    private static final String AUTO_REWRITE = "auto-aof-rewrite-percentage";
    private static final Duration REWRITE_BOUND = Duration.ofSeconds(60);

    private final RedisCommands<String, String> redis;
    private final Path dataDirectory;

    OnlineAofBackup(RedisCommands<String, String> redis, Path dataDirectory) {
        this.redis = requireNonNull(redis, "redis is null");
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null");
    }

    /** Copies the data directory into {@code target}; returns the bytes copied. */
    long copyTo(Path target) throws IOException, InterruptedException {
        redis.bgrewriteaof();
        awaitNoRewrite();
        String autoRewrite = redis.configGet(AUTO_REWRITE).get(AUTO_REWRITE);
        redis.configSet(AUTO_REWRITE, "0");
        try {
            // a rewrite started between the wait and the CONFIG SET would replace files under the copy
            awaitNoRewrite();
            return copyTree(target);
        }
        finally {
            redis.configSet(AUTO_REWRITE, autoRewrite);
        }
    }

    private void awaitNoRewrite() throws InterruptedException {
        long deadline = System.nanoTime() + REWRITE_BOUND.toNanos();
        while (rewriting()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the AOF rewrite did not finish within " + REWRITE_BOUND);
            }
            Thread.sleep(50);
        }
    }

    private boolean rewriting() {
        String persistence = redis.info("persistence");
        return List.of("aof_rewrite_in_progress", "aof_rewrite_scheduled").stream()
                .anyMatch(field -> InfoFields.of(persistence, field).map("1"::equals).orElse(false));
    }

    private long copyTree(Path target) throws IOException {
        long bytes = 0;
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(dataDirectory.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                }
                else {
                    Files.copy(source, copy);
                    bytes += Files.size(copy);
                }
            }
        }
        return bytes;
    }
}
