package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A namespace: every job namespace and every dataset namespace an event named. */
public record Namespace(String name, Instant createdAt, Instant updatedAt) {
    public Namespace {
        requireNonNull(name, "name is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
