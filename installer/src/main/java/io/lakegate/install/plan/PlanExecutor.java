package io.lakegate.install.plan;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Carries out a plan, each file written atomically, and each only while it still holds what the plan was made from:
 * an edit made since (by the operator, while the plan was printed) stops the run rather than being overwritten. The
 * installer's own directory goes when it is left empty, as do the directories an install created.
 */
public final class PlanExecutor {
    private PlanExecutor() {}

    public static void apply(Plan plan) throws IOException {
        requireNonNull(plan, "plan is null");
        Path records = plan.home().resolve(Manifest.DIRECTORY);
        for (Change change : plan.changes()) {
            if (change instanceof Change.Write) {
                AtomicFiles.sweep(plan.home().resolve(change.path()));
            }
        }
        for (Change change : plan.changes()) {
            Path file = plan.home().resolve(change.path());
            if (change instanceof Change.Write write) {
                expect(file, write.before());
                // A backup takes the permissions of the file it keeps (a conf may hold a password).
                Path permissionsOf = change.path().startsWith(Manifest.BACKUPS)
                        ? plan.home().resolve(change.path().substring(Manifest.BACKUPS.length()))
                        : file;
                AtomicFiles.write(file, write.after(), permissionsOf);
                continue;
            }
            expect(file, Optional.of(((Change.Delete) change).before()));
            Files.deleteIfExists(file);
            for (Path dir = file.getParent(); dir.startsWith(records); dir = dir.getParent()) {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException e) {
                    break;
                }
            }
        }
        // Deepest first; one the operator put files in since stays.
        List<Path> directories = plan.emptiedDirectories().stream()
                .map(plan.home()::resolve)
                .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                .toList();
        for (Path directory : directories) {
            if (Files.isSymbolicLink(directory)) {
                continue;
            }
            try {
                Files.deleteIfExists(directory);
            } catch (DirectoryNotEmptyException e) {
                // Not empty: the operator's now.
            }
        }
    }

    private static void expect(Path file, Optional<byte[]> content) throws IOException {
        boolean unchanged = content.isEmpty()
                ? !Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                : Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content.get());
        if (!unchanged) {
            throw new IOException(file + " changed since it was read (by someone else, while this ran): stopped "
                    + "before replacing it");
        }
    }
}
