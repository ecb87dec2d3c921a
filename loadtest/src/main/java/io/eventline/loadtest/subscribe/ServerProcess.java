package io.eventline.loadtest.subscribe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's process on this machine, by id: its resident set size from {@code /proc}, and its
 * heap in use (jcmd GC.heap_info). {@link #collectGarbage} first makes both mean what stays
 * reachable rather than garbage not yet collected (and lets the JVM give back heap it no longer needs).
 */
public final class ServerProcess {
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final long JCMD_TIMEOUT_SECONDS = 30;

    private final long pid;
    private final Path jcmd;

    public ServerProcess(long pid) {
        this.pid = pid;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isReadable(Path.of("/proc", Long.toString(pid), "status"))) {
            throw new IllegalArgumentException("--server-pid " + pid + " is not a process on this machine");
        }
    }

    public long residentBytes() throws IOException {
        return parse(RSS, Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8), "VmRSS") * 1024;
    }

    /** A full GC (jcmd GC.run). */
    public void collectGarbage() throws IOException, InterruptedException {
        jcmd("GC.run");
    }

    public long heapUsedBytes() throws IOException, InterruptedException {
        return parse(HEAP_USED, jcmd("GC.heap_info"), "heap used") * 1024;
    }

    static long parse(Pattern pattern, String text, String what) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + what + " in: " + text);
        }
        return Long.parseLong(matcher.group(1));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command)).redirectErrorStream(true).start();
        if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " did not answer in " + JCMD_TIMEOUT_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }
}
