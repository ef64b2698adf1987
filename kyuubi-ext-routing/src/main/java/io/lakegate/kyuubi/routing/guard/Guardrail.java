package io.lakegate.kyuubi.routing.guard;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.routing.rules.NamePattern;
import io.lakegate.kyuubi.routing.rules.PatternSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keys a client may not set (exact, glob or {@code regex:}), for the users of {@code groups} (everyone when empty):
 * whatever the client sends is replaced by {@code value}, else by the platform's value, else by the empty value.
 * {@code line} is 0 for a built-in guardrail, which {@code reason} then explains.
 */
public record Guardrail(int line, String reason, PatternSet keys, List<NamePattern> groups, Optional<String> value) {
    public Guardrail {
        requireNonNull(reason, "reason is null");
        requireNonNull(keys, "keys is null");
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
        requireNonNull(value, "value is null");
    }

    public boolean appliesTo(Set<String> userGroups) {
        return NamePattern.noneOrAnyMatches(groups, userGroups);
    }

    public boolean covers(String key) {
        return keys.matches(key);
    }

    public String source() {
        return line == 0 ? "built-in (" + reason + ")" : "rules line " + line;
    }
}
