package io.lakegate.install.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The manifest of a host's home, if Lakegate is installed there. */
final class Manifests {
    private Manifests() {}

    static Optional<Manifest> read(Path home) throws RefusedException {
        Path file = home.resolve(Manifest.FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(ManifestJson.read(file.toString(), InstallPlanner.read(file)));
    }
}
