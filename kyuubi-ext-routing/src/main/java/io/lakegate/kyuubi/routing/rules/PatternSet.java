package io.lakegate.kyuubi.routing.rules;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Patterns matched together, cheaply: exact texts in a hash set, the others (prefixes first) one by one. For the
 * keys of every session, against lists of dozens of patterns.
 */
public final class PatternSet {
    private final List<NamePattern> patterns;
    private final Set<String> exact = new HashSet<>();
    private final List<NamePattern> others = new ArrayList<>();

    public PatternSet(List<NamePattern> patterns) {
        this.patterns = List.copyOf(requireNonNull(patterns, "patterns is null"));
        for (NamePattern pattern : this.patterns) {
            if (pattern.isExact()) {
                exact.add(pattern.text());
            } else {
                others.add(pattern);
            }
        }
    }

    public boolean matches(String value) {
        if (exact.contains(value)) {
            return true;
        }
        for (NamePattern pattern : others) {
            if (pattern.matches(value)) {
                return true;
            }
        }
        return false;
    }

    public List<NamePattern> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }
}
