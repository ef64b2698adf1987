package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A read of masked columns, from Lakegate's {@code lakegate_governance} input facet: who saw masked data. */
public record MaskedRead(String user, JobId job, UUID runId, Instant at, List<String> columns) {
    public MaskedRead {
        requireNonNull(user, "user is null");
        requireNonNull(job, "job is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(at, "at is null");
        columns = List.copyOf(columns);
    }
}
