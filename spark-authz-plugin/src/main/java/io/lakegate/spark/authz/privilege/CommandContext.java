package io.lakegate.spark.authz.privilege;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerResource;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.SparkAuthz;
import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.Locations;
import io.lakegate.spark.authz.catalog.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.connector.catalog.CatalogManager;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import scala.collection.JavaConverters;

/**
 * What an entry of {@link Commands} needs to name what a command touches: the session's catalogs (to qualify a
 * table name with the current database and find its owner) and its Hadoop configuration (to qualify a path as Spark
 * will resolve it, session settings and all).
 */
public final class CommandContext {
    private final SparkSession session;
    private final SparkAuthz authz;
    private final Supplier<String> user;
    private Configuration hadoopConf;

    CommandContext(SparkSession session, SparkAuthz authz, Supplier<String> user) {
        this.session = requireNonNull(session, "session is null");
        this.authz = requireNonNull(authz, "authz is null");
        this.user = requireNonNull(user, "user is null");
    }

    String user() {
        return user.get();
    }

    SparkSession session() {
        return session;
    }

    SparkAuthz authz() {
        return authz;
    }

    SessionCatalog catalog() {
        return session.sessionState().catalog();
    }

    /** An existing table or view of the session catalog, qualified as Spark resolves it, with its owner. */
    TableName table(TableIdentifier identifier) {
        TableIdentifier qualified = catalog().qualifyIdentifier(identifier);
        Optional<CatalogTable> table = metadata(qualified);
        return table.map(CatalogTables::name)
                .orElseGet(() -> TableName.of(qualified.database().get(), qualified.table()));
    }

    /**
     * A table or view about to be created: as Ranger's Hive plugin has it, its owner is its database's, so that a
     * database owner's {@code {OWNER}} policy covers what is created in it.
     */
    TableName newTable(TableIdentifier identifier) {
        TableIdentifier qualified = catalog().qualifyIdentifier(identifier);
        String database = qualified.database().get();
        return new TableName(
                database, qualified.table(), databaseOwner(database).orElse(""));
    }

    /** A table of a V2 catalog about to be created, owned as {@link #newTable(TableIdentifier)} says. */
    TableName newTable(CatalogPlugin catalog, Identifier identifier) {
        TableName name = CatalogTables.name(catalog.name(), identifier);
        Optional<String> owner = Optional.empty();
        if (catalog instanceof SupportsNamespaces namespaces) {
            try {
                owner = Optional.ofNullable(
                        namespaces.loadNamespaceMetadata(identifier.namespace()).get(SupportsNamespaces.PROP_OWNER));
            } catch (NoSuchNamespaceException e) {
                owner = Optional.empty();
            }
        }
        return new TableName(name.database(), name.table(), owner.orElse(""));
    }

    RangerResource database(String database) {
        return RangerResource.database(database).ownedBy(databaseOwner(database));
    }

    boolean isTempView(TableIdentifier identifier) {
        return catalog().isTempView(identifier);
    }

    /** The columns of a table of the session catalog. */
    List<String> columnsOf(TableName table) {
        return CatalogTables.metadata(
                        catalog(), TableIdentifier.apply(table.table(), scala.Option.apply(table.database())))
                .map(metadata -> List.of(metadata.schema().fieldNames()))
                .orElse(List.of());
    }

    /** The tables of a database of the session catalog, as {@code ANALYZE TABLES} finds them. */
    List<TableName> tablesOf(String database) {
        List<TableName> tables = new ArrayList<>();
        for (TableIdentifier table : JavaConverters.seqAsJavaList(catalog().listTables(database, "*", false))) {
            tables.add(table(table));
        }
        return tables;
    }

    /** A path as Spark will resolve it: with the session's Hadoop configuration, its own settings included. */
    String location(String location) {
        return Locations.qualified(location, hadoopConf());
    }

    /** A path on the local file system, whatever the default one is ({@code LOCAL} paths). */
    String localPath(String location) {
        return Locations.local(location, hadoopConf());
    }

    /**
     * The catalog and identifier a multi-part name written in a statement stands for, as Spark resolves it: a first
     * part naming a catalog picks it, else the current catalog and (for one part) its current namespace.
     */
    Resolved resolve(List<String> nameParts) {
        CatalogManager catalogs = session.sessionState().catalogManager();
        if (nameParts.size() > 1
                && (catalogs.isCatalogRegistered(nameParts.get(0))
                        || nameParts.get(0).equalsIgnoreCase(CatalogManager.SESSION_CATALOG_NAME()))) {
            return new Resolved(catalogs.catalog(nameParts.get(0)), identifier(nameParts.subList(1, nameParts.size())));
        }
        if (nameParts.size() == 1) {
            return new Resolved(
                    catalogs.currentCatalog(), Identifier.of(catalogs.currentNamespace(), nameParts.get(0)));
        }
        return new Resolved(catalogs.currentCatalog(), identifier(nameParts));
    }

    /** A table a statement names by a multi-part name, resolved as {@link #resolve} does. */
    TableName named(List<String> nameParts) {
        Resolved resolved = resolve(nameParts);
        authz.startupCatalogs().check(resolved.catalog(), session.sessionState().conf());
        return CatalogTables.name(resolved.catalog().name(), resolved.identifier());
    }

    record Resolved(CatalogPlugin catalog, Identifier identifier) {}

    private static Identifier identifier(List<String> parts) {
        if (parts.isEmpty()) {
            throw new AccessControlException("Permission denied: a catalog's name alone names no table");
        }
        return Identifier.of(parts.subList(0, parts.size() - 1).toArray(String[]::new), parts.get(parts.size() - 1));
    }

    private Optional<CatalogTable> metadata(TableIdentifier qualified) {
        return CatalogTables.metadata(catalog(), qualified);
    }

    private Optional<String> databaseOwner(String database) {
        if (!catalog().databaseExists(database)) {
            return Optional.empty();
        }
        Map<String, String> properties = JavaConverters.mapAsJavaMap(
                catalog().getDatabaseMetadata(database).properties());
        return Optional.ofNullable(properties.get(SupportsNamespaces.PROP_OWNER));
    }

    private Configuration hadoopConf() {
        if (hadoopConf == null) {
            hadoopConf = session.sessionState().newHadoopConf();
        }
        return hadoopConf;
    }
}
