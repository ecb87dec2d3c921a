package io.eventline.server.security;

import io.eventline.server.concurrent.DaemonThreads;
import io.eventline.server.config.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The token file, read at start and again whenever its content changes (looked at every
 * {@code interval}), so tokens are added or revoked without a restart. A file that no longer parses
 * keeps the tokens in force and says why in the log.
 */
public final class TokenFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TokenFile.class);

    private final Path path;
    private final Duration interval;
    private volatile TokenStore tokens;
    private byte[] digest;
    private ScheduledExecutorService watcher;

    /** Reads the file; a missing or bad one is a {@link ConfigurationException}. */
    public TokenFile(Path path, Duration interval) {
        this.path = requireNonNull(path, "path is null");
        this.interval = requireNonNull(interval, "interval is null");
        byte[] content = read();
        this.tokens = TokenStore.parse(content, path.toString());
        this.digest = sha256(content);
    }

    public TokenStore tokens() {
        return tokens;
    }

    public Path path() {
        return path;
    }

    /** Starts looking for changes. */
    public synchronized void start() {
        if (watcher == null) {
            watcher = DaemonThreads.scheduler("token-file", 1);
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Reads the file again; replaces the tokens if its content changed and parses. */
    synchronized void reloadIfChanged() {
        try {
            byte[] content = read();
            byte[] newDigest = sha256(content);
            if (Arrays.equals(newDigest, digest)) {
                return;
            }
            digest = newDigest;
            TokenStore reloaded = TokenStore.parse(content, path.toString());
            tokens = reloaded;
            log.info("Token file {} changed: {} tokens now in force", path, reloaded.size());
        }
        catch (ConfigurationException e) {
            log.error("Token file {} changed but is not usable, the previous tokens stay in force: {}", path, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(path);
        }
        catch (IOException e) {
            throw new ConfigurationException("cannot read the token file " + path + ": " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
