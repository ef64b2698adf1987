package io.lakegate.sandbox.service;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A service that does not run at this start, and the note that says why. */
public record AbsentService(String note) implements StartedService {
    public AbsentService {
        requireNonNull(note, "note is null");
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of();
    }

    @Override
    public List<String> notes() {
        return List.of(note);
    }

    @Override
    public void close() {}
}
