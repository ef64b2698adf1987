package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** The inputs of one output column, as the latest {@code columnLineage} facet of its dataset gives them. */
public record ColumnLineage(
        String field,
        List<ColumnInput> inputs,
        Optional<String> transformationDescription,
        Optional<String> transformationType) {
    public ColumnLineage {
        requireNonNull(field, "field is null");
        inputs = List.copyOf(inputs);
        requireNonNull(transformationDescription, "transformationDescription is null");
        requireNonNull(transformationType, "transformationType is null");
    }
}
