package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/** A user as Ranger sees them: name, groups and the Ranger roles those grant. */
public record UserIdentity(String user, Set<String> groups, Set<String> roles) {
    public UserIdentity {
        requireNonNull(user, "user is null");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
        groups = Set.copyOf(requireNonNull(groups, "groups is null"));
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
    }
}
