package io.lakegate.install.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The manifest of a host's home, if Lakegate is installed there. Uninstall deletes and rewrites what a manifest
 * names, so a manifest is trusted for no more than a host writes: only the files of {@code writes}, each in a
 * directory that really is inside the home (no link out of it), none of the files a link, and no link as
 * {@code .lakegate/}.
 */
final class Manifests {
    private Manifests() {}

    static Optional<Manifest> read(Path home) throws RefusedException {
        checkDirectory(home);
        Path file = home.resolve(Manifest.FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.isSymbolicLink(file)) {
            throw notLakegates(file, "is a link");
        }
        return Optional.of(ManifestJson.read(file.toString(), InstallPlanner.read(file)));
    }

    /** Refuses {@code manifest} of {@code home} if it names a file the host does not write, or one out of the home. */
    static void check(Path home, Manifest manifest, Predicate<String> writes) throws RefusedException {
        Path file = home.resolve(Manifest.FILE);
        List<String> paths = new ArrayList<>();
        manifest.created().forEach(created -> paths.add(created.path()));
        for (Manifest.ModifiedFile modified : manifest.modified()) {
            paths.add(modified.path());
            if (modified.existed()) {
                paths.add(modified.backup());
            }
        }
        for (String path : paths) {
            String written = path.startsWith(Manifest.BACKUPS) ? path.substring(Manifest.BACKUPS.length()) : path;
            if (!writes.test(written)) {
                throw notLakegates(file, "names " + path + ", which Lakegate does not write");
            }
            if (!inside(home, path)) {
                throw notLakegates(file, "names " + path + ", whose directory is outside " + home + " (a link)");
            }
        }
        // A directory to remove is one holding a file the manifest names, and no link: never /etc, nor ../x.
        for (String directory : manifest.directories()) {
            Path resolved = home.resolve(directory).normalize();
            boolean holdsANamedFile = manifest.created().stream()
                    .anyMatch(
                            created -> home.resolve(created.path()).normalize().startsWith(resolved));
            if (Path.of(directory).isAbsolute()
                    || !resolved.startsWith(home)
                    || resolved.equals(home)
                    || !holdsANamedFile
                    || !inside(home, directory + "/x")) {
                throw notLakegates(file, "names directory " + directory + ", which holds no file Lakegate wrote");
            }
            if (Files.isSymbolicLink(resolved)) {
                throw notLakegates(file, "names directory " + directory + ", which is a link");
            }
        }
        // A conf file may be the operator's link (install writes through it); a jar, template or backup never is.
        for (String path : paths) {
            boolean merged = manifest.modified().stream().anyMatch(m -> m.path().equals(path));
            if (!merged && Files.isSymbolicLink(home.resolve(path))) {
                throw notLakegates(file, "names " + path + ", which is a link, not the file Lakegate wrote");
            }
        }
    }

    /** Refuses a {@code .lakegate/} of {@code home} that is not a directory of its own. */
    static void checkDirectory(Path home) throws RefusedException {
        Path directory = home.resolve(Manifest.DIRECTORY);
        if (Files.isSymbolicLink(directory)
                || (Files.exists(directory) && !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS))) {
            throw new RefusedException(directory + " is not a directory (a link?): Lakegate keeps its records "
                    + "only in a directory of the home itself; move it away and run again");
        }
    }

    /** Whether {@code path}'s directory, where it exists, resolves (links followed) to inside {@code home}. */
    static boolean inside(Path home, String path) {
        Path parent = home.resolve(path).normalize().getParent();
        while (parent != null && !Files.exists(parent) && !Files.isSymbolicLink(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.exists(parent)) {
            return false;
        }
        try {
            return parent.toRealPath().startsWith(home.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(parent + " cannot be resolved: " + e.getMessage(), e);
        }
    }

    private static RefusedException notLakegates(Path manifest, String why) {
        return new RefusedException(
                manifest + " " + why + ": it is not a manifest Lakegate wrote; undo the " + "installation by hand");
    }
}
