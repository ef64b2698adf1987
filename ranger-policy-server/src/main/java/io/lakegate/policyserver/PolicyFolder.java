package io.lakegate.policyserver;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documents of a folder, each versioned by its content: a file whose content changes gets the next version
 * on the next request; a file that turns malformed keeps its last good version served, and its error reported.
 */
final class PolicyFolder {
    private static final Logger log = LoggerFactory.getLogger(PolicyFolder.class);
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final Path folder;
    private final Clock clock;
    private final Map<Path, Tracked> tracked = new HashMap<>();

    PolicyFolder(Path folder, Clock clock) {
        this.folder = requireNonNull(folder, "folder is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    sealed interface Lookup {}

    /** No such file (for policies: no such service). */
    record Missing() implements Lookup {}

    /** The file exists but has never been valid. */
    record Broken(String error) implements Lookup {}

    record Served(long version, byte[] body, Optional<String> currentError) implements Lookup {}

    synchronized Lookup lookup(String serviceName, DocumentKind kind) {
        if (!SERVICE_NAME.matcher(serviceName).matches()) {
            return new Missing();
        }
        Path file = folder.resolve(kind.fileName(serviceName));
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            tracked.remove(file);
            return new Missing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Stamp stamp = new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        Tracked current = tracked.get(file);
        if (current == null || !current.stamp().equals(stamp)) {
            current = reload(file, serviceName, kind, stamp, current);
            tracked.put(file, current);
        }
        if (current.body() == null) {
            return new Broken(current.error().orElseThrow());
        }
        return new Served(current.version(), current.body(), current.error());
    }

    private Tracked reload(Path file, String serviceName, DocumentKind kind, Stamp stamp, Tracked previous) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Tracked(stamp, null, 0, null, Optional.of(file + " disappeared while being read"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] hash = sha256(content);
        if (previous != null && previous.body() != null && Arrays.equals(previous.hash(), hash)) {
            return new Tracked(stamp, hash, previous.version(), previous.body(), Optional.empty());
        }
        RangerDocuments.Parsed parsed;
        try {
            parsed = RangerDocuments.parse(kind, serviceName, content, file.toString());
        } catch (MalformedPolicyFileException e) {
            if (previous != null && previous.body() != null) {
                log.error("{}; still serving version {} of it", e.getMessage(), previous.version());
                return new Tracked(
                        stamp, previous.hash(), previous.version(), previous.body(), Optional.of(e.getMessage()));
            }
            log.error("{}; nothing served for it until it is fixed", e.getMessage());
            return new Tracked(stamp, null, 0, null, Optional.of(e.getMessage()));
        }
        long version = nextVersion(previous, parsed);
        byte[] body = RangerDocuments.render(kind, parsed.document(), version, clock.millis());
        log.info("Serving {} as version {}", file, version);
        return new Tracked(stamp, hash, version, body, Optional.empty());
    }

    private static long nextVersion(Tracked previous, RangerDocuments.Parsed parsed) {
        long declared = parsed.declaredVersion().orElse(0);
        if (previous == null || previous.body() == null) {
            return Math.max(declared, 1);
        }
        return Math.max(declared, previous.version() + 1);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private record Stamp(FileTime modified, long size, Object fileKey) {}

    /** {@code body} is null while the file has never been valid. */
    private record Tracked(Stamp stamp, byte[] hash, long version, byte[] body, Optional<String> error) {}
}
