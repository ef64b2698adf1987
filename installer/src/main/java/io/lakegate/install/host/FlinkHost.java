package io.lakegate.install.host;

import static java.util.Objects.requireNonNull;

import io.lakegate.install.plan.Plan;
import io.lakegate.install.plan.RefusedException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Flink: recognised by {@code lib/flink-dist-<version>.jar}, and refused: the installer does not install Flink's
 * drop-in jar and settings yet (they are installed by hand).
 */
final class FlinkHost implements Host {
    private static final Pattern FLINK_DIST = Pattern.compile("flink-dist(?:_2\\.1[12])?-(\\d[^/]*)\\.jar");

    @Override
    public String name() {
        return "flink";
    }

    @Override
    public Plan install(Path home, Distribution distribution, InstallSettings settings) throws RefusedException {
        requireNonNull(home, "home is null");
        requireNonNull(distribution, "distribution is null");
        requireNonNull(settings, "settings is null");
        String version = HostVersion.find(home, "lib", FLINK_DIST)
                .map(match -> match.group(1))
                .orElseThrow(() -> new RefusedException(home + " is not a Flink home: it has no "
                        + "lib/flink-dist-<version>.jar; pass --flink-home the directory of a Flink binary "
                        + "distribution"));
        throw new RefusedException("Flink " + version + " at " + home + ": Lakegate " + distribution.version()
                + " does not install into Flink yet (its drop-in jar lakegate-flink-1.20 and settings are installed by"
                + " hand: flink-hivecatalog-authz/README.md, \"Deploy\"); leave out --flink-home");
    }

    @Override
    public boolean writes(String path) {
        requireNonNull(path, "path is null");
        // Nothing is installed into Flink yet.
        return false;
    }
}
