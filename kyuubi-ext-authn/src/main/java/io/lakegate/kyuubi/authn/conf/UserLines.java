package io.lakegate.kyuubi.authn.conf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The {@code user: value} lines of the files operators keep (accounts, groups): {@code #} starts a comment. */
public final class UserLines {
    private UserLines() {}

    /**
     * One value per user; {@code value} throws {@link IllegalArgumentException} for a bad value, reported with its line,
     * as are a line without a user and a user named twice.
     */
    public static <T> Map<String, T> parse(List<String> lines, String form, Function<String, T> value) {
        Map<String, T> parsed = new HashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + number + " is not " + form);
            }
            String user = line.substring(0, colon).strip();
            T parsedValue;
            try {
                parsedValue = value.apply(line.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + " (" + user + ") has " + e.getMessage(), e);
            }
            if (parsed.put(user, parsedValue) != null) {
                throw new IllegalArgumentException("line " + number + " repeats " + user);
            }
        }
        return Map.copyOf(parsed);
    }
}
