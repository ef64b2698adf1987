package io.lakegate.trino.lineage.event;

import static java.util.Objects.requireNonNull;

import io.lakegate.trino.lineage.column.TableName;
import java.util.Map;

/**
 * The OpenLineage name of a Trino table: for a catalog over a Hive metastore, {@code hive://<host>:<port>} + {@code
 * schema.table}, as Spark's and Flink's integrations name the same table; for any other, {@code
 * trino://<host>:<port>} + {@code catalog.schema.table}.
 */
public final class DatasetNames {
    private final String trinoNamespace;
    private final Map<String, String> catalogNamespaces;

    public DatasetNames(String trinoNamespace, Map<String, String> catalogNamespaces) {
        this.trinoNamespace = requireNonNull(trinoNamespace, "trinoNamespace is null");
        this.catalogNamespaces = Map.copyOf(requireNonNull(catalogNamespaces, "catalogNamespaces is null"));
    }

    public DatasetId of(TableName table) {
        String metastore = catalogNamespaces.get(table.catalog());
        if (metastore != null) {
            return new DatasetId(metastore, table.schema() + "." + table.table());
        }
        return new DatasetId(trinoNamespace, table.toString());
    }

    /** A dataset's OpenLineage identity. */
    public record DatasetId(String namespace, String name) {
        public DatasetId {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
        }
    }
}
