package io.lakegate.sandbox.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The demonstration files shipped in the jar: copied into the data directory once, then the operator's to edit. */
public final class DemoFiles {
    private DemoFiles() {}

    /** Copies the resource {@code name} to {@code target} unless it exists; returns {@code target}. */
    public static Path copyOnce(String name, Path target) {
        return copyOnce(name, target, UnaryOperator.identity());
    }

    /** As {@link #copyOnce(String, Path)}, the resource's text changed by {@code edit} on the way. */
    public static Path copyOnce(String name, Path target, UnaryOperator<String> edit) {
        if (Files.exists(target)) {
            return target;
        }
        try (InputStream in = resource(name)) {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".copying-", ".tmp");
            Files.writeString(temporary, edit.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** The statements of the resource {@code name}: {@code --} comments dropped, each ending with {@code ;}. */
    public static List<String> statements(String name) {
        String text;
        try (InputStream in = resource(name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("--")) {
                continue;
            }
            String trimmed = line.strip();
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else if (!trimmed.isEmpty()) {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException(name + " ends with a statement without a semicolon");
        }
        return List.copyOf(statements);
    }

    private static InputStream resource(String name) {
        InputStream in = DemoFiles.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " is missing from the sandbox's jar");
        }
        return in;
    }
}
