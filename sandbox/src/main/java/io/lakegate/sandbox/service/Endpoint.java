package io.lakegate.sandbox.service;

import static java.util.Objects.requireNonNull;

/** Something a user can point a client at, as the banner prints it. */
public record Endpoint(String what, String address) {
    public Endpoint {
        requireNonNull(what, "what is null");
        requireNonNull(address, "address is null");
    }
}
