package io.lakegate.lineage.hub.graph;

import static java.util.Objects.requireNonNull;

/** A job as OpenLineage names it: a namespace (who runs it) and a name within it. */
public record JobId(String namespace, String name) implements Comparable<JobId> {
    public JobId {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
    }

    public String nodeId() {
        return "job:" + namespace + ":" + name;
    }

    @Override
    public int compareTo(JobId other) {
        int byNamespace = namespace.compareTo(other.namespace);
        return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
    }
}
