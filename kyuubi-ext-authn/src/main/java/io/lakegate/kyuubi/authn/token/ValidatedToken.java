package io.lakegate.kyuubi.authn.token;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** A bearer token whose signature and claims were checked: who it names, their groups, and until when it holds. */
public record ValidatedToken(String user, List<String> groups, Instant expiresAt) {
    public ValidatedToken {
        requireNonNull(user, "user is null");
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
        requireNonNull(expiresAt, "expiresAt is null");
    }
}
