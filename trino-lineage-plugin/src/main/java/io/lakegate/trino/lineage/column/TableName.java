package io.lakegate.trino.lineage.column;

import static java.util.Objects.requireNonNull;

/** A table as Trino's events name it: catalog, schema and table, lower case. */
public record TableName(String catalog, String schema, String table) {
    public TableName {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
    }

    @Override
    public String toString() {
        return catalog + "." + schema + "." + table;
    }
}
