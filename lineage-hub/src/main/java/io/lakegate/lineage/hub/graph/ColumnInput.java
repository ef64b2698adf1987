package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One input column of an output column, from a {@code columnLineage} facet, with the transformation the facet gives
 * (type {@code DIRECT} or {@code INDIRECT}, subtype such as {@code IDENTITY} or {@code AGGREGATION}) and whether it
 * was masked on the way.
 */
public record ColumnInput(
        DatasetId dataset,
        String field,
        Optional<String> transformationType,
        Optional<String> transformationSubtype,
        Optional<String> transformationDescription,
        boolean masking) {
    public ColumnInput {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(field, "field is null");
        requireNonNull(transformationType, "transformationType is null");
        requireNonNull(transformationSubtype, "transformationSubtype is null");
        requireNonNull(transformationDescription, "transformationDescription is null");
    }
}
