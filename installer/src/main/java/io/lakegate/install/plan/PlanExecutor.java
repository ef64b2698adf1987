package io.lakegate.install.plan;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Carries out a plan, each file written atomically; the installer's own directory goes when it is left empty. */
public final class PlanExecutor {
    private PlanExecutor() {}

    public static void apply(Plan plan) throws IOException {
        requireNonNull(plan, "plan is null");
        Path records = plan.home().resolve(Manifest.DIRECTORY);
        for (Change change : plan.changes()) {
            Path file = plan.home().resolve(change.path());
            if (change instanceof Change.Write write) {
                AtomicFiles.write(file, write.after());
                continue;
            }
            Files.deleteIfExists(file);
            for (Path dir = file.getParent(); dir.startsWith(records); dir = dir.getParent()) {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException e) {
                    break;
                }
            }
        }
    }
}
