package io.lakegate.install.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code install} or {@code uninstall} does to one host's home: the files in the order they are changed, what
 * the operator should know (settings kept, files left alone), and the directories an install created, which an
 * uninstall removes once they are empty.
 */
public record Plan(String host, Path home, List<Change> changes, List<String> notes, List<String> emptiedDirectories) {
    public Plan {
        requireNonNull(host, "host is null");
        requireNonNull(home, "home is null");
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
        emptiedDirectories = List.copyOf(requireNonNull(emptiedDirectories, "emptiedDirectories is null"));
    }

    public Plan(String host, Path home, List<Change> changes, List<String> notes) {
        this(host, home, changes, notes, List.of());
    }
}
