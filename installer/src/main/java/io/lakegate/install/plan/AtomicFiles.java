package io.lakegate.install.plan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes that never leave a half-written file: the content goes to a temporary file beside it, is forced to disk,
 * then moves over it atomically. A file system that cannot move atomically is an error, not a silent plain copy.
 */
final class AtomicFiles {
    static final String TEMPORARY_SUFFIX = ".lakegate-tmp";

    /** What a new file gets: readable by the engine's user whoever runs the installer, as {@code cp} would leave it. */
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {}

    /**
     * Writes {@code content} to {@code file}. A link is written through to the file it points to (the operator keeps
     * their link); a replaced file keeps its permissions, owner and group, and {@code permissionsOf} (if it exists) is
     * the file whose permissions a new one takes (a backup those of its original), else a new file is rw-r--r--.
     */
    static void write(Path file, byte[] content, Path permissionsOf) throws IOException {
        Path target = target(file);
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "." + target.getFileName(), TEMPORARY_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // On disk before the move: else a crash could leave the new name with no content.
                channel.force(true);
            }
            PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
            if (view != null) {
                if (Files.exists(target)) {
                    keepAttributes(target, view);
                } else {
                    view.setPermissions(
                            Files.exists(permissionsOf) ? Files.getPosixFilePermissions(permissionsOf) : NEW_FILE);
                }
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Deletes the temporary files a write of {@code file} left when its run was killed (under the home's lock, no
     * other run is writing them).
     */
    static void sweep(Path file) throws IOException {
        Path target = Files.exists(file) ? target(file) : file;
        Path parent = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + target.getFileName();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(parent, path -> {
            String name = path.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX);
        })) {
            for (Path stale : files) {
                Files.deleteIfExists(stale);
            }
        }
    }

    /** The file a write of {@code file} replaces: a link's target, which must exist. */
    private static Path target(Path file) throws IOException {
        if (!Files.isSymbolicLink(file)) {
            return file;
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "a link to a file that does not exist");
        }
        return file.toRealPath();
    }

    /** A conf readable by the engine's user stays so, and a file of the engine's user stays theirs where we may. */
    private static void keepAttributes(Path existing, PosixFileAttributeView temporary) throws IOException {
        PosixFileAttributes was = Files.readAttributes(existing, PosixFileAttributes.class);
        PosixFileAttributes now = temporary.readAttributes();
        temporary.setPermissions(was.permissions());
        try {
            if (!now.group().equals(was.group())) {
                temporary.setGroup(was.group());
            }
            if (!now.owner().equals(was.owner())) {
                temporary.setOwner(was.owner());
            }
        } catch (FileSystemException e) {
            // Only root may give a file away (and only a member may give it a group): the file becomes the installing
            // user's, with the permissions it had.
        }
    }
}
