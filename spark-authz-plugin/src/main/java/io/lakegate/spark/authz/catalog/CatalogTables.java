package io.lakegate.spark.authz.catalog;

import io.lakegate.spark.authz.AccessControlException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchDatabaseException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.execution.datasources.v2.FileTable;
import scala.Option;

/**
 * The catalog tables a plan node scans, of the session catalog or any DataSource V2 catalog (Iceberg's, say), and
 * their names as Ranger's Hive service has them: the catalog's name is not part of it, the owner the catalog
 * records is.
 */
public final class CatalogTables {
    // Iceberg's MetadataTableType, as its catalogs resolve a table's name followed by one of these.
    private static final Set<String> ICEBERG_METADATA_TABLES = Set.of(
            "entries",
            "files",
            "data_files",
            "delete_files",
            "history",
            "metadata_log_entries",
            "snapshots",
            "refs",
            "manifests",
            "partitions",
            "all_data_files",
            "all_delete_files",
            "all_files",
            "all_manifests",
            "all_entries",
            "position_deletes");

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
                && location(relation.identifier().get()).isEmpty()
                && metadataTableOf(relation).isEmpty()) {
            return Optional.of(
                    name(catalogName(relation.catalog()), relation.identifier().get(), relation.table()));
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
     * The table whose metadata an Iceberg metadata table ({@code lake.sales.orders.snapshots}, {@code .files}, ...)
     * shows: its catalog resolves the base table's name followed by the metadata table's.
     */
    public static Optional<TableName> metadataTableOf(DataSourceV2Relation relation) {
        if (relation.identifier().isEmpty() || relation.catalog().isEmpty()) {
            return Optional.empty();
        }
        Identifier identifier = relation.identifier().get();
        String[] namespace = identifier.namespace();
        if (namespace.length != 2
                || !ICEBERG_METADATA_TABLES.contains(identifier.name().toLowerCase(Locale.ROOT))
                || !relation.table().getClass().getName().startsWith("org.apache.iceberg.")) {
            return Optional.empty();
        }
        return Optional.of(TableName.of(namespace[0], namespace[1]));
    }

    /**
     * The columns of the base table of a metadata table, as its catalog has them now; a metadata table shows
     * bounds of every column.
     */
    public static List<String> baseColumns(DataSourceV2Relation metadataTable) {
        Identifier identifier = metadataTable.identifier().get();
        String[] namespace = identifier.namespace();
        CatalogPlugin catalog = metadataTable.catalog().get();
        if (!(catalog instanceof TableCatalog tables)) {
            throw new AccessControlException("Permission denied: catalog [" + catalog.name() + "] cannot show the"
                    + " table of metadata table [" + identifier + "]");
        }
        try {
            Table base = tables.loadTable(Identifier.of(new String[] {namespace[0]}, namespace[1]));
            return Arrays.stream(base.columns()).map(Column::name).toList();
        } catch (NoSuchTableException e) {
            throw new AccessControlException("Permission denied: the table of metadata table [" + identifier
                    + "] cannot be found to authorize it: " + e.getMessage());
        }
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

    /** A table of the session catalog; its identifier, as the metastore returns it, always names the database. */
    public static TableName name(CatalogTable table) {
        Option<String> database = table.identifier().database();
        if (database.isEmpty()) {
            throw new AccessControlException(
                    "Permission denied: table [" + table.identifier().table() + "] is not"
                            + " qualified with its database, so Lakegate cannot tell which table it is; it refuses it");
        }
        return new TableName(database.get(), table.identifier().table(), table.owner());
    }

    /** A table of a V2 catalog that exists: its owner is the {@code owner} property, as Spark's catalogs keep it. */
    public static TableName name(String catalog, Identifier identifier, Table table) {
        TableName name = name(catalog, identifier);
        String owner = table.properties().get(TableCatalog.PROP_OWNER);
        return owner == null ? name : new TableName(name.database(), name.table(), owner);
    }

    /**
     * The name of a V2 catalog's table. Ranger's Hive service knows one level of database: a deeper namespace
     * (Iceberg's time-travel names such as {@code db.orders.branch_dev} among them) has no name there, nor has a
     * table in the catalog's root namespace; both are refused rather than matched against policies written for
     * something else.
     */
    public static TableName name(String catalog, Identifier identifier) {
        String[] namespace = identifier.namespace();
        if (namespace.length > 1) {
            throw new AccessControlException("Permission denied: [" + catalog + "." + String.join(".", namespace)
                    + "." + identifier.name() + "] has a namespace of " + namespace.length + " levels, which"
                    + " Ranger's Hive service cannot name; Lakegate refuses it");
        }
        if (namespace.length == 0) {
            throw new AccessControlException("Permission denied: [" + catalog + "." + identifier.name() + "] is in"
                    + " the root namespace of catalog [" + catalog + "], which Ranger's Hive service cannot name (its"
                    + " tables belong to a database); Lakegate refuses it");
        }
        return TableName.of(namespace[0], identifier.name());
    }

    /** A table's metadata in the session catalog, if it exists (the command reports its absence when it runs). */
    public static Optional<CatalogTable> metadata(SessionCatalog catalog, TableIdentifier identifier) {
        try {
            return Optional.of(catalog.getTableMetadata(identifier));
        } catch (NoSuchDatabaseException | NoSuchTableException e) {
            return Optional.empty();
        }
    }

    public static String catalogName(Option<CatalogPlugin> catalog) {
        return catalog.isDefined() ? catalog.get().name() : "";
    }
}
