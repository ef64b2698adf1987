package io.lakegate.flink.authz.catalog;

import static io.lakegate.flink.authz.privilege.Operation.ALTER_DATABASE;
import static io.lakegate.flink.authz.privilege.Operation.ALTER_FUNCTION;
import static io.lakegate.flink.authz.privilege.Operation.ALTER_TABLE;
import static io.lakegate.flink.authz.privilege.Operation.CREATE_DATABASE;
import static io.lakegate.flink.authz.privilege.Operation.CREATE_FUNCTION;
import static io.lakegate.flink.authz.privilege.Operation.CREATE_TABLE;
import static io.lakegate.flink.authz.privilege.Operation.DROP_DATABASE;
import static io.lakegate.flink.authz.privilege.Operation.DROP_FUNCTION;
import static io.lakegate.flink.authz.privilege.Operation.DROP_TABLE;
import static io.lakegate.flink.authz.privilege.Operation.USE_FUNCTION;
import static java.util.Objects.requireNonNull;

import io.lakegate.flink.authz.AccessControlException;
import io.lakegate.flink.authz.kafka.TopicAccess;
import io.lakegate.flink.authz.privilege.Guard;
import io.lakegate.flink.authz.scan.GuardedTableFactory;
import io.lakegate.flink.authz.scan.TableOptionsGuard;
import io.lakegate.flink.authz.storage.Connectors;
import io.lakegate.flink.authz.storage.Locations;
import io.lakegate.flink.lineage.capture.CatalogLineage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.table.catalog.Catalog;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogFunction;
import org.apache.flink.table.catalog.CatalogPartition;
import org.apache.flink.table.catalog.CatalogPartitionSpec;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.TableChange;
import org.apache.flink.table.catalog.TemporaryOperationListener;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotEmptyException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.FunctionAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.FunctionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionAlreadyExistsException;
import org.apache.flink.table.catalog.exceptions.PartitionNotExistException;
import org.apache.flink.table.catalog.exceptions.PartitionSpecInvalidException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.catalog.exceptions.TableNotPartitionedException;
import org.apache.flink.table.catalog.exceptions.TablePartitionedException;
import org.apache.flink.table.catalog.stats.CatalogColumnStatistics;
import org.apache.flink.table.catalog.stats.CatalogTableStatistics;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.factories.Factory;
import org.apache.flink.table.factories.FunctionDefinitionFactory;

/**
 * A catalog (HiveCatalog, or another type) whose every operation is decided by Ranger's Hive-service policies for
 * the catalog's user: listings show what the user holds some privilege on, DDL needs create, alter or drop, and
 * every table the planner reads or writes is built by {@link GuardedTableFactory}, which decides select (with row
 * filters and masks) and update. Temporary objects in this catalog's namespace are refused: they would shadow its
 * tables and functions.
 *
 * <p>It does not extend {@code HiveCatalog}, on purpose: Flink enables Hive dialect (HiveQL, with its own write and
 * load paths to the metastore) only for a {@code HiveCatalog}.
 */
final class GuardedCatalog implements Catalog, TemporaryOperationListener {
    private static final String PLANNER_STATISTICS =
            "org.apache.flink.table.planner.plan.optimize.program.FlinkRecomputeStatisticsProgram";
    private static final Set<String> UNSAFE_FUNCTION_CLASSES = Set.of(
            "org.apache.hadoop.hive.ql.udf.generic.GenericUDFReflect",
            "org.apache.hadoop.hive.ql.udf.generic.GenericUDFReflect2",
            "org.apache.hadoop.hive.ql.udf.generic.GenericUDFInFile");

    private final String name;
    private final Catalog delegate;
    private final Guard guard;
    private final Locations locations;
    private final Set<String> tableConnectors;
    private final TopicAccess topics;
    private final Optional<CatalogLineage> lineage;

    GuardedCatalog(
            String name,
            Catalog delegate,
            Guard guard,
            Locations locations,
            Set<String> tableConnectors,
            TopicAccess topics,
            Optional<CatalogLineage> lineage) {
        this.name = requireNonNull(name, "name is null");
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.guard = requireNonNull(guard, "guard is null");
        this.locations = requireNonNull(locations, "locations is null");
        this.tableConnectors = Set.copyOf(requireNonNull(tableConnectors, "tableConnectors is null"));
        this.topics = requireNonNull(topics, "topics is null");
        this.lineage = requireNonNull(lineage, "lineage is null");
    }

    @Override
    public Optional<Factory> getFactory() {
        return Optional.of(new GuardedTableFactory(
                name, delegate, guard, new TableOptionsGuard(this::catalogTable), topics, lineage));
    }

    @Override
    public Optional<FunctionDefinitionFactory> getFunctionDefinitionFactory() {
        return delegate.getFunctionDefinitionFactory();
    }

    @Override
    public void open() throws CatalogException {
        delegate.open();
    }

    @Override
    public void close() throws CatalogException {
        delegate.close();
    }

    @Override
    public String getDefaultDatabase() throws CatalogException {
        return delegate.getDefaultDatabase();
    }

    @Override
    public List<String> listDatabases() throws CatalogException {
        return guard.visibleDatabases(delegate.listDatabases());
    }

    @Override
    public CatalogDatabase getDatabase(String databaseName) throws DatabaseNotExistException, CatalogException {
        return delegate.getDatabase(databaseName);
    }

    @Override
    public boolean databaseExists(String databaseName) throws CatalogException {
        return delegate.databaseExists(databaseName);
    }

    @Override
    public void createDatabase(String databaseName, CatalogDatabase database, boolean ignoreIfExists)
            throws DatabaseAlreadyExistException, CatalogException {
        guard.require(CREATE_DATABASE, databaseName, null);
        locations.databaseLocations(database.getProperties(), Map.of()).forEach(guard::requireLocation);
        delegate.createDatabase(databaseName, database, ignoreIfExists);
    }

    @Override
    public void dropDatabase(String databaseName, boolean ignoreIfNotExists, boolean cascade)
            throws DatabaseNotExistException, DatabaseNotEmptyException, CatalogException {
        guard.require(DROP_DATABASE, databaseName, null);
        if (cascade && delegate.databaseExists(databaseName)) {
            // A cascade drops every table and function in it: each needs drop, as if dropped one by one.
            for (String table : delegate.listTables(databaseName)) {
                guard.require(DROP_TABLE, databaseName, table);
            }
            for (String function : delegate.listFunctions(databaseName)) {
                guard.require(DROP_FUNCTION, databaseName, function);
            }
        }
        delegate.dropDatabase(databaseName, ignoreIfNotExists, cascade);
    }

    @Override
    public void alterDatabase(String databaseName, CatalogDatabase newDatabase, boolean ignoreIfNotExists)
            throws DatabaseNotExistException, CatalogException {
        guard.require(ALTER_DATABASE, databaseName, null);
        if (delegate.databaseExists(databaseName)) {
            locations
                    .databaseLocations(
                            newDatabase.getProperties(),
                            delegate.getDatabase(databaseName).getProperties())
                    .forEach(guard::requireLocation);
        }
        delegate.alterDatabase(databaseName, newDatabase, ignoreIfNotExists);
    }

    @Override
    public List<String> listTables(String databaseName) throws DatabaseNotExistException, CatalogException {
        return guard.visibleTables(databaseName, delegate.listTables(databaseName));
    }

    @Override
    public List<String> listViews(String databaseName) throws DatabaseNotExistException, CatalogException {
        return guard.visibleTables(databaseName, delegate.listViews(databaseName));
    }

    // A table's definition is returned to the planner for reads, writes and DESCRIBE alike (it cannot tell them
    // apart here): reads and writes are decided when the planner builds the source or sink.
    @Override
    public CatalogBaseTable getTable(ObjectPath tablePath) throws TableNotExistException, CatalogException {
        return withoutLegacyOptions(tablePath, delegate.getTable(tablePath));
    }

    // Time travel reads the table as it was: the same factory decides it.
    @Override
    public CatalogBaseTable getTable(ObjectPath tablePath, long timestamp)
            throws TableNotExistException, CatalogException {
        return withoutLegacyOptions(tablePath, delegate.getTable(tablePath, timestamp));
    }

    private CatalogBaseTable withoutLegacyOptions(ObjectPath tablePath, CatalogBaseTable table) {
        if (table.getTableKind() != CatalogBaseTable.TableKind.VIEW && Connectors.isLegacy(table.getOptions())) {
            throw legacy(tablePath);
        }
        return table;
    }

    private Optional<CatalogTable> catalogTable(ObjectPath tablePath) {
        try {
            return delegate.getTable(tablePath) instanceof CatalogTable table ? Optional.of(table) : Optional.empty();
        } catch (TableNotExistException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean tableExists(ObjectPath tablePath) throws CatalogException {
        return delegate.tableExists(tablePath);
    }

    @Override
    public void dropTable(ObjectPath tablePath, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        guard.require(DROP_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        delegate.dropTable(tablePath, ignoreIfNotExists);
    }

    @Override
    public void renameTable(ObjectPath tablePath, String newTableName, boolean ignoreIfNotExists)
            throws TableNotExistException, TableAlreadyExistException, CatalogException {
        guard.require(ALTER_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        guard.require(CREATE_TABLE, tablePath.getDatabaseName(), newTableName);
        delegate.renameTable(tablePath, newTableName, ignoreIfNotExists);
    }

    @Override
    public void createTable(ObjectPath tablePath, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException, CatalogException {
        guard.require(CREATE_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        requireStorage(tablePath, table, null);
        delegate.createTable(tablePath, table, ignoreIfExists);
    }

    @Override
    public void alterTable(ObjectPath tablePath, CatalogBaseTable newTable, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        guard.require(ALTER_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        requireStorage(tablePath, newTable, tablePath);
        delegate.alterTable(tablePath, newTable, ignoreIfNotExists);
    }

    @Override
    public void alterTable(
            ObjectPath tablePath, CatalogBaseTable newTable, List<TableChange> tableChanges, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        guard.require(ALTER_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        requireStorage(tablePath, newTable, tablePath);
        delegate.alterTable(tablePath, newTable, tableChanges, ignoreIfNotExists);
    }

    // A table's options say where its data lives. A table of this catalog over another's files, topic or database
    // table would read that data under its own, possibly wider, policies: locations need read and write on their
    // url, and only the connectors the operator allows (lakegate.table-connectors) may be named at all.
    private void requireStorage(ObjectPath tablePath, CatalogBaseTable table, ObjectPath existing) {
        // Tables and materialized tables hold options that place data; a view names only other tables.
        if (table.getTableKind() == CatalogBaseTable.TableKind.VIEW) {
            return;
        }
        Map<String, String> before = Map.of();
        if (existing != null) {
            try {
                before = delegate.getTable(existing).getOptions();
            } catch (TableNotExistException e) {
                // The delegate reports the missing table itself; every option given is new.
            }
        }
        if (Connectors.isLegacy(table.getOptions())) {
            throw legacy(tablePath);
        }
        if (!table.getOptions().equals(before)) {
            String connector = Connectors.of(table.getOptions());
            if (!tableConnectors.contains(connector)) {
                throw new AccessControlException("Permission denied: user [" + guard.user() + "] may not define"
                        + " table [" + tablePath.getFullName() + "] of connector [" + connector + "] in catalog ["
                        + name + "]: a table of it could read data other tables' policies govern, and the catalog's"
                        + " " + LakegateHiveCatalogFactory.TABLE_CONNECTORS.key() + " does not list it (allowed: "
                        + String.join(", ", new TreeSet<>(tableConnectors)) + ")");
            }
        }
        locations.tableLocations(table.getOptions(), before).forEach(guard::requireLocation);
    }

    private AccessControlException legacy(ObjectPath tablePath) {
        return new AccessControlException("Permission denied: user [" + guard.user() + "] may not define or use table ["
                + tablePath.getFullName() + "] in catalog [" + name + "]: it has legacy connector options"
                + " (connector.type), which Flink reads without the catalog's guard; use 'connector'");
    }

    // Partition values are the partition columns' values: listing them is a read of those columns, and is refused
    // where a row filter or a mask on them would hide what the listing shows.
    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath)
            throws TableNotExistException, TableNotPartitionedException, CatalogException {
        if (!askedForStatistics()) {
            checkPartitionsReadable(tablePath);
        }
        return delegate.listPartitions(tablePath);
    }

    // Flink 1.20's planner lists every partition of each partitioned table a batch statement reads, to compute its
    // statistics (FlinkRecomputeStatisticsProgram, which fails the statement if the listing does), through the same
    // method as SHOW PARTITIONS. The values never reach the user: the planner then asks partition statistics, which
    // the guard answers UNKNOWN unless the user may read the whole table unprotected. Only that caller is answered
    // without the check.
    private static boolean askedForStatistics() {
        return StackWalker.getInstance().walk(frames -> frames.skip(2).limit(3).anyMatch(frame -> frame.getClassName()
                .equals(PLANNER_STATISTICS)));
    }

    @Override
    public List<CatalogPartitionSpec> listPartitions(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws TableNotExistException, TableNotPartitionedException, PartitionSpecInvalidException,
                    CatalogException {
        checkPartitionsReadable(tablePath);
        return delegate.listPartitions(tablePath, partitionSpec);
    }

    @Override
    public List<CatalogPartitionSpec> listPartitionsByFilter(ObjectPath tablePath, List<Expression> filters)
            throws TableNotExistException, TableNotPartitionedException, CatalogException {
        checkPartitionsReadable(tablePath);
        return delegate.listPartitionsByFilter(tablePath, filters);
    }

    @Override
    public CatalogPartition getPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException, CatalogException {
        checkPartitionsReadable(tablePath);
        return delegate.getPartition(tablePath, partitionSpec);
    }

    @Override
    public boolean partitionExists(ObjectPath tablePath, CatalogPartitionSpec partitionSpec) throws CatalogException {
        checkPartitionsReadable(tablePath);
        return delegate.partitionExists(tablePath, partitionSpec);
    }

    private void checkPartitionsReadable(ObjectPath tablePath) {
        List<String> keys = catalogTable(tablePath)
                .filter(CatalogTable::isPartitioned)
                .map(CatalogTable::getPartitionKeys)
                .orElse(List.of());
        String database = tablePath.getDatabaseName();
        String table = tablePath.getObjectName();
        guard.select(database, table, keys, "listing partitions reads the partition columns");
        var protection = guard.protection(database, table, keys);
        if (protection.rowFilter().isPresent() || !protection.masks().isEmpty()) {
            throw new AccessControlException("Permission denied: user [" + guard.user()
                    + "] may not list the partitions of [" + database + "/" + table
                    + "]: a row filter or a mask applies to the user's reads of it, which a listing would bypass");
        }
    }

    @Override
    public void createPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition partition,
            boolean ignoreIfExists)
            throws TableNotExistException, TableNotPartitionedException, PartitionSpecInvalidException,
                    PartitionAlreadyExistsException, CatalogException {
        guard.require(ALTER_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        // A partition placed on another table's files would read them under this table's policies, and dropping
        // it would delete them.
        locations.tableLocations(partition.getProperties(), Map.of()).forEach(guard::requireLocation);
        delegate.createPartition(tablePath, partitionSpec, partition, ignoreIfExists);
    }

    @Override
    public void dropPartition(ObjectPath tablePath, CatalogPartitionSpec partitionSpec, boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        guard.require(ALTER_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        delegate.dropPartition(tablePath, partitionSpec, ignoreIfNotExists);
    }

    @Override
    public void alterPartition(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogPartition newPartition,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        guard.require(ALTER_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        Map<String, String> before = Map.of();
        try {
            before = delegate.getPartition(tablePath, partitionSpec).getProperties();
        } catch (PartitionNotExistException e) {
            // The delegate reports the missing partition itself; every location given is new.
        }
        locations.tableLocations(newPartition.getProperties(), before).forEach(guard::requireLocation);
        delegate.alterPartition(tablePath, partitionSpec, newPartition, ignoreIfNotExists);
    }

    @Override
    public List<String> listFunctions(String dbName) throws DatabaseNotExistException, CatalogException {
        return guard.visibleFunctions(dbName, delegate.listFunctions(dbName));
    }

    // Resolving a function is using it: the planner asks for it when a statement calls it.
    @Override
    public CatalogFunction getFunction(ObjectPath functionPath) throws FunctionNotExistException, CatalogException {
        CatalogFunction function = delegate.getFunction(functionPath);
        guard.require(USE_FUNCTION, functionPath.getDatabaseName(), functionPath.getObjectName());
        requireHarmless(functionPath, function);
        return function;
    }

    // Hive's reflect (java_method) calls any static Java method in the engine, in_file reads any file the engine can
    // read: as catalog functions they would be a way around every policy, whoever created them. A function's jar is
    // code the engine loads: the user needs read on its url.
    private void requireHarmless(ObjectPath functionPath, CatalogFunction function) {
        if (UNSAFE_FUNCTION_CLASSES.contains(function.getClassName())) {
            throw new AccessControlException("Permission denied: user [" + guard.user() + "] may not create or use"
                    + " function [" + functionPath.getFullName() + "] of class [" + function.getClassName() + "]: it"
                    + " calls arbitrary Java methods or reads arbitrary files in the engine, around every policy");
        }
        function.getFunctionResources()
                .forEach(resource -> guard.requireReadable(Locations.flinkPath(resource.getUri())));
    }

    @Override
    public boolean functionExists(ObjectPath functionPath) throws CatalogException {
        return delegate.functionExists(functionPath);
    }

    @Override
    public void createFunction(ObjectPath functionPath, CatalogFunction function, boolean ignoreIfExists)
            throws FunctionAlreadyExistException, DatabaseNotExistException, CatalogException {
        guard.require(CREATE_FUNCTION, functionPath.getDatabaseName(), functionPath.getObjectName());
        requireHarmless(functionPath, function);
        delegate.createFunction(functionPath, function, ignoreIfExists);
    }

    @Override
    public void alterFunction(ObjectPath functionPath, CatalogFunction newFunction, boolean ignoreIfNotExists)
            throws FunctionNotExistException, CatalogException {
        guard.require(ALTER_FUNCTION, functionPath.getDatabaseName(), functionPath.getObjectName());
        requireHarmless(functionPath, newFunction);
        delegate.alterFunction(functionPath, newFunction, ignoreIfNotExists);
    }

    @Override
    public void dropFunction(ObjectPath functionPath, boolean ignoreIfNotExists)
            throws FunctionNotExistException, CatalogException {
        guard.require(DROP_FUNCTION, functionPath.getDatabaseName(), functionPath.getObjectName());
        delegate.dropFunction(functionPath, ignoreIfNotExists);
    }

    // Statistics describe the values (row counts, min, max, distinct counts): the planner gets them only for tables
    // the user may read whole and unfiltered, and plans without them otherwise.
    @Override
    public CatalogTableStatistics getTableStatistics(ObjectPath tablePath)
            throws TableNotExistException, CatalogException {
        return readsWhole(tablePath) ? delegate.getTableStatistics(tablePath) : CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public CatalogColumnStatistics getTableColumnStatistics(ObjectPath tablePath)
            throws TableNotExistException, CatalogException {
        return readsWhole(tablePath) ? delegate.getTableColumnStatistics(tablePath) : CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public CatalogTableStatistics getPartitionStatistics(ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException, CatalogException {
        return readsWhole(tablePath)
                ? delegate.getPartitionStatistics(tablePath, partitionSpec)
                : CatalogTableStatistics.UNKNOWN;
    }

    @Override
    public List<CatalogTableStatistics> bulkGetPartitionStatistics(
            ObjectPath tablePath, List<CatalogPartitionSpec> partitionSpecs)
            throws PartitionNotExistException, CatalogException {
        return readsWhole(tablePath)
                ? delegate.bulkGetPartitionStatistics(tablePath, partitionSpecs)
                : partitionSpecs.stream()
                        .map(spec -> CatalogTableStatistics.UNKNOWN)
                        .toList();
    }

    @Override
    public CatalogColumnStatistics getPartitionColumnStatistics(
            ObjectPath tablePath, CatalogPartitionSpec partitionSpec)
            throws PartitionNotExistException, CatalogException {
        return readsWhole(tablePath)
                ? delegate.getPartitionColumnStatistics(tablePath, partitionSpec)
                : CatalogColumnStatistics.UNKNOWN;
    }

    @Override
    public List<CatalogColumnStatistics> bulkGetPartitionColumnStatistics(
            ObjectPath tablePath, List<CatalogPartitionSpec> partitionSpecs)
            throws PartitionNotExistException, CatalogException {
        return readsWhole(tablePath)
                ? delegate.bulkGetPartitionColumnStatistics(tablePath, partitionSpecs)
                : partitionSpecs.stream()
                        .map(spec -> CatalogColumnStatistics.UNKNOWN)
                        .toList();
    }

    private boolean readsWhole(ObjectPath tablePath) {
        Optional<CatalogTable> table = catalogTable(tablePath);
        if (table.isEmpty()) {
            return false;
        }
        List<String> columns = table.get().getUnresolvedSchema().getColumns().stream()
                .map(column -> column.getName())
                .toList();
        String database = tablePath.getDatabaseName();
        String object = tablePath.getObjectName();
        try {
            guard.select(database, object, columns, "");
        } catch (AccessControlException denied) {
            return false;
        }
        var protection = guard.protection(database, object, columns);
        return protection.rowFilter().isEmpty() && protection.masks().isEmpty();
    }

    @Override
    public void alterTableStatistics(
            ObjectPath tablePath, CatalogTableStatistics tableStatistics, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException {
        guard.require(ALTER_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        delegate.alterTableStatistics(tablePath, tableStatistics, ignoreIfNotExists);
    }

    @Override
    public void alterTableColumnStatistics(
            ObjectPath tablePath, CatalogColumnStatistics columnStatistics, boolean ignoreIfNotExists)
            throws TableNotExistException, CatalogException, TablePartitionedException {
        guard.require(ALTER_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        delegate.alterTableColumnStatistics(tablePath, columnStatistics, ignoreIfNotExists);
    }

    @Override
    public void alterPartitionStatistics(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogTableStatistics partitionStatistics,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        guard.require(ALTER_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        delegate.alterPartitionStatistics(tablePath, partitionSpec, partitionStatistics, ignoreIfNotExists);
    }

    @Override
    public void alterPartitionColumnStatistics(
            ObjectPath tablePath,
            CatalogPartitionSpec partitionSpec,
            CatalogColumnStatistics columnStatistics,
            boolean ignoreIfNotExists)
            throws PartitionNotExistException, CatalogException {
        guard.require(ALTER_TABLE, tablePath.getDatabaseName(), tablePath.getObjectName());
        delegate.alterPartitionColumnStatistics(tablePath, partitionSpec, columnStatistics, ignoreIfNotExists);
    }

    // A temporary table, view or function in this catalog's namespace takes precedence over the permanent one of
    // the same name, for everyone in the session, and is read without this catalog's factory: refused outright.
    @Override
    public CatalogBaseTable onCreateTemporaryTable(ObjectPath tablePath, CatalogBaseTable table)
            throws CatalogException {
        throw temporary("table or view", tablePath);
    }

    @Override
    public void onDropTemporaryTable(ObjectPath tablePath) throws CatalogException {}

    @Override
    public CatalogFunction onCreateTemporaryFunction(ObjectPath functionPath, CatalogFunction function)
            throws CatalogException {
        throw temporary("function", functionPath);
    }

    @Override
    public void onDropTemporaryFunction(ObjectPath functionPath) throws CatalogException {}

    private AccessControlException temporary(String kind, ObjectPath path) {
        return new AccessControlException("Permission denied: user [" + guard.user() + "] may not create a temporary "
                + kind + " [" + path.getFullName() + "] in catalog [" + name + "], which Ranger governs: a temporary "
                + kind + " would shadow the catalog's own");
    }
}
