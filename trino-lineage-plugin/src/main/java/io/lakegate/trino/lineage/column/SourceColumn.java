package io.lakegate.trino.lineage.column;

import static java.util.Objects.requireNonNull;

/** A column of a table a query reads. */
public record SourceColumn(TableName table, String column) {
    public SourceColumn {
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
    }
}
