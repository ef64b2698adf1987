package io.lakegate.kyuubi.routing.rules;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When a rule applies: every criterion given must hold (a user among {@code users}, a group among {@code groups},
 * each of {@code properties} sent with a matching value, the client address in one of {@code addresses}); a match
 * with no criterion applies to every session.
 */
public record RuleMatch(
        List<NamePattern> users,
        List<NamePattern> groups,
        Map<String, NamePattern> properties,
        List<AddressRange> addresses) {
    public static final RuleMatch ANY = new RuleMatch(List.of(), List.of(), Map.of(), List.of());

    public RuleMatch {
        users = List.copyOf(requireNonNull(users, "users is null"));
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
        properties = Map.copyOf(requireNonNull(properties, "properties is null"));
        addresses = List.copyOf(requireNonNull(addresses, "addresses is null"));
    }

    public boolean isCatchAll() {
        return users.isEmpty() && groups.isEmpty() && properties.isEmpty() && addresses.isEmpty();
    }

    /** Cheapest criteria first: map lookups, then addresses, then patterns. */
    public boolean matches(SessionRequest request) {
        for (Map.Entry<String, NamePattern> property : properties.entrySet()) {
            if (!property.getValue().matches(request.conf().get(property.getKey()))) {
                return false;
            }
        }
        if (!addresses.isEmpty() && !inAnyRange(request)) {
            return false;
        }
        if (!users.isEmpty() && !anyMatches(users, request.user())) {
            return false;
        }
        return NamePattern.noneOrAnyMatches(groups, request.groups());
    }

    private boolean inAnyRange(SessionRequest request) {
        if (request.address().isEmpty()) {
            return false;
        }
        byte[] address = request.address().get();
        for (AddressRange range : addresses) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(List<NamePattern> patterns, String value) {
        for (NamePattern pattern : patterns) {
            if (pattern.matches(value)) {
                return true;
            }
        }
        return false;
    }

    /** For {@code explain}: the criteria, as the rules file wrote them. */
    public List<String> describe() {
        List<String> parts = new ArrayList<>();
        if (!users.isEmpty()) {
            parts.add("user in " + users);
        }
        if (!groups.isEmpty()) {
            parts.add("a group in " + groups);
        }
        properties.forEach((key, value) -> parts.add(key + " = " + value));
        if (!addresses.isEmpty()) {
            parts.add("client address in " + addresses);
        }
        return parts;
    }
}
