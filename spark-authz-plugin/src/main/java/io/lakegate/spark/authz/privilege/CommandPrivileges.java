package io.lakegate.spark.authz.privilege;

import io.lakegate.ranger.RangerResource;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.Locations;
import io.lakegate.spark.authz.catalog.TableName;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.EliminateSubqueryAliases;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.catalyst.analysis.NamedRelation;
import org.apache.spark.sql.catalyst.analysis.PersistedView$;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.AlterTableCommand;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.CommentOnNamespace;
import org.apache.spark.sql.catalyst.plans.logical.CreateNamespace;
import org.apache.spark.sql.catalyst.plans.logical.CreateTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTable;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTableWithFilters;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DropNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DropTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.MergeIntoTable;
import org.apache.spark.sql.catalyst.plans.logical.RenameTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.SetNamespaceLocation;
import org.apache.spark.sql.catalyst.plans.logical.SetNamespaceProperties;
import org.apache.spark.sql.catalyst.plans.logical.SetTableLocation;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.TableSpecBase;
import org.apache.spark.sql.catalyst.plans.logical.TruncatePartition;
import org.apache.spark.sql.catalyst.plans.logical.TruncateTable;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;
import org.apache.spark.sql.catalyst.plans.logical.V2PartitionCommand;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.command.AddArchivesCommand;
import org.apache.spark.sql.execution.command.AddFilesCommand;
import org.apache.spark.sql.execution.command.AddJarsCommand;
import org.apache.spark.sql.execution.command.AlterDatabasePropertiesCommand;
import org.apache.spark.sql.execution.command.AlterDatabaseSetLocationCommand;
import org.apache.spark.sql.execution.command.AlterTableAddColumnsCommand;
import org.apache.spark.sql.execution.command.AlterTableAddPartitionCommand;
import org.apache.spark.sql.execution.command.AlterTableChangeColumnCommand;
import org.apache.spark.sql.execution.command.AlterTableDropPartitionCommand;
import org.apache.spark.sql.execution.command.AlterTableRenameCommand;
import org.apache.spark.sql.execution.command.AlterTableRenamePartitionCommand;
import org.apache.spark.sql.execution.command.AlterTableSerDePropertiesCommand;
import org.apache.spark.sql.execution.command.AlterTableSetLocationCommand;
import org.apache.spark.sql.execution.command.AlterTableSetPropertiesCommand;
import org.apache.spark.sql.execution.command.AlterTableUnsetPropertiesCommand;
import org.apache.spark.sql.execution.command.AlterViewAsCommand;
import org.apache.spark.sql.execution.command.AnalyzeColumnCommand;
import org.apache.spark.sql.execution.command.AnalyzePartitionCommand;
import org.apache.spark.sql.execution.command.AnalyzeTableCommand;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import org.apache.spark.sql.execution.command.CreateDataSourceTableCommand;
import org.apache.spark.sql.execution.command.CreateFunctionCommand;
import org.apache.spark.sql.execution.command.CreateTableCommand;
import org.apache.spark.sql.execution.command.CreateTableLikeCommand;
import org.apache.spark.sql.execution.command.CreateViewCommand;
import org.apache.spark.sql.execution.command.DescribeColumnCommand;
import org.apache.spark.sql.execution.command.DropFunctionCommand;
import org.apache.spark.sql.execution.command.DropTableCommand;
import org.apache.spark.sql.execution.command.InsertIntoDataSourceDirCommand;
import org.apache.spark.sql.execution.command.LoadDataCommand;
import org.apache.spark.sql.execution.command.RepairTableCommand;
import org.apache.spark.sql.execution.command.ShowCreateTableAsSerdeCommand;
import org.apache.spark.sql.execution.command.ShowCreateTableCommand;
import org.apache.spark.sql.execution.command.ShowPartitionsCommand;
import org.apache.spark.sql.execution.command.ShowTablePropertiesCommand;
import org.apache.spark.sql.execution.command.TruncateTableCommand;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.hive.execution.CreateHiveTableAsSelectCommand;
import org.apache.spark.sql.hive.execution.InsertIntoHiveDirCommand;
import org.apache.spark.sql.hive.execution.InsertIntoHiveTable;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * The privileges a command needs on what it names, as Ranger's Hive plugin names them, in the session catalog and
 * in DataSource V2 catalogs alike: inserting into, overwriting, truncating, loading data into, and changing rows
 * by {@code UPDATE}, {@code DELETE} or {@code MERGE} need {@code update} on the table; creating a table or view
 * (CTAS too) {@code create}; replacing one {@code create} and {@code drop}; dropping one {@code drop}; altering or
 * renaming one {@code alter} (and {@code create} on the new name); databases likewise; {@code CREATE TABLE LIKE}
 * {@code select} on the original. Paths: writing files outside the catalog needs {@code write} on the
 * {@code url}, {@code LOAD DATA} {@code read}, a {@code LOCATION} given to a table or database {@code read} and
 * {@code write}. Showing a table's definition, properties or partitions needs {@code select} on it, describing one
 * column {@code select} on the column; {@link io.lakegate.spark.authz.listing.ColumnListings} answers for DESCRIBE TABLE and SHOW COLUMNS.
 */
public final class CommandPrivileges {
    private static final String UPDATE = "update";
    private static final String CREATE = "create";
    private static final String DROP = "drop";
    private static final String ALTER = "alter";
    private static final String WRITE = "write";
    private static final String SELECT = "select";
    private static final String READ = "read";
    private static final String TEMPUDFADMIN = "tempudfadmin";
    private static final String SERVICEADMIN = "serviceadmin";
    private static final String ICEBERG_CALL = "org.apache.spark.sql.catalyst.plans.logical.Call";

    private CommandPrivileges() {}

    public static List<CommandPrivilege> of(LogicalPlan plan, Configuration hadoopConf) {
        // Every statement below is a command; a query's plan would fail each of the many checks, on every
        // optimizer iteration.
        if (!(plan instanceof Command)) {
            return List.of();
        }
        List<CommandPrivilege> sessionCatalog = sessionCatalogCommand(plan, hadoopConf);
        if (!sessionCatalog.isEmpty()) {
            return sessionCatalog;
        }
        List<CommandPrivilege> ddl = sessionCatalogDdl(plan, hadoopConf);
        return ddl.isEmpty() ? v2Command(plan, hadoopConf) : ddl;
    }

    private static List<CommandPrivilege> sessionCatalogCommand(LogicalPlan plan, Configuration hadoopConf) {
        if (plan instanceof InsertIntoHiveTable insert) {
            return List.of(new CommandPrivilege(
                    UPDATE, CatalogTables.name(insert.table()).resource()));
        }
        if (plan instanceof InsertIntoHadoopFsRelationCommand insert) {
            return List.of(
                    insert.catalogTable().isDefined()
                            ? new CommandPrivilege(
                                    UPDATE,
                                    CatalogTables.name(insert.catalogTable().get())
                                            .resource())
                            : new CommandPrivilege(
                                    WRITE,
                                    RangerResource.url(insert.outputPath().toString())));
        }
        if (plan instanceof TruncateTableCommand truncate) {
            return List.of(new CommandPrivilege(UPDATE, table(truncate.tableName())));
        }
        if (plan instanceof CreateHiveTableAsSelectCommand create) {
            return created(create.tableDesc(), hadoopConf);
        }
        if (plan instanceof CreateDataSourceTableAsSelectCommand create) {
            return created(create.table(), hadoopConf);
        }
        if (plan instanceof CreateTableCommand create) {
            return created(create.table(), hadoopConf);
        }
        if (plan instanceof CreateDataSourceTableCommand create) {
            return created(create.table(), hadoopConf);
        }
        if (plan instanceof DropTableCommand drop) {
            return List.of(new CommandPrivilege(DROP, table(drop.tableName())));
        }
        if (plan instanceof DescribeColumnCommand describe) {
            List<String> parts = JavaConverters.seqAsJavaList(describe.colNameParts());
            return List.of(new CommandPrivilege(
                    SELECT, CatalogTables.name(describe.table()).column(parts.get(parts.size() - 1))));
        }
        if (plan instanceof ShowCreateTableCommand show) {
            return List.of(new CommandPrivilege(SELECT, table(show.table())));
        }
        if (plan instanceof ShowCreateTableAsSerdeCommand show) {
            return List.of(new CommandPrivilege(SELECT, table(show.table())));
        }
        if (plan instanceof ShowTablePropertiesCommand show) {
            return List.of(new CommandPrivilege(SELECT, table(show.table())));
        }
        if (plan instanceof ShowPartitionsCommand show) {
            return List.of(new CommandPrivilege(SELECT, table(show.tableName())));
        }
        if (plan instanceof InsertIntoDataSourceDirCommand insert) {
            return directory(insert.storage(), hadoopConf);
        }
        if (plan instanceof InsertIntoHiveDirCommand insert) {
            return directory(insert.storage(), hadoopConf);
        }
        if (plan instanceof CreateFunctionCommand create) {
            return createdFunction(create);
        }
        // A jar, file or archive added to the session is code and data of the user's choosing in the engine, as a
        // temporary function's class is.
        if (plan instanceof AddJarsCommand || plan instanceof AddFilesCommand || plan instanceof AddArchivesCommand) {
            return List.of(new CommandPrivilege(TEMPUDFADMIN, RangerResource.global()));
        }
        if (plan instanceof DropFunctionCommand drop && !drop.isTemp()) {
            return List.of(new CommandPrivilege(DROP, udf(drop.identifier())));
        }
        if (plan instanceof LoadDataCommand load) {
            String path = load.isLocal()
                    ? Locations.local(load.path(), hadoopConf)
                    : Locations.qualified(load.path(), hadoopConf);
            return List.of(
                    new CommandPrivilege(UPDATE, table(load.table())),
                    new CommandPrivilege(READ, RangerResource.url(path)));
        }
        return List.of();
    }

    // ALTER and views of the session catalog: Spark turns them into V1 commands naming tables by identifier.
    private static List<CommandPrivilege> sessionCatalogDdl(LogicalPlan plan, Configuration hadoopConf) {
        if (plan instanceof AlterTableAddColumnsCommand alter) {
            return List.of(new CommandPrivilege(ALTER, table(alter.table())));
        }
        if (plan instanceof AlterTableChangeColumnCommand alter) {
            return List.of(new CommandPrivilege(ALTER, table(alter.tableName())));
        }
        if (plan instanceof AlterTableSetPropertiesCommand alter) {
            return List.of(new CommandPrivilege(ALTER, table(alter.tableName())));
        }
        if (plan instanceof AlterTableUnsetPropertiesCommand alter) {
            return List.of(new CommandPrivilege(ALTER, table(alter.tableName())));
        }
        if (plan instanceof AlterTableSerDePropertiesCommand alter) {
            // A data source table reads the files under its "path" property.
            List<CommandPrivilege> privileges = List.of(new CommandPrivilege(ALTER, table(alter.tableName())));
            Option<String> path = alter.serdeProperties().isDefined()
                    ? alter.serdeProperties().get().get("path")
                    : Option.empty();
            return path.isDefined() ? withLocation(privileges, path.get(), hadoopConf) : privileges;
        }
        // Statistics are written to the table's metadata, and read by the optimizer and DESCRIBE for everyone.
        if (plan instanceof AnalyzeTableCommand analyze) {
            return List.of(new CommandPrivilege(UPDATE, table(analyze.tableIdent())));
        }
        if (plan instanceof AnalyzeColumnCommand analyze) {
            return List.of(new CommandPrivilege(UPDATE, table(analyze.tableIdent())));
        }
        if (plan instanceof AnalyzePartitionCommand analyze) {
            return List.of(new CommandPrivilege(UPDATE, table(analyze.tableIdent())));
        }
        if (plan instanceof AlterTableAddPartitionCommand alter) {
            List<CommandPrivilege> privileges = List.of(new CommandPrivilege(ALTER, table(alter.tableName())));
            for (Tuple2<scala.collection.immutable.Map<String, String>, Option<String>> partition :
                    JavaConverters.seqAsJavaList(alter.partitionSpecsAndLocs())) {
                if (partition._2().isDefined()) {
                    privileges = withLocation(privileges, partition._2().get(), hadoopConf);
                }
            }
            return privileges;
        }
        if (plan instanceof AlterTableDropPartitionCommand alter) {
            return List.of(new CommandPrivilege(ALTER, table(alter.tableName())));
        }
        if (plan instanceof AlterTableRenamePartitionCommand alter) {
            return List.of(new CommandPrivilege(ALTER, table(alter.tableName())));
        }
        if (plan instanceof RepairTableCommand repair) {
            return List.of(new CommandPrivilege(ALTER, table(repair.tableName())));
        }
        if (plan instanceof AlterTableSetLocationCommand alter) {
            return withLocation(
                    List.of(new CommandPrivilege(ALTER, table(alter.tableName()))), alter.location(), hadoopConf);
        }
        if (plan instanceof AlterTableRenameCommand rename) {
            TableName from = CatalogTables.name(rename.oldName());
            String toDatabase = rename.newName().database().isDefined()
                    ? rename.newName().database().get()
                    : from.database();
            return List.of(
                    new CommandPrivilege(ALTER, from.resource()),
                    new CommandPrivilege(
                            CREATE, new TableName(toDatabase, rename.newName().table()).resource()));
        }
        if (plan instanceof CreateViewCommand create && create.viewType() == PersistedView$.MODULE$) {
            return create.replace()
                    ? List.of(
                            new CommandPrivilege(CREATE, table(create.name())),
                            new CommandPrivilege(DROP, table(create.name())))
                    : List.of(new CommandPrivilege(CREATE, table(create.name())));
        }
        if (plan instanceof AlterViewAsCommand alter) {
            return List.of(new CommandPrivilege(ALTER, table(alter.name())));
        }
        if (plan instanceof CreateTableLikeCommand create) {
            List<CommandPrivilege> privileges = List.of(
                    new CommandPrivilege(CREATE, table(create.targetTable())),
                    new CommandPrivilege(SELECT, table(create.sourceTable())));
            Optional<String> location = location(create.fileFormat());
            return location.isPresent() ? withLocation(privileges, location.get(), hadoopConf) : privileges;
        }
        if (plan instanceof AlterDatabasePropertiesCommand alter) {
            return List.of(new CommandPrivilege(ALTER, RangerResource.database(alter.databaseName())));
        }
        if (plan instanceof AlterDatabaseSetLocationCommand alter) {
            return withLocation(
                    List.of(new CommandPrivilege(ALTER, RangerResource.database(alter.databaseName()))),
                    alter.location(),
                    hadoopConf);
        }
        return List.of();
    }

    /**
     * The query of a permanent view being created or redefined, whose reads the creator must be allowed: a view
     * is authorized as itself when read, so it must not be a way around its tables' policies.
     */
    public static Optional<LogicalPlan> viewQuery(LogicalPlan plan) {
        if (plan instanceof CreateViewCommand create && create.viewType() == PersistedView$.MODULE$) {
            return Optional.of(create.plan());
        }
        if (plan instanceof AlterViewAsCommand alter) {
            return Optional.of(alter.query());
        }
        return Optional.empty();
    }

    // Spark keeps these as V2 plans for the session catalog too.
    private static List<CommandPrivilege> v2Command(LogicalPlan plan, Configuration hadoopConf) {
        // Iceberg's stored procedures (CALL catalog.system.expire_snapshots(...), rollback_to_snapshot, add_files,
        // ...) change tables' history and files in ways no table privilege describes: Ranger's Hive service keeps
        // such operations to serviceadmin.
        if (plan.getClass().getName().equals(ICEBERG_CALL)) {
            return List.of(new CommandPrivilege(SERVICEADMIN, RangerResource.hiveService()));
        }
        if (plan instanceof V2WriteCommand write) {
            return writeTarget(write.table())
                    .map(target -> List.of(new CommandPrivilege(UPDATE, target.resource())))
                    .orElse(List.of());
        }
        if (plan instanceof DeleteFromTable delete) {
            return updated(delete.table());
        }
        if (plan instanceof UpdateTable update) {
            return updated(update.table());
        }
        if (plan instanceof MergeIntoTable merge) {
            return updated(merge.targetTable());
        }
        if (plan instanceof DeleteFromTableWithFilters delete) {
            return updated(delete.table());
        }
        if (plan instanceof CreateTableAsSelect create) {
            return withLocation(onIdentifier(create.name(), CREATE), create.tableSpec(), hadoopConf);
        }
        if (plan instanceof CreateTable create) {
            return withLocation(onIdentifier(create.name(), CREATE), create.tableSpec(), hadoopConf);
        }
        if (plan instanceof ReplaceTableAsSelect replace) {
            return withLocation(onIdentifier(replace.name(), CREATE, DROP), replace.tableSpec(), hadoopConf);
        }
        if (plan instanceof ReplaceTable replace) {
            return withLocation(onIdentifier(replace.name(), CREATE, DROP), replace.tableSpec(), hadoopConf);
        }
        if (plan instanceof DropTable drop) {
            return onIdentifier(drop.child(), DROP);
        }
        if (plan instanceof TruncateTable truncate) {
            return onTable(truncate.table(), UPDATE);
        }
        if (plan instanceof TruncatePartition truncate) {
            return onTable(truncate.table(), UPDATE);
        }
        if (plan instanceof ShowPartitions show) {
            return onTable(show.table(), SELECT);
        }
        if (plan instanceof V2PartitionCommand partitions) {
            return onTable(partitions.table(), ALTER);
        }
        if (plan instanceof SetTableLocation set) {
            return withLocation(onTable(set.table(), ALTER), set.location(), hadoopConf);
        }
        if (plan instanceof AlterTableCommand alter) {
            return onTable(alter.table(), ALTER);
        }
        if (plan instanceof RenameTable rename && rename.child() instanceof ResolvedTable resolved) {
            List<String> newName = JavaConverters.seqAsJavaList(rename.newName());
            return List.of(
                    new CommandPrivilege(
                            ALTER, CatalogTables.name(resolved.identifier()).resource()),
                    new CommandPrivilege(
                            CREATE,
                            CatalogTables.name(Identifier.of(
                                            newName.subList(0, newName.size() - 1)
                                                    .toArray(String[]::new),
                                            newName.get(newName.size() - 1)))
                                    .resource()));
        }
        if (plan instanceof DescribeColumn describe
                && describe.relation() instanceof ResolvedTable resolved
                && describe.column() instanceof Attribute column) {
            return List.of(new CommandPrivilege(
                    SELECT, CatalogTables.name(resolved.identifier()).column(column.name())));
        }
        if (plan instanceof ShowCreateTable show) {
            return onTable(show.child(), SELECT);
        }
        if (plan instanceof ShowTableProperties show) {
            return onTable(show.table(), SELECT);
        }
        if (plan instanceof CreateNamespace create) {
            return onNamespace(create.name(), CREATE);
        }
        if (plan instanceof DropNamespace drop) {
            return onNamespace(drop.namespace(), DROP);
        }
        if (plan instanceof SetNamespaceProperties set) {
            return onNamespace(set.namespace(), ALTER);
        }
        if (plan instanceof SetNamespaceLocation set) {
            return onNamespace(set.namespace(), ALTER);
        }
        if (plan instanceof CommentOnNamespace comment) {
            return onNamespace(comment.child(), ALTER);
        }
        return List.of();
    }

    /**
     * The catalog table a V2 write or row-level command changes; empty for a V2 source outside any catalog or a
     * table written by path, which {@link RefusedSources} refuses.
     */
    public static Optional<TableName> targetOf(LogicalPlan target) {
        LogicalPlan relation = EliminateSubqueryAliases.apply(target);
        if (relation instanceof DataSourceV2Relation v2
                && v2.identifier().isDefined()
                && CatalogTables.location(v2.identifier().get()).isEmpty()) {
            return Optional.of(CatalogTables.name(v2.identifier().get()));
        }
        return Optional.empty();
    }

    public static Optional<TableName> writeTarget(NamedRelation target) {
        return target instanceof LogicalPlan plan ? targetOf(plan) : Optional.empty();
    }

    private static List<CommandPrivilege> updated(LogicalPlan target) {
        return targetOf(target)
                .map(name -> List.of(new CommandPrivilege(UPDATE, name.resource())))
                .orElse(List.of());
    }

    private static List<CommandPrivilege> onIdentifier(LogicalPlan name, String... accessTypes) {
        if (name instanceof ResolvedIdentifier resolved) {
            return privileges(CatalogTables.name(resolved.identifier()).resource(), accessTypes);
        }
        return List.of();
    }

    private static List<CommandPrivilege> onTable(LogicalPlan table, String accessType) {
        if (table instanceof ResolvedTable resolved) {
            return privileges(CatalogTables.name(resolved.identifier()).resource(), accessType);
        }
        return List.of();
    }

    private static List<CommandPrivilege> onNamespace(LogicalPlan namespace, String accessType) {
        if (namespace instanceof ResolvedNamespace resolved) {
            List<String> parts = JavaConverters.seqAsJavaList(resolved.namespace());
            if (parts.size() != 1) {
                throw new AccessControlException("Permission denied: namespace [" + String.join(".", parts)
                        + "] is not a single-level database, which is all Ranger's Hive service can name; Lakegate"
                        + " refuses it");
            }
            return privileges(RangerResource.database(parts.get(0)), accessType);
        }
        return List.of();
    }

    private static List<CommandPrivilege> privileges(RangerResource resource, String... accessTypes) {
        return Arrays.stream(accessTypes)
                .map(accessType -> new CommandPrivilege(accessType, resource))
                .toList();
    }

    /*
     * A temporary function runs a class of the user's choosing in the engine: Hive keeps it to administrators, and
     * Ranger's Hive plugin to holders of tempudfadmin. One named like a built-in would replace the built-in for
     * the session, and with it the functions Ranger's masks and row filters call (sha2 turned into identity shows
     * the hashed value): refused for everyone.
     */
    private static List<CommandPrivilege> createdFunction(CreateFunctionCommand create) {
        if (!create.isTemp()) {
            return List.of(new CommandPrivilege(CREATE, udf(create.identifier())));
        }
        FunctionIdentifier name = FunctionIdentifier.apply(create.identifier().funcName());
        if (FunctionRegistry$.MODULE$.builtin().functionExists(name)) {
            throw new AccessControlException("Permission denied: temporary function [" + name.funcName() + "] would"
                    + " replace Spark's built-in function of that name, which Ranger's masks and row filters use");
        }
        return List.of(new CommandPrivilege(TEMPUDFADMIN, RangerResource.global()));
    }

    private static RangerResource udf(FunctionIdentifier function) {
        return RangerResource.udf(
                function.database().isDefined() ? function.database().get() : "default", function.funcName());
    }

    // A table given a LOCATION reads and writes whatever files are there.
    private static List<CommandPrivilege> created(CatalogTable table, Configuration hadoopConf) {
        List<CommandPrivilege> create =
                List.of(new CommandPrivilege(CREATE, CatalogTables.name(table).resource()));
        Optional<String> location = location(table.storage());
        return location.isPresent() ? withLocation(create, location.get(), hadoopConf) : create;
    }

    // A data source table takes its location from OPTIONS (path ...) as well as from LOCATION.
    private static Optional<String> location(CatalogStorageFormat storage) {
        Option<URI> uri = storage.locationUri();
        if (uri.isDefined()) {
            return Optional.of(uri.get().toString());
        }
        Option<String> path = storage.properties().get("path");
        return path.isDefined() ? Optional.of(path.get()) : Optional.empty();
    }

    private static List<CommandPrivilege> withLocation(
            List<CommandPrivilege> privileges, TableSpecBase spec, Configuration hadoopConf) {
        return spec.location().isDefined() && !privileges.isEmpty()
                ? withLocation(privileges, spec.location().get(), hadoopConf)
                : privileges;
    }

    private static List<CommandPrivilege> withLocation(
            List<CommandPrivilege> privileges, String location, Configuration hadoopConf) {
        RangerResource url = RangerResource.url(Locations.qualified(location, hadoopConf));
        List<CommandPrivilege> result = new ArrayList<>(privileges);
        result.add(new CommandPrivilege(READ, url));
        result.add(new CommandPrivilege(WRITE, url));
        return List.copyOf(result);
    }

    private static List<CommandPrivilege> directory(CatalogStorageFormat storage, Configuration hadoopConf) {
        Option<URI> location = storage.locationUri();
        return location.isDefined()
                ? List.of(new CommandPrivilege(
                        WRITE,
                        RangerResource.url(Locations.qualified(location.get().toString(), hadoopConf))))
                : List.of();
    }

    private static RangerResource table(TableIdentifier identifier) {
        return CatalogTables.name(identifier).resource();
    }
}
