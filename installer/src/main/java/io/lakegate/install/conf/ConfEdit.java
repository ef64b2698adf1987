package io.lakegate.install.conf;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One setting Lakegate changed in a defaults file: an entry appended to a comma-separated list, or a key set that
 * was unset. {@code originalLine} is the line before (empty when Lakegate added the line), {@code writtenLine} the
 * line Lakegate wrote, so that an untouched line is restored exactly.
 */
public record ConfEdit(Kind kind, String key, String value, Optional<String> originalLine, String writtenLine) {
    public ConfEdit {
        requireNonNull(kind, "kind is null");
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        requireNonNull(originalLine, "originalLine is null");
        requireNonNull(writtenLine, "writtenLine is null");
    }

    public enum Kind {
        APPENDED_ENTRY,
        SET
    }
}
