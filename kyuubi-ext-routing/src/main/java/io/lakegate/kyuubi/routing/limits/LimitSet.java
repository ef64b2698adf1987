package io.lakegate.kyuubi.routing.limits;

import static java.util.Objects.requireNonNull;

import io.lakegate.kyuubi.routing.rules.NamePattern;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The maxima for the users of some groups (all users when {@code groups} is empty), by engine setting
 * ({@code spark.executor.memory}, {@code flink.parallelism.default}, ...). For each setting, the first set that
 * applies to the user and names it gives the maximum.
 */
public record LimitSet(int line, List<NamePattern> groups, Map<String, LimitValue> max) {
    public LimitSet {
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
        max = Map.copyOf(requireNonNull(max, "max is null"));
    }

    public boolean appliesTo(Set<String> userGroups) {
        return NamePattern.noneOrAnyMatches(groups, userGroups);
    }

    /** A maximum as written, and as compared. */
    public record LimitValue(String text, Quantity quantity) {
        public LimitValue {
            requireNonNull(text, "text is null");
            requireNonNull(quantity, "quantity is null");
        }
    }
}
