package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A version of a dataset: what one run wrote (its schema and facets as that run's events gave them). */
public record DatasetVersion(
        UUID version,
        DatasetId dataset,
        Instant createdAt,
        Optional<UUID> runId,
        List<Field> fields,
        ObjectNode facets,
        Optional<String> lifecycleState) {
    public DatasetVersion {
        requireNonNull(version, "version is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(runId, "runId is null");
        fields = List.copyOf(fields);
        requireNonNull(facets, "facets is null");
        requireNonNull(lifecycleState, "lifecycleState is null");
    }
}
