package io.lakegate.spark.authz.catalog;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerResource;
import java.io.Serializable;
import java.util.Optional;

/**
 * A table or view as Ranger's Hive service names it: database and table, whatever Spark catalog holds it, so that
 * one policy governs {@code sales.orders} in the session catalog, in an Iceberg catalog, in Flink and in Trino; and
 * its owner ({@code ""} when the catalog records none), so that policies granting to {@code {OWNER}} apply.
 */
public record TableName(String database, String table, String owner) implements Serializable {
    public TableName {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        owner = requireNonNull(owner, "owner is null").trim();
    }

    public static TableName of(String database, String table) {
        return new TableName(database, table, "");
    }

    public RangerResource resource() {
        return RangerResource.table(database, table).ownedBy(Optional.of(owner));
    }

    public RangerResource column(String column) {
        return resource().child("column", column);
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
