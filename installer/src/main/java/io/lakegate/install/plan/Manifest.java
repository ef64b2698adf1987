package io.lakegate.install.plan;

import static java.util.Objects.requireNonNull;

import io.lakegate.install.conf.ConfEdit;
import java.util.List;

/**
 * What {@code install} changed in one host's home, kept in {@code .lakegate/install.json} there so that
 * {@code uninstall} takes back exactly that. Files are named relative to the home; {@code directories} are those the
 * installation created (a plugin's directory), deepest first.
 */
public record Manifest(
        String version, String host, List<CreatedFile> created, List<ModifiedFile> modified, List<String> directories) {
    public static final String DIRECTORY = ".lakegate";
    public static final String FILE = DIRECTORY + "/install.json";
    public static final String BACKUPS = DIRECTORY + "/backup/";

    public Manifest {
        requireNonNull(version, "version is null");
        requireNonNull(host, "host is null");
        created = List.copyOf(requireNonNull(created, "created is null"));
        modified = List.copyOf(requireNonNull(modified, "modified is null"));
        directories = List.copyOf(requireNonNull(directories, "directories is null"));
    }

    /**
     * A file that was not there. A {@code template} is the operator's to edit, and stays when it changed; any other
     * file (a jar) that changed is not deleted.
     */
    public record CreatedFile(String path, String sha256, boolean template) {
        public CreatedFile {
            requireNonNull(path, "path is null");
            requireNonNull(sha256, "sha256 is null");
        }
    }

    /**
     * A configuration file Lakegate merged settings into: {@code existed} says whether it was there before (then its
     * original content is at {@link #BACKUPS}{@code path}); {@code sha256} is the content Lakegate last wrote.
     * {@code restorable}: the file is its backup with Lakegate's edits and nothing else, so that, unchanged, it may
     * become the backup again; not so once the operator edited it between two installs (uninstall then takes out
     * only Lakegate's edits, keeping theirs).
     */
    public record ModifiedFile(String path, boolean existed, String sha256, boolean restorable, List<ConfEdit> edits) {
        public ModifiedFile {
            requireNonNull(path, "path is null");
            requireNonNull(sha256, "sha256 is null");
            edits = List.copyOf(requireNonNull(edits, "edits is null"));
        }

        public String backup() {
            return BACKUPS + path;
        }
    }
}
