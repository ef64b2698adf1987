package io.lakegate.lineage.hub.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.lineage.hub.graph.DatasetId;

/**
 * A dataset named by an event, with its dataset facets and its input or output facets (empty objects when absent).
 * The facet trees are read-only by contract: the reader never hands out a tree it shares.
 */
public record DatasetRef(DatasetId id, ObjectNode facets, ObjectNode ioFacets) {
    public DatasetRef {
        requireNonNull(id, "id is null");
        requireNonNull(facets, "facets is null");
        requireNonNull(ioFacets, "ioFacets is null");
    }
}
