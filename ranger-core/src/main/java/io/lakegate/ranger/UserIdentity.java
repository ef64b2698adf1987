package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A user as Ranger sees them: name, groups and the Ranger roles those grant, and the context of the request they
 * make (see {@link RequestContext}).
 */
public record UserIdentity(String user, Set<String> groups, Set<String> roles, RequestContext context) {
    public UserIdentity {
        requireNonNull(user, "user is null");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
        groups = Set.copyOf(requireNonNull(groups, "groups is null"));
        roles = Set.copyOf(requireNonNull(roles, "roles is null"));
        requireNonNull(context, "context is null");
    }

    public UserIdentity(String user, Set<String> groups, Set<String> roles) {
        this(user, groups, roles, RequestContext.NONE);
    }

    /** The same user making a request in {@code context}. */
    public UserIdentity within(RequestContext context) {
        return new UserIdentity(user, groups, roles, context);
    }
}
