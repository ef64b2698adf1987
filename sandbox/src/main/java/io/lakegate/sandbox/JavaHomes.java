package io.lakegate.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Java installations of the machine, as their {@code release} files describe them. */
final class JavaHomes {
    private static final Path JVMS = Path.of("/usr/lib/jvm");
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    private static final int TRINO = 25;

    private JavaHomes() {}

    /** The {@code bin/java} of the newest Java 25 or later in {@code /usr/lib/jvm}, if there is one. */
    static Optional<Path> newestJava25() {
        if (!Files.isDirectory(JVMS)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVMS)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> major(home).orElse(0) >= TRINO)
                    .max(Comparator.comparingInt((Path home) -> major(home).orElse(0))
                            .thenComparing(Comparator.naturalOrder()))
                    .map(home -> home.resolve("bin/java"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + JVMS, e);
        }
    }

    /** The major version in {@code home}'s {@code release} file, if it has one. */
    static OptionalInt major(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return OptionalInt.empty();
        }
        try {
            Matcher version = VERSION.matcher(Files.readString(release));
            return version.find() ? OptionalInt.of(Integer.parseInt(version.group(1))) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }
}
