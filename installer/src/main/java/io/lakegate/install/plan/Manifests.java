package io.lakegate.install.plan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The manifest of a host's home, if Lakegate is installed there. */
final class Manifests {
    private Manifests() {}

    static Optional<Manifest> read(Path home) throws RefusedException {
        Path file = home.resolve(Manifest.FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Manifest manifest = ManifestJson.read(file.toString(), InstallPlanner.read(file));
        // Uninstall deletes and rewrites what the manifest names: never anything outside the home.
        Optional<String> outside = Stream.concat(
                        manifest.created().stream().map(Manifest.CreatedFile::path),
                        manifest.modified().stream().map(Manifest.ModifiedFile::path))
                .filter(path -> !home.resolve(path).normalize().startsWith(home.normalize()))
                .findFirst();
        if (outside.isPresent()) {
            throw new RefusedException(file + " names " + outside.get() + ", outside " + home
                    + ": it is not a manifest Lakegate wrote; undo the installation by hand");
        }
        return Optional.of(manifest);
    }
}
