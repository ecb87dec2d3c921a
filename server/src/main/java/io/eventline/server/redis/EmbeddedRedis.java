package io.eventline.server.redis;

import io.eventline.server.lifecycle.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * A private redis-server child process on 127.0.0.1, with AOF persistence in a data directory, so
 * the server runs with no Redis to set up. Stopping it sends SIGTERM, on which Redis flushes the AOF.
 * It writes its pid to {@value #PID_FILE} in the data directory, so a later start can find it when
 * the server that started it was killed.
 */
public final class EmbeddedRedis implements AutoCloseable {
    public static final String PID_FILE = "redis-server.pid";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final Duration READY_BOUND = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path binary;

    private EmbeddedRedis(Process process, int port, Path binary) {
        this.process = process;
        this.port = port;
        this.binary = binary;
    }

    /**
     * Starts redis-server and waits until it accepts connections.
     *
     * @param port 0 to pick a free port
     * @param appendFsync always, everysec or no
     * @param streamNodeMaxBytes listpack node size for streams; 0 keeps Redis's default
     */
    public static EmbeddedRedis start(Path binary, Path dataDirectory, int port, String appendFsync, int streamNodeMaxBytes) {
        return start(binary, dataDirectory, port, appendFsync, streamNodeMaxBytes, List.of());
    }

    /** A replica of the Redis on 127.0.0.1:{@code primaryPort} (for tests of replication settings). */
    public static EmbeddedRedis startReplica(Path binary, Path dataDirectory, int primaryPort) {
        return start(binary, dataDirectory, 0, "everysec", 0, List.of("--replicaof", "127.0.0.1", Integer.toString(primaryPort)));
    }

    /**
     * A Redis Cluster node with no slots yet (for fault tests of failover), {@code appendfsync always};
     * its cluster state lives in the data directory, so a node started again on the same port and
     * directory rejoins its cluster.
     *
     * @param nodeTimeout how long the others wait before they fail it over, e.g. 1 s
     */
    public static EmbeddedRedis startClusterNode(Path binary, Path dataDirectory, int port, Duration nodeTimeout) {
        return start(binary, dataDirectory, port, "always", 0, List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis()), "--cluster-replica-validity-factor", "0"));
    }

    private static EmbeddedRedis start(Path binary, Path dataDirectory, int port, String appendFsync, int streamNodeMaxBytes, List<String> extra) {
        requireNonNull(binary, "binary is null");
        try {
            Files.createDirectories(dataDirectory);
            int chosenPort = port == 0 ? freePort() : port;
            List<String> command = new ArrayList<>(List.of(
                    binary.toString(),
                    "--port", Integer.toString(chosenPort),
                    "--bind", "127.0.0.1",
                    "--dir", dataDirectory.toAbsolutePath().toString(),
                    "--appendonly", "yes",
                    "--appendfsync", appendFsync,
                    "--save", "",
                    "--daemonize", "no",
                    "--protected-mode", "yes",
                    "--pidfile", dataDirectory.toAbsolutePath().resolve(PID_FILE).toString()));
            if (streamNodeMaxBytes > 0) {
                command.addAll(List.of("--stream-node-max-bytes", Integer.toString(streamNodeMaxBytes)));
            }
            command.addAll(extra);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // completes true on "Ready to accept connections", false when the output ends: Redis exited
            CompletableFuture<Boolean> ready = new CompletableFuture<>();
            List<String> output = new ArrayList<>();
            Thread reader = new Thread(() -> pipeOutput(process, ready, output), "embedded-redis-" + chosenPort);
            reader.setDaemon(true);
            reader.start();
            boolean isReady;
            try {
                isReady = awaitReady(ready);
            }
            catch (InterruptedException e) {
                process.destroyForcibly();
                throw e;
            }
            if (!isReady) {
                boolean timedOut = !ready.isDone();
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw notReady(binary, chosenPort, timedOut ? "did not become ready within " + READY_BOUND.toSeconds() + " s"
                        : "exited with code " + (process.isAlive() ? "unknown" : process.exitValue()) + " before it was ready", snapshot(output));
            }
            log.info("Started embedded Redis {} (pid {}) on 127.0.0.1:{} (AOF on, appendfsync {}, data in {})",
                    binary, process.pid(), chosenPort, appendFsync, dataDirectory.toAbsolutePath());
            return new EmbeddedRedis(process, chosenPort, binary);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server " + binary, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting redis-server (the server is stopping)", e);
        }
    }

    private static boolean awaitReady(CompletableFuture<Boolean> ready) throws InterruptedException {
        try {
            return ready.get(READY_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Redis's own reason, with the fix where the reason is a known one. */
    private static StartupException notReady(Path binary, int port, String what, List<String> output) {
        if (output.stream().anyMatch(line -> line.contains("Address already in use"))) {
            return new StartupException("the embedded Redis cannot listen on 127.0.0.1:" + port + ": Address already in use. "
                    + "Set redis.embedded.port to a free port (0 picks one), or stop what listens there");
        }
        String lastLine = output.isEmpty() ? "no output" : output.get(output.size() - 1).trim();
        return new StartupException("redis-server " + binary + " on 127.0.0.1:" + port + " " + what + "; its last line: " + lastLine);
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path binary() {
        return binary;
    }

    public long pid() {
        return process.pid();
    }

    /** Completes when the process has exited, for whatever reason. */
    public CompletableFuture<Process> exited() {
        return process.onExit();
    }

    /** SIGKILL, for fault tests: Redis gets no chance to flush anything; what survives is what its AOF had. */
    public void killAbruptly() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not die within 10 s of SIGKILL");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing redis-server", e);
        }
        log.info("Killed embedded Redis on port {}", port);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                log.warn("Embedded Redis on port {} did not stop in 20 s; killing it", port);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        log.info("Stopped embedded Redis on port {}", port);
    }

    private static void pipeOutput(Process process, CompletableFuture<Boolean> ready, List<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!ready.isDone()) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains("Ready to accept connections")) {
                        ready.complete(true);
                    }
                }
                log.debug("redis: {}", line);
            }
        }
        catch (IOException e) {
            log.debug("embedded Redis output closed", e);
        }
        finally {
            ready.complete(false);
        }
    }

    private static List<String> snapshot(List<String> output) {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
