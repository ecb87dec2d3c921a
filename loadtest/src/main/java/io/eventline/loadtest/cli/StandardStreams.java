package io.eventline.loadtest.cli;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output in UTF-8 whatever the locale, so the histogram bars print as they should. */
final class StandardStreams {
    private StandardStreams() {
    }

    static PrintStream out() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }
}
