package io.lakegate.install.host;

import static java.util.Objects.requireNonNull;

import io.lakegate.install.plan.Plan;
import io.lakegate.install.plan.RefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trino: recognised by {@code lib/trino-main-<version>.jar} (or a {@code trino-server-<version>} directory), and
 * refused, as nothing ships for it yet.
 */
final class TrinoHost implements Host {
    private static final Pattern TRINO_MAIN = Pattern.compile("trino-main-(\\d+)\\.jar");
    private static final Pattern SERVER_DIRECTORY = Pattern.compile("trino-server-(\\d+)");

    @Override
    public String name() {
        return "trino";
    }

    @Override
    public Plan install(Path home, Distribution distribution, InstallSettings settings) throws RefusedException {
        requireNonNull(home, "home is null");
        requireNonNull(distribution, "distribution is null");
        requireNonNull(settings, "settings is null");
        Optional<String> version = HostVersion.find(home, "lib", TRINO_MAIN).map(match -> match.group(1));
        if (version.isEmpty() && home.getFileName() != null) {
            Matcher directory = SERVER_DIRECTORY.matcher(home.getFileName().toString());
            if (directory.matches() && Files.isDirectory(home.resolve("lib"))) {
                version = Optional.of(directory.group(1));
            }
        }
        String found = version.orElseThrow(() -> new RefusedException(home + " is not a Trino home: it has no "
                + "lib/trino-main-<version>.jar; pass --trino-home the directory of a Trino server distribution "
                + "(the one holding bin/launcher, lib/ and plugin/)"));
        throw new RefusedException("Trino " + found + " at " + home + ": Lakegate " + distribution.version()
                + " ships nothing for Trino yet (its access control and lineage plugins come in a later release); "
                + "leave out --trino-home");
    }

    @Override
    public boolean writes(String path) {
        requireNonNull(path, "path is null");
        // Nothing is installed into Trino yet.
        return false;
    }
}
