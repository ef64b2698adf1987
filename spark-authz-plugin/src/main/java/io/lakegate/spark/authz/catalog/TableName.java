package io.lakegate.spark.authz.catalog;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerResource;
import java.io.Serializable;

/**
 * A table or view as Ranger's Hive service names it: database and table, whatever Spark catalog holds it, so that
 * one policy governs {@code sales.orders} in the session catalog, in an Iceberg catalog, in Flink and in Trino.
 */
public record TableName(String database, String table) implements Serializable {
    public TableName {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
    }

    public RangerResource resource() {
        return RangerResource.table(database, table);
    }

    public RangerResource column(String column) {
        return RangerResource.column(database, table, column);
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
