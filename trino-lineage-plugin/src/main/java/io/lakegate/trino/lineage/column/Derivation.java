package io.lakegate.trino.lineage.column;

/**
 * How an output column's values come from its source columns: OpenLineage's subtypes of a {@code DIRECT}
 * transformation.
 */
public enum Derivation {
    /** A copy of one source column: {@code SELECT a}. */
    IDENTITY,
    /** A non-aggregate expression of its source columns: {@code SELECT a + b}, a window function. */
    TRANSFORMATION,
    /** Source columns reach it through aggregate functions only: {@code SELECT sum(a)}. */
    AGGREGATION,
}
