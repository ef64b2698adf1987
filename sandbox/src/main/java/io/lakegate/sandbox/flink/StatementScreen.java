package io.lakegate.sandbox.flink;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements the sandbox's Flink endpoint refuses before the gateway sees them: those that put a user's code or
 * Hive's reflection functions into the one gateway JVM every user shares (which runs as the service account, with the
 * data directory's secrets in reach), and that no catalog hook can see (see flink-hivecatalog-authz's README, "Not
 * stoppable from Flink's hooks"). Flink's parser takes one statement per call, and each of these is a statement of its
 * own kind, known by its first words; comments before and between them are skipped as Flink's parser (Calcite's) skips
 * them. A {@code SET} may change how a job runs, not the engine's other settings.
 */
final class StatementScreen {
    // The settings a user may SET: how a job runs and what it shows. Others (jars and class paths, checkpoint and
    // savepoint directories, the cluster a job goes to, serializers) reach past the catalog into the engine.
    private static final Set<String> SETTINGS = Set.of(
            "execution.runtime-mode",
            "parallelism.default",
            "pipeline.name",
            "table.local-time-zone",
            "table.dml-sync",
            "table.display.max-column-width",
            "sql-client.execution.result-mode",
            "execution.checkpointing.interval");
    private static final List<String> SETTING_PREFIXES = List.of("table.exec.", "table.optimizer.");
    // Flink 1.20's SetOperationParseStrategy, which the gateway tries before Calcite's parser.
    private static final Pattern FLINK_SET = Pattern.compile(
            "SET(\\s+(?<key>[^'\\s]+)\\s*=\\s*('(?<quotedVal>[^']*)'|(?<val>[^;\\s]+)))?\\s*;?",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private StatementScreen() {}

    /** Why {@code statement} is refused, or empty when the gateway and the guarded catalog decide it. */
    static Optional<String> refusal(String statement) {
        requireNonNull(statement, "statement is null");
        // Flink's SET parser trims control characters that are no white space to Calcite's: none may come.
        if (statement
                .chars()
                .anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f)) {
            return Optional.of("it holds control characters");
        }
        Words words = new Words(statement);
        List<String> start = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Optional<String> word = words.next();
            if (word.isEmpty()) {
                break;
            }
            start.add(word.get());
        }
        if (words.unreadable) {
            return Optional.of("its start cannot be read (an unterminated comment or quote)");
        }
        String first = start.isEmpty() ? "" : start.get(0);
        switch (first) {
            case "ADD", "REMOVE" -> {
                return Optional.of(first + " JAR: a user's jar in the engine every user shares");
            }
            case "LOAD", "UNLOAD" -> {
                return Optional.of(first + " MODULE: modules bring functions (Hive's reflect, java_method, in_file)"
                        + " that run any Java method in the shared engine");
            }
            case "COMPILE" -> {
                return Optional.of("COMPILE PLAN: it writes a file wherever the engine may");
            }
            default -> {
                // Decided below.
            }
        }
        if (first.equals("USE") && start.size() > 1 && start.get(1).equals("MODULES")) {
            return Optional.of("USE MODULES: the engine's modules are its operator's");
        }
        if (first.equals("EXECUTE") && start.size() > 1 && start.get(1).equals("PLAN")) {
            return Optional.of("EXECUTE PLAN: a plan file is a job no catalog decides");
        }
        if (first.equals("CREATE") && isTemporaryFunction(start)) {
            return Optional.of("CREATE TEMPORARY FUNCTION: a function of any class on the engine's class path, past"
                    + " the catalog's function privileges; create a function in a database instead");
        }
        if (first.equals("SET")) {
            return setting(statement, start)
                    .filter(key ->
                            !SETTINGS.contains(key) && SETTING_PREFIXES.stream().noneMatch(key::startsWith))
                    .map(key -> "SET '" + key + "': a user may set " + new TreeSet<>(SETTINGS) + " and "
                            + SETTING_PREFIXES.stream()
                                    .map(prefix -> prefix + "*")
                                    .toList()
                            + "; the engine's other settings are its operator's");
        }
        return Optional.empty();
    }

    // The key a SET sets, as Flink reads it: its regular expression on the trimmed statement first (key unquoted),
    // else Calcite's grammar (one string literal). Empty for a SET that lists the settings; a key that cannot be read
    // so is returned as the statement, which no allowed key equals.
    private static Optional<String> setting(String statement, List<String> start) {
        Matcher unquoted = FLINK_SET.matcher(statement.trim());
        if (unquoted.matches()) {
            return Optional.ofNullable(unquoted.group("key"));
        }
        if (start.size() == 1) {
            return Optional.empty();
        }
        String key = start.get(1);
        // Calcite joins adjacent literals into one: only a lone literal is read as it is.
        boolean lone = start.size() < 3 || !start.get(2).startsWith("'");
        if (key.length() >= 2 && key.startsWith("'") && key.endsWith("'") && lone) {
            return Optional.of(key.substring(1, key.length() - 1));
        }
        return Optional.of(statement);
    }

    // CREATE [OR REPLACE] TEMPORARY [SYSTEM] FUNCTION
    private static boolean isTemporaryFunction(List<String> start) {
        int i = 1;
        if (i + 1 < start.size()
                && start.get(i).equals("OR")
                && start.get(i + 1).equals("REPLACE")) {
            i += 2;
        }
        if (i >= start.size() || !start.get(i).equals("TEMPORARY")) {
            return false;
        }
        i++;
        if (i < start.size() && start.get(i).equals("SYSTEM")) {
            i++;
        }
        return i < start.size() && start.get(i).equals("FUNCTION");
    }

    // The statement's first words in upper case, string literals with their quotes, past white space, "--", "//" and
    // "/* */" comments.
    private static final class Words {
        private final String text;
        private int position;
        private boolean unreadable;

        Words(String text) {
            this.text = text;
        }

        Optional<String> next() {
            skipBlanks();
            if (unreadable || position >= text.length()) {
                return Optional.empty();
            }
            char c = text.charAt(position);
            if (c == '\'' || c == '`' || c == '"') {
                String quoted = quoted(c);
                return unreadable ? Optional.empty() : Optional.of(c + quoted + c);
            }
            int end = position;
            while (end < text.length() && isWordPart(text.charAt(end))) {
                end++;
            }
            if (end == position) {
                position++;
                return Optional.of(String.valueOf(c));
            }
            String word = text.substring(position, end);
            position = end;
            return Optional.of(word.toUpperCase(Locale.ROOT));
        }

        // Calcite's keyword and identifier characters: "ADD--" is ADD and a comment, as Calcite reads it.
        private static boolean isWordPart(char c) {
            return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$';
        }

        private String quoted(char quote) {
            StringBuilder value = new StringBuilder();
            int i = position + 1;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        value.append(quote);
                        i += 2;
                        continue;
                    }
                    position = i + 1;
                    return value.toString();
                }
                value.append(c);
                i++;
            }
            unreadable = true;
            return value.toString();
        }

        private void skipBlanks() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (Character.isWhitespace(c)) {
                    position++;
                } else if (text.startsWith("--", position) || text.startsWith("//", position)) {
                    // Calcite's line comments, both kinds, end at either line break.
                    int end = position + 2;
                    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                        end++;
                    }
                    position = end;
                } else if (text.startsWith("/*", position)) {
                    int end = text.indexOf("*/", position + 2);
                    if (end < 0) {
                        unreadable = true;
                        return;
                    }
                    position = end + 2;
                } else {
                    return;
                }
            }
        }
    }
}
