package io.lakegate.kyuubi.routing.rules;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A user, group, key or property value to match: {@code regex:<java regex>} (whole value), a glob when it holds
 * {@code *} or {@code ?}, else the exact text. A glob ending in its only {@code *} is a plain prefix test.
 */
public final class NamePattern {
    private static final String REGEX = "regex:";

    private final String text;
    private final String literalPrefix;
    private final boolean exact;
    private final boolean prefixOnly;
    private final Pattern pattern;

    private NamePattern(String text, String literalPrefix, boolean exact, boolean prefixOnly, Pattern pattern) {
        this.text = text;
        this.literalPrefix = literalPrefix;
        this.exact = exact;
        this.prefixOnly = prefixOnly;
        this.pattern = pattern;
    }

    /** Throws {@link IllegalArgumentException} saying what is wrong with {@code text}. */
    public static NamePattern parse(String text) {
        requireNonNull(text, "text is null");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty pattern matches nothing: write the name, a glob or regex:...");
        }
        if (text.startsWith(REGEX)) {
            try {
                return new NamePattern(text, "", false, false, Pattern.compile(text.substring(REGEX.length())));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "[" + text + "] is no Java regular expression (" + e.getDescription() + ")", e);
            }
        }
        int wildcard = firstWildcard(text);
        if (wildcard < 0) {
            return new NamePattern(text, text, true, false, null);
        }
        String prefix = text.substring(0, wildcard);
        if (wildcard == text.length() - 1 && text.charAt(wildcard) == '*') {
            return new NamePattern(text, prefix, false, true, null);
        }
        return new NamePattern(text, prefix, false, false, Pattern.compile(globToRegex(text)));
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '*' || text.charAt(i) == '?') {
                return i;
            }
        }
        return -1;
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    /** The exact name this pattern stands for, if it is no glob or regex. */
    public boolean isExact() {
        return exact;
    }

    /**
     * What every matching value starts with: the exact text, a glob's text before its first wildcard, nothing for a
     * regular expression. Rules are indexed by it.
     */
    public String literalPrefix() {
        return literalPrefix;
    }

    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        if (exact) {
            return text.equals(value);
        }
        if (!value.startsWith(literalPrefix)) {
            return false;
        }
        return prefixOnly || pattern.matcher(value).matches();
    }

    /**
     * Whether {@code patterns} is empty (no condition) or one of them matches one of {@code values}: how rules, limits
     * and guardrails test a user's groups.
     */
    public static boolean noneOrAnyMatches(List<NamePattern> patterns, Collection<String> values) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (NamePattern pattern : patterns) {
            if (pattern.matchesAny(values)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of {@code values} matches. */
    public boolean matchesAny(Collection<String> values) {
        for (String value : values) {
            if (matches(value)) {
                return true;
            }
        }
        return false;
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NamePattern that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
