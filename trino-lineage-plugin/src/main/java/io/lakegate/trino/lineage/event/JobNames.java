package io.lakegate.trino.lineage.event;

import static java.util.Objects.requireNonNull;

import io.trino.spi.eventlistener.QueryContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A query's job name from {@code openlineage.job.name-format}, whose placeholders the config has checked. */
final class JobNames {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(QUERY_ID|USER|SOURCE|CLIENT_IP)");

    private final String format;

    JobNames(String format) {
        this.format = requireNonNull(format, "format is null");
    }

    String name(String queryId, QueryContext context) {
        Matcher matcher = PLACEHOLDER.matcher(format);
        StringBuilder name = new StringBuilder();
        while (matcher.find()) {
            String value =
                    switch (matcher.group(1)) {
                        case "QUERY_ID" -> queryId;
                        case "USER" -> context.getUser();
                        case "SOURCE" -> context.getSource().orElse("");
                        case "CLIENT_IP" -> context.getRemoteClientAddress().orElse("");
                        default -> throw new IllegalStateException("Unchecked placeholder " + matcher.group());
                    };
            matcher.appendReplacement(name, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(name);
        return name.toString();
    }
}
