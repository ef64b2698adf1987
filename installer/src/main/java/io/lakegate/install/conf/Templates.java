package io.lakegate.install.conf;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
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
        requireNonNull(values, "values is null");
        Matcher matcher = PLACEHOLDER.matcher(raw(name));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + name + " names " + matcher.group() + ", not given");
            }
            String escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            matcher.appendReplacement(out, Matcher.quoteReplacement(escaped));
        }
        return matcher.appendTail(out).toString();
    }
}
