package io.lakegate.sandbox.demo;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A demonstration user: how they log in, their groups, and what the policies let them do. */
public record DemoAccount(String user, String dn, String password, List<String> groups, String description) {
    public DemoAccount {
        requireNonNull(user, "user is null");
        requireNonNull(dn, "dn is null");
        requireNonNull(password, "password is null");
        groups = List.copyOf(requireNonNull(groups, "groups is null"));
        requireNonNull(description, "description is null");
    }
}
