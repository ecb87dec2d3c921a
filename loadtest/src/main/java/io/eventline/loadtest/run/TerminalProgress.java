package io.eventline.loadtest.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/** A one-line live progress display, rewritten in place with a carriage return: for a terminal only. */
public final class TerminalProgress implements ProgressListener {
    private final PrintStream terminal;
    private long lastFinished;
    private Duration lastElapsed = Duration.ZERO;

    public TerminalProgress(PrintStream terminal) {
        this.terminal = requireNonNull(terminal, "terminal is null");
    }

    /** A live display on standard error when it is a terminal, else nothing (so logs and pipes stay clean). */
    public static ProgressListener forStandardError() {
        return System.console() != null ? new TerminalProgress(System.err) : NONE;
    }

    @Override
    public synchronized void progress(Duration elapsed, long finished, long failed) {
        double seconds = (elapsed.toNanos() - lastElapsed.toNanos()) / 1e9;
        double rate = seconds > 0 ? (finished - lastFinished) / seconds : 0;
        lastFinished = finished;
        lastElapsed = elapsed;
        terminal.print(String.format(Locale.ROOT, "\r%7.1f s  %,12d requests  %,10.0f req/s  %,d failed   ",
                elapsed.toNanos() / 1e9, finished, rate, failed));
        terminal.flush();
    }

    @Override
    public synchronized void done() {
        terminal.print("\r" + " ".repeat(78) + "\r");
        terminal.flush();
    }
}
