package io.lakegate.trino.lineage.column;

/** How a column shapes a query's result without its values reaching it: OpenLineage's {@code INDIRECT} subtypes. */
public enum IndirectUse {
    JOIN,
    FILTER,
    GROUP_BY,
    SORT,
    WINDOW,
}
