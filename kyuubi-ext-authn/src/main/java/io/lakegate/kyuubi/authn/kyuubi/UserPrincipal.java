package io.lakegate.kyuubi.authn.kyuubi;

import static java.util.Objects.requireNonNull;

import java.security.Principal;

/** The user a provider authenticated, as Kyuubi takes it from a token provider: by {@link #getName()}. */
public record UserPrincipal(String name) implements Principal {
    public UserPrincipal {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
    }

    @Override
    public String getName() {
        return name;
    }
}
