package io.lakegate.flink.lineage.capture;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.ResolvedSchema;

/**
 * A table a planned job reads or writes, as the planner built it.
 *
 * @param table the catalog table
 * @param schema its columns
 * @param options its options (connector, topic, path, ...), hints applied
 * @param hiveNamespace {@code hive://<host>:<port>} of the metastore that holds the table
 */
public record TableUse(
        ObjectIdentifier table, ResolvedSchema schema, Map<String, String> options, String hiveNamespace) {
    public TableUse {
        requireNonNull(table, "table is null");
        requireNonNull(schema, "schema is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(hiveNamespace, "hiveNamespace is null");
    }

    /** What tells two uses of one table from uses of two: the metastore folds names to lower case. */
    String key() {
        return table.getCatalogName() + "." + table.getDatabaseName().toLowerCase(java.util.Locale.ROOT) + "."
                + table.getObjectName().toLowerCase(java.util.Locale.ROOT);
    }
}
