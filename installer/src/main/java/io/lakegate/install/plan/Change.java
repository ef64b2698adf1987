package io.lakegate.install.plan;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** One file the installer writes or deletes, relative to a host's home. */
public sealed interface Change permits Change.Write, Change.Delete {
    String path();

    Kind kind();

    /** How a change is shown: text files with a diff, jars by size and digest, the installer's own records by name. */
    enum Kind {
        TEXT,
        BINARY,
        RECORD
    }

    /** Creates {@code path} ({@code before} empty) or replaces its content {@code before} with {@code after}. */
    record Write(String path, Kind kind, Optional<byte[]> before, byte[] after) implements Change {
        public Write {
            requireNonNull(path, "path is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(before, "before is null");
            requireNonNull(after, "after is null");
        }
    }

    record Delete(String path, Kind kind, byte[] before) implements Change {
        public Delete {
            requireNonNull(path, "path is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(before, "before is null");
        }
    }
}
