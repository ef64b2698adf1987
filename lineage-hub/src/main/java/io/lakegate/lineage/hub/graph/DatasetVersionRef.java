package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A version of a dataset that a run read or wrote. */
public record DatasetVersionRef(DatasetId dataset, UUID version) {
    public DatasetVersionRef {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(version, "version is null");
    }
}
