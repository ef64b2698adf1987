package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** A column of a dataset, from its {@code schema} facet. */
public record Field(String name, Optional<String> type, Optional<String> description, List<String> tags) {
    public Field {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(description, "description is null");
        tags = List.copyOf(tags);
    }
}
