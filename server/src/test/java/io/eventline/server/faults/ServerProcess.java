package io.eventline.server.faults;

import io.eventline.server.testing.Ports;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Eventline server in a JVM of its own (Main on the test's classpath), so it can die the way a
 * crashed host does: SIGKILL, no shutdown hook, nothing drained. It restarts on the same port, and
 * its channel reconnects to whichever process serves there.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_BOUND = Duration.ofSeconds(90);

    private final List<String> command;
    private final Path log;
    private final ManagedChannel channel;
    private final int port;
    private Process process;

    private ServerProcess(List<String> command, Path log, int port) {
        this.command = List.copyOf(command);
        this.log = log;
        this.port = port;
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** Starts {@code java -cp <test classpath> io.eventline.server.Main} with these flags and waits until it serves; its output goes to {@code log}. */
    static ServerProcess start(Path log, List<String> flags) throws IOException, InterruptedException {
        int port = Ports.free();
        ServerProcess server = new ServerProcess(command(port, flags), log, port);
        server.launch();
        return server;
    }

    /** Runs a server that is expected to exit by itself (a failed start, --help); its exit status, its output in {@code log}. */
    static int exitStatus(Path log, List<String> flags, Duration bound) throws IOException, InterruptedException {
        Process process = spawn(log, flags);
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the server process did not exit within " + bound + ": " + Files.readString(log));
        }
        return process.exitValue();
    }

    /** A server process, not waited for; its output goes to {@code log}. */
    static Process spawn(Path log, List<String> flags) throws IOException {
        return new ProcessBuilder(command(Ports.free(), flags)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static List<String> command(int port, List<String> flags) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.eventline.server.Main",
                "--grpc.host=127.0.0.1", "--grpc.port=" + port, "--metrics.port=-1"));
        command.addAll(flags);
        return command;
    }

    Channel channel() {
        return channel;
    }

    /** The gRPC port, on 127.0.0.1, for a client that needs a connection of its own. */
    int port() {
        return port;
    }

    /** The running JVM's pid (for /proc/<pid>/status). */
    long pid() {
        return process.pid();
    }

    /** kill -9 of the whole JVM. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** A new process with the same command, on the same port. */
    void restart() throws IOException, InterruptedException {
        launch();
        channel.resetConnectBackoff();
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server process exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            if (serving()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server process did not serve within " + START_BOUND + ": " + Files.readString(log));
    }

    private boolean serving() {
        try {
            HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            return health.getStatus() == HealthCheckResponse.ServingStatus.SERVING;
        }
        catch (StatusRuntimeException e) {
            channel.resetConnectBackoff();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
