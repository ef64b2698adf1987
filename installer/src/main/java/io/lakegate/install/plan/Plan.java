package io.lakegate.install.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code install} or {@code uninstall} does to one host's home: the files in the order they are changed, and
 * what the operator should know (settings kept, files left alone).
 */
public record Plan(String host, Path home, List<Change> changes, List<String> notes) {
    public Plan {
        requireNonNull(host, "host is null");
        requireNonNull(home, "home is null");
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
    }
}
