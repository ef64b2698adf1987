package io.lakegate.install.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

/**
 * An exclusive lock of one home, {@code .lakegate/lock}, held from planning to the last change: two installers at
 * once would each plan from what the other is about to replace, and one's changes would be lost. A home left without
 * a manifest (refused, uninstalled) loses the lock file and {@code .lakegate/} again when the lock is let go.
 */
public final class HomeLock implements AutoCloseable {
    public static final String FILE = Manifest.DIRECTORY + "/lock";

    private final Path home;
    private final FileChannel channel;

    private HomeLock(Path home, FileChannel channel) {
        this.home = home;
        this.channel = channel;
    }

    /** Locks {@code home}, or refuses when another installer holds it. */
    public static HomeLock acquire(Path home) throws RefusedException {
        requireNonNull(home, "home is null");
        Path file = home.resolve(FILE);
        Manifests.checkDirectory(home);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null || !holds(channel, file)) {
                channel.close();
                throw new RefusedException(file + " is locked: another lakegate install or uninstall is changing "
                        + home + "; wait for it to finish and run again (if none is running, its process is gone "
                        + "and the lock with it: run again)");
            }
            return new HomeLock(home, channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(file + " cannot be created or locked: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the file at {@code path} is the one locked. The holder deletes the file before letting go, so a lock
     * taken on a file opened before that is a lock of a deleted file, which locks nothing: a token written through
     * the channel reads back through the path only if both are the same file.
     */
    private static boolean holds(FileChannel channel, Path path) throws IOException {
        byte[] token = ("pid " + ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n").getBytes(UTF_8);
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(token);
        while (buffer.hasRemaining()) {
            channel.write(buffer, token.length - buffer.remaining());
        }
        try {
            return Arrays.equals(Files.readAllBytes(path), token);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing lets go of the lock; an error here leaves nothing locked either.
            }
        }
    }

    @Override
    public void close() {
        try (FileChannel held = channel) {
            if (Files.exists(home.resolve(Manifest.FILE))) {
                // Empty between runs, so that a second install leaves the tree as it was.
                held.truncate(0);
            } else {
                Files.deleteIfExists(home.resolve(FILE));
                try {
                    Files.deleteIfExists(home.resolve(Manifest.DIRECTORY));
                } catch (DirectoryNotEmptyException e) {
                    // Backups an interrupted uninstall left: the operator's to look at.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(home.resolve(FILE) + " cannot be removed: " + e.getMessage(), e);
        }
    }
}
