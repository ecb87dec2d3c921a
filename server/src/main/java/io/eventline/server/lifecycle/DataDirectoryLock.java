package io.eventline.server.lifecycle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static java.util.Objects.requireNonNull;

/**
 * One server per data directory: an exclusive lock on a file in it, holding the owner's pid, kept
 * for the server's life. The operating system releases it when the process dies, even by kill -9.
 */
public final class DataDirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "eventline.lock";

    private final Path directory;
    private FileChannel channel;
    private FileLock lock;

    public DataDirectoryLock(Path directory) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
    }

    public synchronized void acquire() {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.US_ASCII).trim();
                close();
                throw new StartupException("the data directory " + directory + " is in use by another Eventline server (pid "
                        + (holder.isEmpty() ? "unknown" : holder) + "): stop that server, or give this one its own redis.embedded.data-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
        }
        catch (IOException e) {
            close();
            throw new StartupException("cannot lock the data directory " + directory + " (" + e + "): check that it is writable, or set redis.embedded.data-dir", e);
        }
    }

    /** Null when another process holds it; a lock held elsewhere in this JVM (tests) counts as held too. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        }
        catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        }
        catch (IOException e) {
            // the lock goes with the channel or, at worst, with the process
        }
        finally {
            lock = null;
            channel = null;
        }
    }
}
