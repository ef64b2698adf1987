package io.lakegate.install.conf;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@code spark-defaults.conf} or {@code kyuubi-defaults.conf}: both hosts read it with
 * {@link java.util.Properties#load}, so a key ends at the first {@code =}, {@code :} or blank, and the last line of
 * a key wins. Edits keep every other line, comments included, byte for byte. Immutable: every edit returns a new
 * file.
 */
public final class DefaultsFile {
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");

    private final List<Line> lines;

    private DefaultsFile(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    /**
     * Parses {@code text}; {@code name} names the file in messages. Lines end as {@code Properties.load} ends them
     * ({@code \r\n}, {@code \r} or {@code \n}), and each keeps its own ending. A setting continued on the next line (a
     * trailing backslash) is refused, as an edit of it could not be told apart from the operator's.
     */
    public static DefaultsFile parse(String name, String text) {
        requireNonNull(name, "name is null");
        requireNonNull(text, "text is null");
        List<Line> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            int next = end < text.length() ? end + 1 : end;
            if (next < text.length() && text.charAt(end) == '\r' && text.charAt(next) == '\n') {
                next++;
            }
            lines.add(new Line(text.substring(start, end), text.substring(end, next)));
            start = next;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).text();
            Setting setting = Setting.of(line);
            if (setting != null && trailingBackslashes(line) % 2 == 1) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + ": setting [" + setting.key
                        + "] continues on the next line (a trailing backslash); join it into one line and run again");
            }
        }
        return new DefaultsFile(lines);
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append(line.text()).append(line.ending());
        }
        return text.toString();
    }

    /** The value in effect for {@code key} (its last line), trimmed. */
    public Optional<String> value(String key) {
        requireNonNull(key, "key is null");
        int index = lastLineOf(key);
        return index < 0
                ? Optional.empty()
                : Optional.of(Setting.of(lines.get(index).text()).value.trim());
    }

    /**
     * Appends {@code entry} to the comma-separated list of {@code key} (adding the line if there is none); when it
     * is listed already, nothing changes and {@code edit} is not called.
     */
    public DefaultsFile appendEntry(String key, String entry, Consumer<ConfEdit> edit) {
        requireNonNull(key, "key is null");
        requireNonNull(entry, "entry is null");
        requireNonNull(edit, "edit is null");
        int index = lastLineOf(key);
        if (index < 0) {
            String line = key + separator() + entry;
            edit.accept(new ConfEdit(ConfEdit.Kind.APPENDED_ENTRY, key, entry, Optional.empty(), line));
            return withLine(-1, line);
        }
        String original = lines.get(index).text();
        Setting setting = Setting.of(original);
        List<String> entries = entries(setting.value);
        if (entries.contains(entry)) {
            return this;
        }
        String value = setting.value.strip();
        // A key alone on its line has no separator yet: without one the entry would run into the key's name.
        String prefix = endsInSeparator(setting.prefix) ? setting.prefix : setting.prefix + separator();
        String line = prefix + (value.isEmpty() ? entry : value + "," + entry);
        edit.accept(new ConfEdit(ConfEdit.Kind.APPENDED_ENTRY, key, entry, Optional.of(original), line));
        return withLine(index, line);
    }

    /** Sets {@code key} to {@code value} when unset; a value already there is kept and {@code edit} not called. */
    public DefaultsFile setIfUnset(String key, String value, Consumer<ConfEdit> edit) {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        requireNonNull(edit, "edit is null");
        if (lastLineOf(key) >= 0) {
            return this;
        }
        String line = key + separator() + value;
        edit.accept(new ConfEdit(ConfEdit.Kind.SET, key, value, Optional.empty(), line));
        return withLine(-1, line);
    }

    /**
     * Takes {@code edit} back out: a line as Lakegate wrote it becomes the original line again (or goes, if Lakegate
     * added it); a line the operator changed since loses only Lakegate's entry, or for a set key, goes only if it
     * still holds Lakegate's value; {@code kept} hears of a set key left with the operator's value.
     */
    public DefaultsFile revert(ConfEdit edit, Consumer<String> kept) {
        requireNonNull(edit, "edit is null");
        requireNonNull(kept, "kept is null");
        int index = lines.stream().map(Line::text).toList().indexOf(edit.writtenLine());
        if (index >= 0) {
            return edit.originalLine().map(line -> withLine(index, line)).orElseGet(() -> without(index));
        }
        int last = lastLineOf(edit.key());
        if (last < 0) {
            return this;
        }
        Setting setting = Setting.of(lines.get(last).text());
        return switch (edit.kind()) {
            case SET -> {
                if (setting.value.trim().equals(edit.value())) {
                    yield without(last);
                }
                kept.accept(edit.key() + " is [" + setting.value.trim() + "] now, not Lakegate's [" + edit.value()
                        + "]: kept");
                yield this;
            }
            case APPENDED_ENTRY -> {
                List<String> entries = new ArrayList<>(entries(setting.value));
                if (!entries.remove(edit.value())) {
                    yield this;
                }
                yield entries.isEmpty() && edit.originalLine().isEmpty()
                        ? without(last)
                        : withLine(last, setting.prefix + String.join(",", entries));
            }
        };
    }

    private int lastLineOf(String key) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Setting setting = Setting.of(lines.get(i).text());
            if (setting != null && setting.key.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The file's own style: {@code key=value} if its first setting uses it, else {@code key value} as templates. */
    private String separator() {
        return lines.stream()
                .map(line -> Setting.of(line.text()))
                .filter(setting -> setting != null)
                .findFirst()
                .filter(setting -> setting.prefix.contains("="))
                .map(setting -> "=")
                .orElse(" ");
    }

    /** The file's own line ending: the one most of its lines end with, {@code \n} for a file without any. */
    private String ending() {
        Map<String, Long> counts = lines.stream()
                .map(Line::ending)
                .filter(ending -> !ending.isEmpty())
                .collect(Collectors.groupingBy(ending -> ending, Collectors.counting()));
        return counts.entrySet().stream()
                .filter(count -> count.getValue() > counts.getOrDefault("\n", 0L))
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse("\n");
    }

    private DefaultsFile withLine(int index, String line) {
        List<Line> changed = new ArrayList<>(lines);
        if (index >= 0) {
            changed.set(index, new Line(line, lines.get(index).ending()));
            return new DefaultsFile(changed);
        }
        String ending = ending();
        // A file ending without a line ending gets one before an added line.
        int last = changed.size() - 1;
        if (last >= 0 && changed.get(last).ending().isEmpty()) {
            changed.set(last, new Line(changed.get(last).text(), ending));
        }
        changed.add(new Line(line, ending));
        return new DefaultsFile(changed);
    }

    private DefaultsFile without(int index) {
        List<Line> changed = new ArrayList<>(lines);
        changed.remove(index);
        return new DefaultsFile(changed);
    }

    private static boolean endsInSeparator(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return last == '=' || last == ':' || Setting.isBlank(last);
    }

    private static List<String> entries(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty()
                ? List.of()
                : Arrays.stream(COMMA.split(trimmed)).filter(e -> !e.isEmpty()).collect(Collectors.toList());
    }

    private static int trailingBackslashes(String line) {
        int count = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            count++;
        }
        return count;
    }

    /** A line's text and the ending it has in the file (empty for a last line without one). */
    private record Line(String text, String ending) {}

    /** A setting's line split as {@code Properties.load} splits it: {@code prefix} is everything before the value. */
    private record Setting(String key, String prefix, String value) {
        static Setting of(String line) {
            int start = 0;
            while (start < line.length() && isBlank(line.charAt(start))) {
                start++;
            }
            if (start == line.length() || line.charAt(start) == '#' || line.charAt(start) == '!') {
                return null;
            }
            int end = start;
            while (end < line.length()) {
                char c = line.charAt(end);
                if (c == '\\') {
                    end += 2;
                    continue;
                }
                if (c == '=' || c == ':' || isBlank(c)) {
                    break;
                }
                end++;
            }
            end = Math.min(end, line.length());
            int value = end;
            while (value < line.length() && isBlank(line.charAt(value))) {
                value++;
            }
            if (value < line.length() && (line.charAt(value) == '=' || line.charAt(value) == ':')) {
                value++;
                while (value < line.length() && isBlank(line.charAt(value))) {
                    value++;
                }
            }
            return new Setting(line.substring(start, end), line.substring(0, value), line.substring(value));
        }

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\f';
        }
    }
}
