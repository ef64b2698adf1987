package io.lakegate.spark.authz.catalog;

import io.lakegate.spark.authz.AccessControlException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.execution.datasources.v2.FileTable;

/**
 * The catalog tables a plan node scans, of the session catalog or any DataSource V2 catalog (Iceberg's, say), and
 * their names as Ranger's Hive service has them: the catalog's name is not part of it.
 */
public final class CatalogTables {
    private CatalogTables() {}

    public static Optional<TableName> scannedBy(LogicalPlan node) {
        if (node instanceof HiveTableRelation relation) {
            return Optional.of(name(relation.tableMeta()));
        }
        if (node instanceof LogicalRelation relation && relation.catalogTable().isDefined()) {
            return Optional.of(name(relation.catalogTable().get()));
        }
        if (node instanceof DataSourceV2Relation relation
                && relation.identifier().isDefined()
                && !(relation.table() instanceof FileTable)
                && location(relation.identifier().get()).isEmpty()) {
            return Optional.of(name(relation.identifier().get()));
        }
        return Optional.empty();
    }

    /**
     * The tables and permanent views whose Ranger row filters and masks apply where a node reads them: a view's
     * own policies apply to the view, on top of those of the tables under it.
     */
    public static Optional<TableName> protectedBy(LogicalPlan node) {
        if (node instanceof View view && !view.isTempView() && view.resolved()) {
            return Optional.of(name(view.desc()));
        }
        return scannedBy(node);
    }

    /**
     * The location a V2 identifier stands for when a table is loaded by path ({@code spark.read.format("iceberg")
     * .load(path)}): Iceberg makes the path's parent the namespace and its last element the name. No database or
     * table name of Ranger's Hive service holds a {@code /}.
     */
    public static Optional<String> location(Identifier identifier) {
        List<String> parts = new ArrayList<>(Arrays.asList(identifier.namespace()));
        parts.add(identifier.name());
        return parts.stream().anyMatch(part -> part.contains("/"))
                ? Optional.of(String.join("/", parts))
                : Optional.empty();
    }

    public static TableName name(CatalogTable table) {
        return name(table.identifier());
    }

    public static TableName name(TableIdentifier identifier) {
        return new TableName(database(identifier), identifier.table());
    }

    /**
     * The name of a V2 catalog's table. Ranger's Hive service knows one level of database: a deeper namespace
     * (Iceberg's metadata tables such as {@code db.orders.snapshots} among them) has no name there, and is
     * refused rather than matched against policies written for something else.
     */
    public static TableName name(Identifier identifier) {
        String[] namespace = identifier.namespace();
        if (namespace.length > 1) {
            throw new AccessControlException("Permission denied: [" + String.join(".", namespace) + "."
                    + identifier.name() + "] has a namespace of " + namespace.length + " levels, which Ranger's"
                    + " Hive service cannot name; Lakegate refuses it");
        }
        return new TableName(namespace.length == 0 ? "default" : namespace[0], identifier.name());
    }

    public static String database(TableIdentifier identifier) {
        return identifier.database().isDefined() ? identifier.database().get() : "default";
    }
}
