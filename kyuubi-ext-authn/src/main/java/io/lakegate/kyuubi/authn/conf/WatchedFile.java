package io.lakegate.kyuubi.authn.conf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of lines an operator edits while the server runs, parsed again when it changes: each {@link #current()}
 * compares the file's modification time, size and identity (a file-system stat, no thread, no watch service). A
 * file that fails to parse at start stops the provider with the key to fix; one that fails later is logged and the
 * last good content stays in force until the file changes again.
 */
public final class WatchedFile<T> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedFile.class);

    private final String key;
    private final Path path;
    private final Function<List<String>, T> parser;
    private volatile Snapshot<T> snapshot;

    /** {@code parser} throws {@link IllegalArgumentException} saying which line is wrong. */
    public WatchedFile(String key, Path path, Function<List<String>, T> parser, String fix) {
        this.key = requireNonNull(key, "key is null");
        this.path = requireNonNull(path, "path is null");
        this.parser = requireNonNull(parser, "parser is null");
        requireNonNull(fix, "fix is null");
        try {
            this.snapshot = read();
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(key, "names [" + path + "], which cannot be used: " + e.getMessage(), fix);
        }
    }

    public Path path() {
        return path;
    }

    public T current() {
        Snapshot<T> loaded = snapshot;
        Version version;
        try {
            version = Version.of(path);
        } catch (IOException e) {
            LOG.error("{} ({}) cannot be read ({}); what it said before stays in force", path, key, e.getMessage());
            return loaded.content;
        }
        if (version.equals(loaded.version)) {
            return loaded.content;
        }
        synchronized (this) {
            if (!snapshot.version.equals(version)) {
                try {
                    snapshot = read();
                    LOG.info("{} ({}) read again", path, key);
                } catch (IOException | IllegalArgumentException e) {
                    LOG.error(
                            "{} ({}) changed but cannot be used ({}); what it said before stays in force",
                            path,
                            key,
                            e.getMessage());
                    // Not parsed again until the file changes once more.
                    snapshot = new Snapshot<>(version, snapshot.content);
                }
            }
            return snapshot.content;
        }
    }

    private Snapshot<T> read() throws IOException {
        Version version = Version.of(path);
        return new Snapshot<>(version, parser.apply(Files.readAllLines(path, StandardCharsets.UTF_8)));
    }

    private record Snapshot<T>(Version version, T content) {}

    private record Version(FileTime modified, long size, Object key) {
        static Version of(Path path) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new Version(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        }
    }
}
