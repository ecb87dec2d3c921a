package io.eventline.server.faults;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Cuts a copied AOF the way a copy taken while Redis writes can end: inside its last transaction (an
 * append script's effects, MULTI ... EXEC), a few bytes into the command after MULTI. A Redis loading
 * it must drop that whole transaction (aof-load-truncated yes, the default) and load the rest. The last
 * MULTI was written after the copy's AOF rewrite began, so what the cut drops is newer than the rewrite.
 */
final class AofTailCut {
    private static final byte[] MULTI = "*1\r\n$5\r\nMULTI\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Into the first command of the transaction, not past it. */
    private static final int INTO_NEXT_COMMAND = 5;

    private AofTailCut() {
    }

    /** Cuts the AOF Redis appends to in {@code dataDirectory}: appendonly.aof (Redis 6.2), else the newest appendonlydir/*.incr.aof (Redis 7). */
    static void cutInsideLastTransaction(Path dataDirectory) throws IOException {
        Path aof = appendedFile(dataDirectory);
        byte[] content = Files.readAllBytes(aof);
        int multi = lastIndexOf(content, MULTI);
        if (multi < 0) {
            throw new AssertionError(aof + " holds no transaction after its rewrite: the load appended nothing during the backup");
        }
        try (RandomAccessFile file = new RandomAccessFile(aof.toFile(), "rw")) {
            file.setLength(multi + MULTI.length + INTO_NEXT_COMMAND);
        }
    }

    private static Path appendedFile(Path dataDirectory) throws IOException {
        Path single = dataDirectory.resolve("appendonly.aof");
        if (Files.exists(single)) {
            return single;
        }
        try (Stream<Path> files = Files.list(dataDirectory.resolve("appendonlydir"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".incr.aof"))
                    .max(Comparator.comparing(file -> file.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no AOF in " + dataDirectory));
        }
    }

    private static int lastIndexOf(byte[] content, byte[] marker) {
        for (int at = content.length - marker.length; at >= 0; at--) {
            int matched = 0;
            while (matched < marker.length && content[at + matched] == marker[matched]) {
                matched++;
            }
            if (matched == marker.length) {
                return at;
            }
        }
        return -1;
    }
}
