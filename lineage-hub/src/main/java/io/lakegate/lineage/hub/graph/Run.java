package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A run, merged from all its events: state as Marquez names it ({@code RUNNING}, {@code COMPLETED}, {@code FAILED},
 * {@code ABORTED}, {@code NEW}; a terminal state is never replaced by a late {@code RUNNING}), the latest of each run
 * facet, the dataset versions it read and wrote, and what the run's facets say about rows, bytes and user.
 */
public record Run(
        UUID id,
        JobId job,
        Instant createdAt,
        Instant updatedAt,
        String state,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt,
        Optional<Instant> nominalStartTime,
        Optional<Instant> nominalEndTime,
        ObjectNode facets,
        List<DatasetVersionRef> inputVersions,
        List<DatasetVersionRef> outputVersions,
        Optional<Long> rowCount,
        Optional<Long> bytes,
        Optional<String> user) {
    public Run {
        requireNonNull(id, "id is null");
        requireNonNull(job, "job is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(state, "state is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(nominalStartTime, "nominalStartTime is null");
        requireNonNull(nominalEndTime, "nominalEndTime is null");
        requireNonNull(facets, "facets is null");
        inputVersions = List.copyOf(inputVersions);
        outputVersions = List.copyOf(outputVersions);
        requireNonNull(rowCount, "rowCount is null");
        requireNonNull(bytes, "bytes is null");
        requireNonNull(user, "user is null");
    }

    public Optional<Long> durationMs() {
        if (startedAt.isEmpty() || endedAt.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(startedAt.get(), endedAt.get()).toMillis());
    }
}
