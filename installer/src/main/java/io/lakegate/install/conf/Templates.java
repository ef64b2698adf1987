package io.lakegate.install.conf;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration templates shipped in the installer (and, for a manual installation, in the distribution's
 * {@code conf/templates/}), with {@code {{name}}} placeholders.
 */
public final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z.]+)}}");

    private Templates() {}

    /** The template {@code name} ({@code spark/ranger-spark-security.xml}) as shipped. */
    public static String raw(String name) {
        requireNonNull(name, "name is null");
        try (InputStream in = Templates.class.getResourceAsStream("/io/lakegate/install/templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the installer jar has no template " + name);
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The XML template {@code name} with every placeholder replaced by its value, escaped for XML. */
    public static String xml(String name, Map<String, String> values) {
        return fill(name, values, value -> value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;"));
    }

    /**
     * The properties template {@code name} with every placeholder replaced by its value, which must read back as
     * itself ({@link java.util.Properties#load} takes a backslash as an escape and a line end as the value's end).
     */
    public static String properties(String name, Map<String, String> values) {
        return fill(name, values, value -> {
            if (value.indexOf('\\') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("[" + value + "] has a backslash or a line end, which a properties"
                        + " file would read as something else: use a path without them");
            }
            return value;
        });
    }

    private static String fill(String name, Map<String, String> values, UnaryOperator<String> escape) {
        requireNonNull(values, "values is null");
        Matcher matcher = PLACEHOLDER.matcher(raw(name));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + name + " names " + matcher.group() + ", not given");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        return matcher.appendTail(out).toString();
    }
}
