package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

/** A dataset as OpenLineage names it: a namespace (where it lives) and a name within it. */
public record DatasetId(String namespace, String name) implements Comparable<DatasetId> {
    public DatasetId {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
    }

    public String nodeId() {
        return "dataset:" + namespace + ":" + name;
    }

    @Override
    public int compareTo(DatasetId other) {
        int byNamespace = namespace.compareTo(other.namespace);
        return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
    }
}
