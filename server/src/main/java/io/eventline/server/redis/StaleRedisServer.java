package io.eventline.server.redis;

import io.eventline.server.lifecycle.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * The redis-server a killed Eventline server left running on its data directory: found through the
 * pidfile Redis writes there, and stopped (SIGTERM, so it flushes its AOF) before a new one starts on
 * the same AOF. It kills only a process it has verified to be a redis-server working in that directory.
 */
final class StaleRedisServer {
    private static final Logger log = LoggerFactory.getLogger(StaleRedisServer.class);
    private static final long STOP_BOUND_SECONDS = 20;

    private final Path dataDirectory;

    StaleRedisServer(Path dataDirectory) {
        this.dataDirectory = requireNonNull(dataDirectory, "dataDirectory is null").toAbsolutePath();
    }

    void stopIfRunning() {
        Optional<ProcessHandle> process = recordedPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isRedisServer(process.get())) {
            return;
        }
        long pid = process.get().pid();
        Optional<Boolean> ours = worksIn(process.get());
        if (ours.isPresent() && !ours.get()) {
            log.info("The pidfile in {} names redis-server pid {}, which works in another directory; leaving it alone", dataDirectory, pid);
            return;
        }
        if (ours.isEmpty()) {
            throw new StartupException("redis-server pid " + pid + " (named by " + dataDirectory.resolve(EmbeddedRedis.PID_FILE)
                    + ") may still run on this data directory and could not be checked: stop it (kill " + pid + ") and start again");
        }
        log.warn("Stopping redis-server pid {}, left running in {} by an Eventline server that did not stop cleanly", pid, dataDirectory);
        process.get().destroy();
        if (!exitedWithin(process.get(), STOP_BOUND_SECONDS)) {
            process.get().destroyForcibly();
            if (!exitedWithin(process.get(), 5)) {
                throw new StartupException("the stale redis-server pid " + pid + " in " + dataDirectory + " does not die: kill it and start again");
            }
        }
    }

    private Optional<Long> recordedPid() {
        Path pidFile = dataDirectory.resolve(EmbeddedRedis.PID_FILE);
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        }
        catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A pid is reused once its process is gone: only a redis-server may be the one the pidfile meant. */
    private static boolean isRedisServer(ProcessHandle process) {
        return process.info().command().map(command -> Path.of(command).getFileName().toString().startsWith("redis-server")).orElse(false);
    }

    /** Redis changes into its {@code dir} at start; Linux shows a process's working directory in /proc. Empty where that cannot be read. */
    private Optional<Boolean> worksIn(ProcessHandle process) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).equals(dataDirectory.toRealPath()));
        }
        catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static boolean exitedWithin(ProcessHandle process, long seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
