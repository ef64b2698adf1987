package io.lakegate.install.host;

import io.lakegate.install.plan.RefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A host's version, read from the name of one of its own jars, as its binary distribution ships them. */
final class HostVersion {
    private HostVersion() {}

    /**
     * The match of {@code pattern} against the names in {@code home/dir}; none is not an error (the caller may look
     * elsewhere), several is: two versions of the host in one home cannot be told apart.
     */
    static Optional<Matcher> find(Path home, String dir, Pattern pattern) throws RefusedException {
        Path directory = home.resolve(dir);
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        List<Matcher> matches;
        try (Stream<Path> files = Files.list(directory)) {
            matches = files.map(file -> pattern.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(directory + " cannot be listed: " + e.getMessage(), e);
        }
        if (matches.size() > 1) {
            throw new RefusedException(directory + " holds " + matches.size() + " jars matching " + pattern
                    + " (" + matches.stream().map(Matcher::group).sorted().toList()
                    + "): one host version per home; remove the others");
        }
        return matches.stream().findFirst();
    }
}
