package io.lakegate.lineage.hub.store;

import io.lakegate.lineage.hub.Sha256;
import io.lakegate.lineage.hub.graph.DatasetId;
import io.lakegate.lineage.hub.graph.JobId;

/** The store's fixed-width keys of names, which may be far longer than an index entry. */
final class Keys {
    private Keys() {}

    static String of(DatasetId id) {
        return Sha256.hex("dataset", id.namespace(), id.name());
    }

    static String of(JobId id) {
        return Sha256.hex("job", id.namespace(), id.name());
    }

    static String namespace(String name) {
        return Sha256.hex("namespace", name);
    }
}
