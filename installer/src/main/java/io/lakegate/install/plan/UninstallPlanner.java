package io.lakegate.install.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.lakegate.install.conf.ConfEdit;
import io.lakegate.install.conf.DefaultsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Works out how to take back what the manifest of a home records: created files go (a changed jar is refused, a
 * changed template stays, the operator's now), a merged file untouched since becomes its backup again, one the
 * operator edited since loses only Lakegate's entries. Last go the backups and the manifest.
 */
public final class UninstallPlanner {
    private UninstallPlanner() {}

    /** Takes back the installation of {@code host} in {@code home}, a host writing the files of {@code writes}. */
    public static Plan plan(String host, Path home, Predicate<String> writes) throws RefusedException {
        requireNonNull(host, "host is null");
        requireNonNull(home, "home is null");
        requireNonNull(writes, "writes is null");
        Optional<Manifest> found = Manifests.read(home);
        if (found.isEmpty()) {
            return new Plan(host, home, List.of(), List.of("no Lakegate installation here (no " + Manifest.FILE + ")"));
        }
        Manifest manifest = found.get();
        if (!manifest.host().equals(host)) {
            throw new RefusedException(home + " holds Lakegate's installation for " + manifest.host() + " ("
                    + home.resolve(Manifest.FILE) + "), not " + host + ": pass it as --" + manifest.host() + "-home");
        }
        Manifests.check(home, manifest, writes);
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Manifest.CreatedFile created : manifest.created()) {
            Path file = home.resolve(created.path());
            if (!Files.exists(file)) {
                notes.add(created.path() + " is gone already");
            } else if (InstallPlanner.sha256(file).equals(created.sha256())) {
                changes.add(new Change.Delete(
                        created.path(),
                        created.template() ? Change.Kind.TEXT : Change.Kind.BINARY,
                        InstallPlanner.read(file)));
            } else if (created.template()) {
                notes.add("kept " + created.path() + ": it changed since install, so it is yours now");
            } else {
                refused.add(file + " changed since Lakegate installed it (sha256 " + created.sha256()
                        + " then): it is not Lakegate's file any more, so uninstall leaves it to you; move it away "
                        + "(or put Lakegate's back) and run uninstall again");
            }
        }
        for (Manifest.ModifiedFile modified : manifest.modified()) {
            Path file = home.resolve(modified.path());
            if (!Files.exists(file)) {
                notes.add(modified.path() + " is gone: nothing to restore");
                continue;
            }
            byte[] current = InstallPlanner.read(file);
            Optional<byte[]> backup = modified.existed()
                    ? Optional.of(InstallPlanner.read(home.resolve(modified.backup())))
                    : Optional.empty();
            Optional<byte[]> restored;
            if (modified.restorable() && Sha256.of(current).equals(modified.sha256())) {
                restored = backup;
            } else {
                DefaultsFile conf = DefaultsFile.parse(file.toString(), InstallPlanner.text(file, current));
                List<ConfEdit> edits = modified.edits();
                for (int i = edits.size() - 1; i >= 0; i--) {
                    conf = conf.revert(edits.get(i), kept -> notes.add(modified.path() + ": " + kept));
                }
                String text = conf.text();
                restored = !modified.existed() && text.isBlank() ? Optional.empty() : Optional.of(text.getBytes(UTF_8));
                notes.add(modified.path() + " changed since "
                        + (modified.restorable() ? "install" : "the first install")
                        + ": only Lakegate's settings are taken out of it");
            }
            if (restored.isEmpty()) {
                changes.add(new Change.Delete(modified.path(), Change.Kind.TEXT, current));
            } else if (!Arrays.equals(restored.get(), current)) {
                changes.add(new Change.Write(modified.path(), Change.Kind.TEXT, Optional.of(current), restored.get()));
            }
        }
        if (!refused.isEmpty()) {
            throw new RefusedException(String.join("\n", refused));
        }
        for (Manifest.ModifiedFile modified : manifest.modified()) {
            if (modified.existed() && Files.exists(home.resolve(modified.backup()))) {
                changes.add(new Change.Delete(
                        modified.backup(), Change.Kind.RECORD, InstallPlanner.read(home.resolve(modified.backup()))));
            }
        }
        changes.add(
                new Change.Delete(Manifest.FILE, Change.Kind.RECORD, InstallPlanner.read(home.resolve(Manifest.FILE))));
        return new Plan(host, home, changes, notes, manifest.directories());
    }
}
