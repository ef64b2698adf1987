package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A dataset node: one per table across engines. {@code aliases} are the other names engines gave it (Spark names a
 * Hive table by its location and gives the table as a {@code symlinks} facet; the hub files both under the table).
 * {@code facets} are the latest of each dataset facet; {@code columnLineage} the latest {@code columnLineage} facet.
 */
public record Dataset(
        DatasetId id,
        Instant createdAt,
        Instant updatedAt,
        String sourceName,
        List<Field> fields,
        ObjectNode facets,
        Optional<UUID> currentVersion,
        Optional<Instant> lastModifiedAt,
        Optional<String> lastLifecycleState,
        Optional<String> description,
        Set<DatasetId> aliases,
        List<ColumnLineage> columnLineage,
        Governance governance) {
    public Dataset {
        requireNonNull(id, "id is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(sourceName, "sourceName is null");
        fields = List.copyOf(fields);
        requireNonNull(facets, "facets is null");
        requireNonNull(currentVersion, "currentVersion is null");
        requireNonNull(lastModifiedAt, "lastModifiedAt is null");
        requireNonNull(lastLifecycleState, "lastLifecycleState is null");
        requireNonNull(description, "description is null");
        aliases = Set.copyOf(aliases);
        columnLineage = List.copyOf(columnLineage);
        requireNonNull(governance, "governance is null");
    }
}
