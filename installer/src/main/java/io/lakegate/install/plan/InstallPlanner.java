package io.lakegate.install.plan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.lakegate.install.conf.ConfEdit;
import io.lakegate.install.conf.DefaultsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Works out an installation into one host's home against what is there (and what an earlier {@code install}
 * recorded), so that a second run changes nothing. Hosts say what they need; {@link #plan()} gives the changes, the
 * backups and the manifest, or nothing at all when everything is in place.
 */
public final class InstallPlanner {
    private final String host;
    private final Path home;
    private final String version;
    private final Optional<Manifest> previous;
    private final List<Change> changes = new ArrayList<>();
    private final List<Change> backups = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Manifest.CreatedFile> created = new ArrayList<>();
    private final Map<String, Manifest.ModifiedFile> modified = new LinkedHashMap<>();
    private final Set<String> directories = new LinkedHashSet<>();

    private InstallPlanner(String host, Path home, String version, Optional<Manifest> previous) {
        this.host = host;
        this.home = home;
        this.version = version;
        this.previous = previous;
        previous.ifPresent(manifest -> {
            created.addAll(manifest.created());
            manifest.modified().forEach(file -> modified.put(file.path(), file));
            directories.addAll(manifest.directories());
        });
    }

    /**
     * A planner for {@code host} in {@code home}, which writes the files of {@code writes}; refuses a home that
     * Lakegate of another version or host manages, or whose manifest names other files.
     */
    public static InstallPlanner of(String host, Path home, String version, Predicate<String> writes)
            throws RefusedException {
        requireNonNull(host, "host is null");
        requireNonNull(home, "home is null");
        requireNonNull(version, "version is null");
        requireNonNull(writes, "writes is null");
        Optional<Manifest> previous = Manifests.read(home);
        if (previous.isPresent() && !previous.get().host().equals(host)) {
            throw new RefusedException(home + " holds Lakegate's installation for "
                    + previous.get().host() + " (" + home.resolve(Manifest.FILE) + "), not " + host
                    + ": check the option's directory");
        }
        if (previous.isPresent() && !previous.get().version().equals(version)) {
            throw new RefusedException(
                    home + " holds Lakegate " + previous.get().version() + " (" + home.resolve(Manifest.FILE)
                            + "): run that version's `lakegate uninstall` first, then install "
                            + version);
        }
        if (previous.isPresent()) {
            Manifests.check(home, previous.get(), writes);
        }
        return new InstallPlanner(host, home, version, previous);
    }

    /**
     * Copies {@code source} to {@code target}; if {@code target} holds the same bytes already, nothing is done. Other
     * bytes under that name are refused: they are not this build's, and may be the operator's.
     */
    public void copy(Path source, String target) throws RefusedException {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        byte[] content = read(source);
        Path file = target(target);
        if (Files.exists(file)) {
            if (Sha256.of(content).equals(sha256(file))) {
                return;
            }
            boolean ours = created.stream().anyMatch(c -> c.path().equals(target));
            throw new RefusedException(file + (ours ? " changed since Lakegate installed it" : " exists already")
                    + " and is not Lakegate " + version + "'s (" + source + "): move it away and run install again");
        }
        createsDirectoriesOf(target);
        changes.add(new Change.Write(target, Change.Kind.BINARY, Optional.empty(), content));
        created.add(new Manifest.CreatedFile(target, Sha256.of(content), false));
    }

    /**
     * Writes {@code content} to {@code target} unless a file is there, which stays as it is (the operator's); says
     * whether it will be written.
     */
    public boolean createIfAbsent(String target, String content) throws RefusedException {
        requireNonNull(target, "target is null");
        requireNonNull(content, "content is null");
        Path file = target(target);
        if (Files.exists(file)) {
            if (created.stream().noneMatch(c -> c.path().equals(target))) {
                notes.add("kept " + target + ", which exists already (Lakegate writes it only where there is none)");
            }
            return false;
        }
        byte[] bytes = content.getBytes(UTF_8);
        createsDirectoriesOf(target);
        changes.add(new Change.Write(target, Change.Kind.TEXT, Optional.empty(), bytes));
        created.add(new Manifest.CreatedFile(target, Sha256.of(bytes), true));
        return true;
    }

    /** Lakegate's edits of a defaults file: returns the file edited, each edit handed to {@code edits}. */
    @FunctionalInterface
    public interface Merge {
        DefaultsFile apply(DefaultsFile file, Consumer<ConfEdit> edits);
    }

    /** Merges settings into the defaults file {@code target}, created if absent. */
    public void mergeDefaults(String target, Merge merge) throws RefusedException {
        requireNonNull(target, "target is null");
        requireNonNull(merge, "merge is null");
        Path file = target(target);
        boolean exists = Files.exists(file);
        byte[] before = exists ? read(file) : new byte[0];
        String text = text(file, before);
        List<ConfEdit> edits = new ArrayList<>();
        DefaultsFile merged;
        try {
            merged = merge.apply(DefaultsFile.parse(file.toString(), text), edits::add);
        } catch (IllegalArgumentException e) {
            throw new RefusedException(e.getMessage());
        }
        if (edits.isEmpty()) {
            return;
        }
        byte[] after = merged.text().getBytes(UTF_8);
        createsDirectoriesOf(target);
        changes.add(new Change.Write(target, Change.Kind.TEXT, exists ? Optional.of(before) : Optional.empty(), after));
        Manifest.ModifiedFile earlier = modified.get(target);
        if (earlier == null) {
            Manifest.ModifiedFile record = new Manifest.ModifiedFile(target, exists, Sha256.of(after), true, edits);
            if (exists) {
                backups.add(new Change.Write(record.backup(), Change.Kind.RECORD, Optional.empty(), before));
            }
            modified.put(target, record);
        } else {
            List<ConfEdit> all = new ArrayList<>(earlier.edits());
            all.addAll(edits);
            // Edited since the earlier install, the file is no longer its backup plus Lakegate's edits: putting the
            // backup back would lose the operator's edits.
            boolean restorable = earlier.restorable() && Sha256.of(before).equals(earlier.sha256());
            modified.put(
                    target, new Manifest.ModifiedFile(target, earlier.existed(), Sha256.of(after), restorable, all));
        }
    }

    /**
     * The file {@code target} of the home, if it may be written: in a directory inside the home (a directory linked
     * out of it is refused, as uninstall would be), and not a link to nothing (writing would replace the link).
     */
    private Path target(String target) throws RefusedException {
        Path file = home.resolve(target);
        if (!Manifests.inside(home, target)) {
            throw new RefusedException(file.getParent() + " is a link out of " + home + ": Lakegate writes only inside "
                    + "the home; make it a directory of the home, or install by hand");
        }
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            throw new RefusedException(file + " is a link to " + linkTarget(file) + ", which does not exist: create "
                    + "the file it points to (or remove the link) and run again");
        }
        return file;
    }

    private static Path linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            throw new UncheckedIOException(link + " cannot be read: " + e.getMessage(), e);
        }
    }

    // The directories of the home that writing target creates, deepest first, for uninstall to remove once empty.
    private void createsDirectoriesOf(String target) {
        for (Path dir = home.resolve(target).getParent();
                dir != null && dir.startsWith(home) && !dir.equals(home);
                dir = dir.getParent()) {
            if (Files.exists(dir)) {
                return;
            }
            directories.add(home.relativize(dir).toString());
        }
    }

    public void note(String note) {
        notes.add(requireNonNull(note, "note is null"));
    }

    /** The changes in order: backups, then the manifest (so a crash leaves a record of all of it), then the files. */
    public Plan plan() {
        if (changes.isEmpty()) {
            return new Plan(host, home, List.of(), notes);
        }
        List<Change> all = new ArrayList<>(backups);
        Path manifestFile = home.resolve(Manifest.FILE);
        byte[] manifest = ManifestJson.write(
                new Manifest(version, host, created, List.copyOf(modified.values()), List.copyOf(directories)));
        all.add(new Change.Write(
                Manifest.FILE,
                Change.Kind.RECORD,
                Files.exists(manifestFile) ? Optional.of(read(manifestFile)) : Optional.empty(),
                manifest));
        all.addAll(changes);
        return new Plan(host, home, all, notes);
    }

    static String text(Path file, byte[] content) throws RefusedException {
        try {
            return UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RefusedException(file + " is not UTF-8 text: save it as UTF-8 (or ASCII) and run again");
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
