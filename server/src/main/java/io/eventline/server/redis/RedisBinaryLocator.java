package io.eventline.server.redis;

import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a redis-server to run: the one on PATH first, else the binary shipped in the embedded-redis artifact. */
public final class RedisBinaryLocator {
    private final boolean preferPath;
    private final String pathEnvironment;

    /** @param preferPath false to always use the shipped binary (the test harness pins its Redis version so) */
    public RedisBinaryLocator(boolean preferPath, String pathEnvironment) {
        this.preferPath = preferPath;
        this.pathEnvironment = pathEnvironment == null ? "" : pathEnvironment;
    }

    public Path locate() {
        if (preferPath) {
            Optional<Path> onPath = findOnPath();
            if (onPath.isPresent()) {
                return onPath.get();
            }
        }
        try {
            File shipped = ExecutableProvider.newJarResourceProvider().get();
            if (!shipped.canExecute() && !shipped.setExecutable(true)) {
                throw new IOException("cannot make " + shipped + " executable");
            }
            return shipped.toPath();
        }
        catch (IOException e) {
            throw new UncheckedIOException("no redis-server on PATH and the shipped one could not be unpacked", e);
        }
    }

    private Optional<Path> findOnPath() {
        for (String directory : pathEnvironment.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
