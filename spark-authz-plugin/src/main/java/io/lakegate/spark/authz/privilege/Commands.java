package io.lakegate.spark.authz.privilege;

import static io.lakegate.spark.authz.privilege.CommandPrivilege.on;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakegate.ranger.RangerResource;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.TableName;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.EliminateSubqueryAliases;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.catalyst.analysis.NamedRelation;
import org.apache.spark.sql.catalyst.analysis.PartitionSpec;
import org.apache.spark.sql.catalyst.analysis.PersistedView$;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedPartitionSpec;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.FunctionResource;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.AddColumns;
import org.apache.spark.sql.catalyst.plans.logical.AddPartitions;
import org.apache.spark.sql.catalyst.plans.logical.AlterColumn;
import org.apache.spark.sql.catalyst.plans.logical.AppendData;
import org.apache.spark.sql.catalyst.plans.logical.CacheTable;
import org.apache.spark.sql.catalyst.plans.logical.CacheTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.CommentOnNamespace;
import org.apache.spark.sql.catalyst.plans.logical.CommentOnTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateNamespace;
import org.apache.spark.sql.catalyst.plans.logical.CreateTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTable;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTableWithFilters;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.DropColumns;
import org.apache.spark.sql.catalyst.plans.logical.DropNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DropPartitions;
import org.apache.spark.sql.catalyst.plans.logical.DropTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.MergeIntoTable;
import org.apache.spark.sql.catalyst.plans.logical.NoopCommand;
import org.apache.spark.sql.catalyst.plans.logical.OverwriteByExpression;
import org.apache.spark.sql.catalyst.plans.logical.OverwritePartitionsDynamic;
import org.apache.spark.sql.catalyst.plans.logical.RecoverPartitions;
import org.apache.spark.sql.catalyst.plans.logical.RefreshTable;
import org.apache.spark.sql.catalyst.plans.logical.RenameColumn;
import org.apache.spark.sql.catalyst.plans.logical.RenamePartitions;
import org.apache.spark.sql.catalyst.plans.logical.RenameTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceColumns;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceData;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.SetCatalogAndNamespace;
import org.apache.spark.sql.catalyst.plans.logical.SetNamespaceLocation;
import org.apache.spark.sql.catalyst.plans.logical.SetNamespaceProperties;
import org.apache.spark.sql.catalyst.plans.logical.SetTableLocation;
import org.apache.spark.sql.catalyst.plans.logical.SetTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.SetTableSerDeProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableExtended;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.TableSpecBase;
import org.apache.spark.sql.catalyst.plans.logical.TruncatePartition;
import org.apache.spark.sql.catalyst.plans.logical.TruncateTable;
import org.apache.spark.sql.catalyst.plans.logical.UncacheTable;
import org.apache.spark.sql.catalyst.plans.logical.UnsetTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;
import org.apache.spark.sql.catalyst.plans.logical.WriteDelta;
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
import org.apache.spark.sql.execution.command.AnalyzeTablesCommand;
import org.apache.spark.sql.execution.command.ClearCacheCommand$;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import org.apache.spark.sql.execution.command.CreateDataSourceTableCommand;
import org.apache.spark.sql.execution.command.CreateDatabaseCommand;
import org.apache.spark.sql.execution.command.CreateFunctionCommand;
import org.apache.spark.sql.execution.command.CreateTableCommand;
import org.apache.spark.sql.execution.command.CreateTableLikeCommand;
import org.apache.spark.sql.execution.command.CreateViewCommand;
import org.apache.spark.sql.execution.command.DescribeColumnCommand;
import org.apache.spark.sql.execution.command.DescribeDatabaseCommand;
import org.apache.spark.sql.execution.command.DescribeFunctionCommand;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.DescribeTableCommand;
import org.apache.spark.sql.execution.command.DropDatabaseCommand;
import org.apache.spark.sql.execution.command.DropFunctionCommand;
import org.apache.spark.sql.execution.command.DropTableCommand;
import org.apache.spark.sql.execution.command.DropTempViewCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.InsertIntoDataSourceDirCommand;
import org.apache.spark.sql.execution.command.ListArchivesCommand;
import org.apache.spark.sql.execution.command.ListFilesCommand;
import org.apache.spark.sql.execution.command.ListJarsCommand;
import org.apache.spark.sql.execution.command.LoadDataCommand;
import org.apache.spark.sql.execution.command.RefreshFunctionCommand;
import org.apache.spark.sql.execution.command.RefreshTableCommand;
import org.apache.spark.sql.execution.command.RepairTableCommand;
import org.apache.spark.sql.execution.command.ResetCommand;
import org.apache.spark.sql.execution.command.SetCatalogCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.command.SetNamespaceCommand;
import org.apache.spark.sql.execution.command.ShowCatalogsCommand;
import org.apache.spark.sql.execution.command.ShowColumnsCommand;
import org.apache.spark.sql.execution.command.ShowCreateTableAsSerdeCommand;
import org.apache.spark.sql.execution.command.ShowCreateTableCommand;
import org.apache.spark.sql.execution.command.ShowCurrentNamespaceCommand;
import org.apache.spark.sql.execution.command.ShowFunctionsCommand;
import org.apache.spark.sql.execution.command.ShowPartitionsCommand;
import org.apache.spark.sql.execution.command.ShowTablePropertiesCommand;
import org.apache.spark.sql.execution.command.ShowTablesCommand;
import org.apache.spark.sql.execution.command.ShowViewsCommand;
import org.apache.spark.sql.execution.command.TruncateTableCommand;
import org.apache.spark.sql.execution.datasources.CreateTempViewUsing;
import org.apache.spark.sql.execution.datasources.DataSource;
import org.apache.spark.sql.execution.datasources.FileFormat;
import org.apache.spark.sql.execution.datasources.InsertIntoDataSourceCommand;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.datasources.RefreshResource;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.execution.datasources.v2.FileDataSourceV2;
import org.apache.spark.sql.hive.execution.CreateHiveTableAsSelectCommand;
import org.apache.spark.sql.hive.execution.InsertIntoHiveDirCommand;
import org.apache.spark.sql.hive.execution.InsertIntoHiveTable;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Every command Lakegate knows, and what it needs, as data: one entry per command class, naming the privileges it
 * needs on what it names (as Ranger's Hive plugin names them), the queries whose reads it performs, the tables the
 * user must see whole (unfiltered and unmasked) because the command writes back what it reads of them, and the
 * table it creates (whose own location its internal statements then write without a privilege of their own). A
 * command that is not here is refused (see {@link AuthorizeStatement}); a new command is one entry.
 *
 * <p>Privileges in short: inserting, overwriting, truncating, loading into, and changing rows need {@code update};
 * creating {@code create} (replacing also {@code drop}); dropping {@code drop}; altering and renaming {@code alter}
 * (and {@code create} on the new name); showing a definition {@code select}; a location a user gives a table or
 * database {@code read} and {@code write} on the {@code url}; files written outside the catalog {@code write};
 * files loaded {@code read}; code of the user's choosing ({@code ADD JAR}, temporary functions) {@code tempudfadmin}
 * on {@code global}; Iceberg's procedures {@code serviceadmin}.
 */
public final class Commands {
    static final String SELECT = "select";
    static final String UPDATE = "update";
    static final String CREATE = "create";
    static final String DROP = "drop";
    static final String ALTER = "alter";
    static final String READ = "read";
    static final String WRITE = "write";
    static final String ANY = "_any";
    static final String TEMPUDFADMIN = "tempudfadmin";
    static final String SERVICEADMIN = "serviceadmin";

    // Iceberg's SQL extensions: their plans are only on the classpath where Iceberg is.
    private static final String ICEBERG = "org.apache.spark.sql.catalyst.plans.logical.";
    private static final List<String> ICEBERG_TABLE_DDL = List.of(
            "AddPartitionField",
            "DropPartitionField",
            "ReplacePartitionField",
            "SetWriteDistributionAndOrdering",
            "SetIdentifierFields",
            "DropIdentifierFields",
            "CreateOrReplaceBranch",
            "CreateOrReplaceTag",
            "DropBranch",
            "DropTag");

    private static final List<String> ICEBERG_LOCATION_PROPERTIES =
            List.of("write.data.path", "write.metadata.path", "write.object-storage.path", "write.folder-storage.path");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Entry<?>> KNOWN = known();

    private Commands() {}

    /** What {@code command} needs, if Lakegate knows it. */
    public static Optional<Known> of(LogicalPlan command) {
        @SuppressWarnings("unchecked")
        Entry<LogicalPlan> entry =
                (Entry<LogicalPlan>) KNOWN.get(command.getClass().getName());
        return Optional.ofNullable(entry).map(found -> new Known(found, command));
    }

    /** A known command and its entry. */
    public static final class Known {
        private final Entry<LogicalPlan> entry;
        private final LogicalPlan command;

        private Known(Entry<LogicalPlan> entry, LogicalPlan command) {
            this.entry = entry;
            this.command = command;
        }

        List<CommandPrivilege> privileges(CommandContext context) {
            return entry.privileges.of(command, context);
        }

        List<LogicalPlan> queries(CommandContext context) {
            return entry.queries.of(command, context);
        }

        List<TableRead> reads(CommandContext context) {
            return entry.reads.of(command, context);
        }

        List<Whole> seenWhole(CommandContext context) {
            return entry.seenWhole.of(command, context);
        }

        Optional<TableName> overwritten(CommandContext context) {
            return entry.overwritten.of(command, context);
        }

        Optional<Created> created(CommandContext context) {
            return entry.created.of(command, context);
        }

        /** USE, SET CATALOG: no privilege, and so no user, to check. */
        boolean decidesNothing() {
            return entry.decidesNothing;
        }
    }

    /**
     * A table (with its columns) a command must see whole, since it writes back what it reads of it: what it does,
     * and what a row filter or mask would make of that.
     */
    record Whole(TableName table, List<String> columns, String action, String consequence) {}

    /** A table a command creates, and the location Spark writes its data to when the catalog chooses it. */
    record Created(TableName table, Optional<String> managedLocation) {}

    @FunctionalInterface
    private interface Part<C, T> {
        T of(C command, CommandContext context);
    }

    private static final class Entry<C extends LogicalPlan> {
        private Part<C, List<CommandPrivilege>> privileges = (command, context) -> List.of();
        private Part<C, List<LogicalPlan>> queries = (command, context) -> List.of();
        private Part<C, List<TableRead>> reads = (command, context) -> List.of();
        private Part<C, List<Whole>> seenWhole = (command, context) -> List.of();
        private Part<C, Optional<TableName>> overwritten = (command, context) -> Optional.empty();
        private Part<C, Optional<Created>> created = (command, context) -> Optional.empty();
        private boolean decidesNothing;

        Entry<C> privileges(Part<C, List<CommandPrivilege>> part) {
            privileges = part;
            return this;
        }

        Entry<C> queries(Part<C, List<LogicalPlan>> part) {
            queries = part;
            return this;
        }

        Entry<C> reads(Part<C, List<TableRead>> part) {
            reads = part;
            return this;
        }

        Entry<C> seenWhole(Part<C, List<Whole>> part) {
            seenWhole = part;
            return this;
        }

        Entry<C> overwritten(Part<C, Optional<TableName>> part) {
            overwritten = part;
            return this;
        }

        Entry<C> created(Part<C, Optional<Created>> part) {
            created = part;
            return this;
        }
    }

    private static final class Table {
        private final Map<String, Entry<?>> entries = new HashMap<>();

        <C extends LogicalPlan> Entry<C> command(Class<C> type) {
            Entry<C> entry = new Entry<>();
            if (entries.put(type.getName(), entry) != null) {
                throw new IllegalStateException("Two entries for " + type.getName());
            }
            return entry;
        }

        /** Commands that need no privilege: they show or change only what belongs to the session. */
        void none(List<Class<? extends LogicalPlan>> types) {
            types.forEach(this::command);
        }

        /**
         * USE and its kin: they move the session's current catalog and namespace and nothing else, so they need no
         * user either (Spark Thrift Server opens a session with USE before the session has one).
         */
        void sessionPosition(List<Class<? extends LogicalPlan>> types) {
            types.forEach(type -> command(type).decidesNothing = true);
        }

        Entry<LogicalPlan> byName(String className) {
            Entry<LogicalPlan> entry = new Entry<>();
            entries.put(className, entry);
            return entry;
        }
    }

    private static Map<String, Entry<?>> known() {
        Table table = new Table();

        // Session: settings, caches, the current catalog, resources added, temporary views. SET and RESET are checked
        // against the restricted keys.
        table.command(SetCommand.class).privileges((set, context) -> {
            if (set.kv().isDefined() && set.kv().get()._2().isDefined()) {
                context.authz()
                        .config()
                        .restrictedSettings()
                        .checkSet(set.kv().get()._1());
            }
            return List.of();
        });
        table.command(ResetCommand.class).privileges((reset, context) -> {
            context.authz()
                    .config()
                    .restrictedSettings()
                    .checkReset(
                            Optional.ofNullable(
                                    reset.config().isDefined() ? reset.config().get() : null),
                            context.session().sessionState().conf(),
                            context.authz().startupConf());
            return List.of();
        });
        // USE: every statement is checked for what it does, wherever the session stands.
        table.sessionPosition(
                List.of(SetCatalogCommand.class, SetNamespaceCommand.class, SetCatalogAndNamespace.class));
        table.none(List.of(
                ClearCacheCommand$.class,
                CacheTable.class,
                CacheTableAsSelect.class,
                UncacheTable.class,
                RefreshResource.class,
                RefreshFunctionCommand.class,
                ShowCatalogsCommand.class,
                ShowCurrentNamespaceCommand.class,
                DropTempViewCommand.class,
                ListJarsCommand.class,
                ListFilesCommand.class,
                ListArchivesCommand.class,
                NoopCommand.class,
                // Listings show only what the user may see: see the listing package.
                ShowTablesCommand.class,
                ShowTables.class,
                ShowTableExtended.class,
                ShowViewsCommand.class,
                ShowNamespaces.class,
                ShowFunctionsCommand.class,
                ShowColumnsCommand.class,
                ShowColumns.class,
                // The plan explained is planned, and so authorized, by the rules as it would run.
                ExplainCommand.class));
        // Code of the user's choosing, run with the engine's rights.
        for (Class<? extends LogicalPlan> add :
                List.of(AddJarsCommand.class, AddFilesCommand.class, AddArchivesCommand.class)) {
            table.command(add).privileges((command, context) -> List.of(on(TEMPUDFADMIN, RangerResource.global())));
        }

        // Writes.
        table.command(InsertIntoHiveTable.class)
                .privileges((insert, context) -> inserted(CatalogTables.name(insert.table()), context))
                .overwritten((insert, context) ->
                        insert.overwrite() ? Optional.of(CatalogTables.name(insert.table())) : none());
        table.command(InsertIntoHadoopFsRelationCommand.class)
                .privileges((insert, context) -> insert.catalogTable().isDefined()
                        ? inserted(CatalogTables.name(insert.catalogTable().get()), context)
                        : writtenFiles(insert.outputPath().toString(), context))
                .overwritten((insert, context) -> insert.catalogTable().isDefined()
                                && insert.mode() == SaveMode.Overwrite
                        ? Optional.of(CatalogTables.name(insert.catalogTable().get()))
                        : none());
        table.command(InsertIntoDataSourceCommand.class)
                .privileges((insert, context) -> {
                    if (insert.logicalRelation().catalogTable().isEmpty()) {
                        throw refused(insert.logicalRelation().relation().toString());
                    }
                    return List.of(on(
                            UPDATE,
                            CatalogTables.name(insert.logicalRelation()
                                            .catalogTable()
                                            .get())
                                    .resource()));
                })
                .overwritten((insert, context) -> insert.overwrite()
                        ? insert.logicalRelation().catalogTable().isDefined()
                                ? Optional.of(CatalogTables.name(
                                        insert.logicalRelation().catalogTable().get()))
                                : none()
                        : none());
        table.command(AppendData.class)
                .privileges(
                        (append, context) -> List.of(on(UPDATE, v2Target(append).resource())));
        for (Class<? extends LogicalPlan> overwrite :
                List.of(OverwriteByExpression.class, OverwritePartitionsDynamic.class)) {
            table.command(overwrite)
                    .privileges((command, context) ->
                            List.of(on(UPDATE, v2Target(command).resource())))
                    .overwritten((command, context) -> Optional.of(v2Target(command)));
        }
        table.command(TruncateTableCommand.class)
                .privileges((truncate, context) -> onTable(truncate.tableName(), UPDATE, context));
        table.command(TruncateTable.class).privileges((truncate, context) -> onResolved(truncate.table(), UPDATE));
        table.command(TruncatePartition.class).privileges((truncate, context) -> onResolved(truncate.table(), UPDATE));
        table.command(LoadDataCommand.class)
                .privileges((load, context) -> List.of(
                        on(UPDATE, context.table(load.table()).resource()),
                        on(
                                READ,
                                RangerResource.url(
                                        load.isLocal()
                                                ? context.localPath(load.path())
                                                : context.location(load.path())))));
        table.command(InsertIntoDataSourceDirCommand.class)
                .privileges((insert, context) -> directory(insert.storage(), false, context))
                .queries((insert, context) -> List.of(insert.query()));
        table.command(InsertIntoHiveDirCommand.class)
                .privileges((insert, context) -> directory(insert.storage(), insert.isLocal(), context));

        // Row-level changes: Spark re-reads the target and writes back what it read. Their conditions and assignments
        // read the target's columns (a DELETE's condition tells which rows hold what), and copy-on-write reads every
        // column: they need select on all of them.
        table.command(DeleteFromTable.class)
                .privileges((c, context) -> updated(c.table()))
                .reads((c, context) -> targetRead(c.table()))
                .seenWhole((c, x) -> target(c.table()));
        table.command(DeleteFromTableWithFilters.class)
                .privileges((c, context) -> updated(c.table()))
                .reads((c, context) -> targetRead(c.table()))
                .seenWhole((c, x) -> target(c.table()));
        table.command(UpdateTable.class)
                .privileges((c, context) -> updated(c.table()))
                .reads((c, context) -> targetRead(c.table()))
                .seenWhole((c, x) -> target(c.table()));
        table.command(MergeIntoTable.class)
                .privileges((c, context) -> updated(c.targetTable()))
                .reads((c, context) -> targetRead(c.targetTable()))
                .seenWhole((c, x) -> target(c.targetTable()));
        table.command(ReplaceData.class)
                .privileges((c, context) -> updated(originalTable(c.originalTable())))
                .reads((c, context) -> targetRead(originalTable(c.originalTable())))
                .seenWhole((c, x) -> target(originalTable(c.originalTable())));
        table.command(WriteDelta.class)
                .privileges((c, context) -> updated(originalTable(c.originalTable())))
                .reads((c, context) -> targetRead(originalTable(c.originalTable())))
                .seenWhole((c, x) -> target(originalTable(c.originalTable())));

        // Statistics are written to the table's metadata, where the optimizer and DESCRIBE read them for everyone:
        // computed through a user's filter or masks, they would describe what that user sees.
        table.command(AnalyzeTableCommand.class)
                .privileges((analyze, context) -> onTable(analyze.tableIdent(), UPDATE, context))
                .seenWhole((analyze, context) -> analysed(context.table(analyze.tableIdent()), context));
        table.command(AnalyzeColumnCommand.class)
                .privileges((analyze, context) -> onTable(analyze.tableIdent(), UPDATE, context))
                .seenWhole((analyze, context) -> analysed(context.table(analyze.tableIdent()), context));
        table.command(AnalyzePartitionCommand.class)
                .privileges((analyze, context) -> onTable(analyze.tableIdent(), UPDATE, context))
                .seenWhole((analyze, context) -> analysed(context.table(analyze.tableIdent()), context));
        table.command(AnalyzeTablesCommand.class)
                .privileges((analyze, context) -> analysedTables(analyze, context).stream()
                        .map(name -> on(UPDATE, name.resource()))
                        .toList())
                .seenWhole((analyze, context) -> analysedTables(analyze, context).stream()
                        .flatMap(name -> analysed(name, context).stream())
                        .toList());

        // Tables: create, replace, drop, alter, rename.
        table.command(CreateTableCommand.class)
                .privileges((create, context) -> created(create.table(), List.of(CREATE), context));
        table.command(CreateDataSourceTableCommand.class).privileges((create, context) -> {
            requireFileProvider(create.table(), context);
            return created(create.table(), List.of(CREATE), context);
        });
        table.command(CreateHiveTableAsSelectCommand.class)
                .privileges((create, context) -> created(create.tableDesc(), List.of(CREATE), context))
                .queries((create, context) -> List.of(create.query()))
                .created((create, context) -> Optional.of(
                        new Created(context.newTable(create.tableDesc().identifier()), Optional.empty())));
        table.command(CreateDataSourceTableAsSelectCommand.class)
                .privileges((create, context) -> {
                    requireFileProvider(create.table(), context);
                    return created(create.table(), List.of(CREATE), context);
                })
                .queries((create, context) -> List.of(create.query()))
                .created((create, context) -> Optional.of(new Created(
                        context.newTable(create.table().identifier()),
                        create.table().tableType() == CatalogTableType.MANAGED()
                                ? Optional.of(context.location(context.catalog()
                                        .defaultTablePath(create.table().identifier())
                                        .toString()))
                                : Optional.empty())));
        table.command(CreateTableLikeCommand.class)
                .privileges((create, context) -> withLocation(
                        List.of(
                                on(
                                        CREATE,
                                        context.newTable(create.targetTable()).resource()),
                                on(SELECT, context.table(create.sourceTable()).resource())),
                        location(create.fileFormat()),
                        context));
        table.command(CreateTable.class)
                .privileges((create, context) ->
                        withLocation(onNewIdentifier(create.name(), context, CREATE), create.tableSpec(), context));
        table.command(CreateTableAsSelect.class)
                .privileges((create, context) ->
                        withLocation(onNewIdentifier(create.name(), context, CREATE), create.tableSpec(), context))
                .queries((create, context) -> List.of(create.query()));
        table.command(ReplaceTable.class)
                .privileges((replace, context) -> withLocation(
                        onNewIdentifier(replace.name(), context, CREATE, DROP), replace.tableSpec(), context));
        table.command(ReplaceTableAsSelect.class)
                .privileges((replace, context) -> withLocation(
                        onNewIdentifier(replace.name(), context, CREATE, DROP), replace.tableSpec(), context))
                .queries((replace, context) -> List.of(replace.query()))
                .overwritten((replace, context) -> replace.name() instanceof ResolvedIdentifier resolved
                        ? Optional.of(CatalogTables.name(resolved.catalog().name(), resolved.identifier()))
                        : none());
        table.command(DropTableCommand.class).privileges((drop, context) -> onTable(drop.tableName(), DROP, context));
        table.command(DropTable.class).privileges((drop, context) -> onNewIdentifier(drop.child(), context, DROP));
        for (Class<? extends LogicalPlan> alter : List.of(
                AlterTableAddColumnsCommand.class,
                AlterTableChangeColumnCommand.class,
                AlterTableSetPropertiesCommand.class,
                AlterTableUnsetPropertiesCommand.class,
                AlterTableDropPartitionCommand.class,
                AlterTableRenamePartitionCommand.class,
                RepairTableCommand.class)) {
            table.command(alter).privileges((command, context) -> {
                TableName altered = context.table(alteredTable(command));
                // A CTAS adds the partitions of the table it creates.
                return command instanceof RepairTableCommand
                                && StatementScope.creates(context.session(), context.user(), altered)
                        ? List.of()
                        : List.of(on(ALTER, altered.resource()));
            });
        }
        table.command(AlterTableSerDePropertiesCommand.class).privileges((alter, context) -> {
            // A data source table reads the files under its "path" property.
            Option<String> path = alter.serdeProperties().isDefined()
                    ? alter.serdeProperties().get().get("path")
                    : Option.empty();
            return withLocation(
                    onTable(alter.tableName(), ALTER, context),
                    path.isDefined() ? Optional.of(path.get()) : Optional.empty(),
                    context);
        });
        table.command(AlterTableSetLocationCommand.class)
                .privileges((alter, context) -> withLocation(
                        onTable(alter.tableName(), ALTER, context), Optional.of(alter.location()), context));
        table.command(AlterTableAddPartitionCommand.class).privileges((alter, context) -> {
            List<CommandPrivilege> privileges = onTable(alter.tableName(), ALTER, context);
            for (Tuple2<scala.collection.immutable.Map<String, String>, Option<String>> partition :
                    JavaConverters.seqAsJavaList(alter.partitionSpecsAndLocs())) {
                if (partition._2().isDefined()) {
                    privileges =
                            withLocation(privileges, Optional.of(partition._2().get()), context);
                }
            }
            return privileges;
        });
        table.command(AlterTableRenameCommand.class).privileges((rename, context) -> {
            TableName from = context.table(rename.oldName());
            TableIdentifier to = rename.newName().database().isDefined()
                    ? rename.newName()
                    : TableIdentifier.apply(rename.newName().table(), Option.apply(from.database()));
            return List.of(
                    on(ALTER, from.resource()), on(CREATE, context.newTable(to).resource()));
        });
        for (Class<? extends LogicalPlan> alter : List.of(
                AddColumns.class,
                AlterColumn.class,
                DropColumns.class,
                RenameColumn.class,
                ReplaceColumns.class,
                CommentOnTable.class,
                UnsetTableProperties.class,
                SetTableSerDeProperties.class,
                RecoverPartitions.class,
                DropPartitions.class,
                RenamePartitions.class)) {
            table.command(alter).privileges((command, context) -> onResolved(resolvedTableOf(command), ALTER));
        }
        table.command(SetTableProperties.class)
                .privileges((set, context) -> withLocationProperties(
                        onResolved(set.table(), ALTER), JavaConverters.mapAsJavaMap(set.properties()), context));
        table.command(AddPartitions.class).privileges((add, context) -> {
            List<CommandPrivilege> privileges = onResolved(add.table(), ALTER);
            for (PartitionSpec partition : JavaConverters.seqAsJavaList(add.parts())) {
                privileges = withLocation(privileges, partitionLocation(partition), context);
            }
            return privileges;
        });
        table.command(SetTableLocation.class)
                .privileges((set, context) ->
                        withLocation(onResolved(set.table(), ALTER), Optional.of(set.location()), context));
        table.command(RenameTable.class).privileges((rename, context) -> {
            if (!(rename.child() instanceof ResolvedTable resolved)) {
                return List.of();
            }
            List<String> newName = JavaConverters.seqAsJavaList(rename.newName());
            return List.of(
                    on(ALTER, name(resolved).resource()),
                    on(CREATE, context.named(newName).resource()));
        });
        table.command(RefreshTableCommand.class)
                .privileges((refresh, context) -> context.isTempView(refresh.tableIdent())
                        ? List.of()
                        : onTable(refresh.tableIdent(), ANY, context));
        table.command(RefreshTable.class).privileges((refresh, context) -> onResolved(refresh.child(), ANY));

        // Views.
        table.command(CreateViewCommand.class)
                .privileges((create, context) -> create.viewType() != PersistedView$.MODULE$
                        ? List.of()
                        : create.replace()
                                ? List.of(
                                        on(
                                                CREATE,
                                                context.newTable(create.name()).resource()),
                                        on(DROP, context.newTable(create.name()).resource()))
                                : List.of(on(
                                        CREATE, context.newTable(create.name()).resource())))
                .queries((create, context) ->
                        create.viewType() == PersistedView$.MODULE$ ? List.of(create.plan()) : List.of());
        // A temporary view belongs to the session: redefining one needs no privilege, and what it reads is checked
        // where it is read, as for CREATE TEMPORARY VIEW.
        table.command(AlterViewAsCommand.class)
                .privileges((alter, context) -> context.isTempView(alter.name())
                        ? List.of()
                        : List.of(on(ALTER, context.table(alter.name()).resource())))
                .queries((alter, context) -> context.isTempView(alter.name()) ? List.of() : List.of(alter.query()));
        // Schema inference reads the files when the view is created.
        table.command(CreateTempViewUsing.class)
                .privileges((create, context) -> readFilesOfSource(create.provider(), create.options(), context));

        // Descriptions of what a statement or a table holds.
        table.command(DescribeColumnCommand.class).privileges((describe, context) -> {
            List<String> parts = JavaConverters.seqAsJavaList(describe.colNameParts());
            return context.isTempView(describe.table())
                    ? List.of()
                    : List.of(on(SELECT, context.table(describe.table()).column(parts.get(parts.size() - 1))));
        });
        table.command(DescribeColumn.class)
                .privileges((describe, context) -> describe.relation() instanceof ResolvedTable resolved
                                && describe.column() instanceof Attribute column
                        ? List.of(on(SELECT, name(resolved).column(column.name())))
                        : List.of());
        table.command(DescribeQueryCommand.class)
                .queries((describe, context) -> List.of(context.session()
                        .sessionState()
                        .executePlan(describe.plan(), org.apache.spark.sql.execution.CommandExecutionMode.SKIP())
                        .analyzed()));
        table.command(ShowCreateTableCommand.class)
                .privileges((show, context) -> onTable(show.table(), SELECT, context));
        table.command(ShowCreateTableAsSerdeCommand.class)
                .privileges((show, context) -> onTable(show.table(), SELECT, context));
        table.command(ShowTablePropertiesCommand.class)
                .privileges((show, context) -> onTable(show.table(), SELECT, context));
        table.command(ShowPartitionsCommand.class)
                .privileges((show, context) -> onTable(show.tableName(), SELECT, context))
                .seenWhole((show, context) -> partitionsOf(context.table(show.tableName()), context));
        table.command(ShowCreateTable.class).privileges((show, context) -> onResolved(show.child(), SELECT));
        table.command(ShowTableProperties.class).privileges((show, context) -> onResolved(show.table(), SELECT));
        table.command(ShowPartitions.class)
                .privileges((show, context) -> onResolved(show.table(), SELECT))
                .seenWhole((show, context) -> partitionsOf(show.table()));
        // Listings of the columns the user may select (see the listing package); of a partition, its location and
        // statistics, and whether it exists.
        table.command(DescribeTableCommand.class)
                .seenWhole((describe, context) ->
                        describe.partitionSpec().isEmpty() || context.isTempView(describe.table())
                                ? List.of()
                                : partitionsOf(context.table(describe.table()), context));
        table.command(DescribeRelation.class)
                .seenWhole((describe, context) ->
                        describe.partitionSpec().isEmpty() ? List.of() : partitionsOf(describe.relation()));

        // Databases.
        table.command(CreateDatabaseCommand.class)
                .privileges((create, context) -> withLocation(
                        List.of(on(CREATE, RangerResource.database(create.databaseName()))),
                        create.path().isDefined() ? Optional.of(create.path().get()) : Optional.empty(),
                        context));
        table.command(CreateNamespace.class)
                .privileges((create, context) -> withLocation(
                        onNamespace(create.name(), CREATE),
                        Optional.ofNullable(JavaConverters.mapAsJavaMap(create.properties())
                                .get(org.apache.spark.sql.connector.catalog.SupportsNamespaces.PROP_LOCATION)),
                        context));
        table.command(DropDatabaseCommand.class)
                .privileges((drop, context) -> List.of(on(DROP, context.database(drop.databaseName()))));
        table.command(DropNamespace.class).privileges((drop, context) -> onNamespace(drop.namespace(), DROP));
        table.command(AlterDatabasePropertiesCommand.class)
                .privileges((alter, context) -> List.of(on(ALTER, context.database(alter.databaseName()))));
        table.command(AlterDatabaseSetLocationCommand.class)
                .privileges((alter, context) -> withLocation(
                        List.of(on(ALTER, context.database(alter.databaseName()))),
                        Optional.of(alter.location()),
                        context));
        table.command(SetNamespaceProperties.class).privileges((set, context) -> onNamespace(set.namespace(), ALTER));
        table.command(SetNamespaceLocation.class)
                .privileges((set, context) ->
                        withLocation(onNamespace(set.namespace(), ALTER), Optional.of(set.location()), context));
        table.command(CommentOnNamespace.class).privileges((comment, context) -> onNamespace(comment.child(), ALTER));
        table.command(DescribeDatabaseCommand.class)
                .privileges((describe, context) -> List.of(on(ANY, context.database(describe.databaseName()))));
        table.command(DescribeNamespace.class)
                .privileges((describe, context) -> onNamespace(describe.namespace(), ANY));

        // Functions.
        table.command(CreateFunctionCommand.class).privileges(Commands::createdFunction);
        table.command(DropFunctionCommand.class)
                .privileges((drop, context) ->
                        drop.isTemp() ? List.of() : List.of(on(DROP, udf(drop.identifier(), context))));
        table.command(DescribeFunctionCommand.class).privileges((describe, context) -> {
            // Temporary and built-in functions have no database; a permanent one is described to whoever may see it.
            String database = describe.info().getDb();
            return database == null || database.isEmpty()
                    ? List.of()
                    : List.of(
                            on(ANY, RangerResource.udf(database, describe.info().getName())));
        });

        // Iceberg.
        // Procedures (CALL catalog.system.expire_snapshots(...), rollback_to_snapshot, add_files, ...) change tables'
        // history and files in ways no table privilege describes: Ranger's Hive service keeps such to serviceadmin.
        table.byName(ICEBERG + "Call")
                .privileges((call, context) -> List.of(on(SERVICEADMIN, RangerResource.hiveService())));
        for (String ddl : ICEBERG_TABLE_DDL) {
            table.byName(ICEBERG + ddl)
                    .privileges((command, context) -> List.of(
                            on(ALTER, context.named(icebergTableName(command)).resource())));
        }
        return Map.copyOf(table.entries);
    }

    // Every branch writes into a table of the catalog; Lakegate knows no other target.
    private static List<CommandPrivilege> inserted(TableName target, CommandContext context) {
        return StatementScope.creates(context.session(), context.user(), target)
                ? List.of()
                : List.of(on(UPDATE, target.resource()));
    }

    // Files written outside the catalog need write on their url, unless they are the data of the table the statement
    // is creating, at the location the catalog chose for it (a CTAS writes them before the table exists).
    private static List<CommandPrivilege> writtenFiles(String path, CommandContext context) {
        String location = context.location(path);
        return StatementScope.createsAt(context.session(), context.user(), location)
                ? List.of()
                : List.of(on(WRITE, RangerResource.url(location)));
    }

    private static TableName v2Target(LogicalPlan write) {
        NamedRelation relation = ((org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand) write).table();
        if (relation instanceof LogicalPlan plan) {
            Optional<TableName> target = targetOf(plan);
            if (target.isPresent()) {
                return target.get();
            }
        }
        throw refused(relation.name());
    }

    /**
     * The catalog table a V2 write or row-level command changes; empty for a V2 source outside any catalog or a table
     * written by path, which no Ranger resource names.
     */
    static Optional<TableName> targetOf(LogicalPlan target) {
        LogicalPlan relation = EliminateSubqueryAliases.apply(target);
        if (relation instanceof DataSourceV2Relation v2
                && v2.identifier().isDefined()
                && CatalogTables.location(v2.identifier().get()).isEmpty()) {
            return Optional.of(CatalogTables.name(
                    CatalogTables.catalogName(v2.catalog()), v2.identifier().get(), v2.table()));
        }
        return Optional.empty();
    }

    private static LogicalPlan originalTable(NamedRelation relation) {
        if (relation instanceof LogicalPlan plan) {
            return plan;
        }
        throw refused(relation.name());
    }

    private static List<CommandPrivilege> updated(LogicalPlan target) {
        return List.of(on(UPDATE, requireTarget(target).resource()));
    }

    private static List<Whole> target(LogicalPlan target) {
        return List.of(new Whole(
                requireTarget(target),
                columnsOf(target),
                "update, delete or merge rows of",
                "Spark would write that back"));
    }

    private static List<TableRead> targetRead(LogicalPlan target) {
        return List.of(new TableRead(requireTarget(target), columnsOf(target)));
    }

    private static List<String> columnsOf(LogicalPlan target) {
        List<String> columns = new ArrayList<>();
        for (Attribute column : JavaConverters.seqAsJavaList(target.output())) {
            columns.add(column.name());
        }
        return columns;
    }

    // Partition values are values of the table's rows, filtered rows' included, and its paths hold them unmasked.
    private static List<Whole> partitionsOf(TableName table, CommandContext context) {
        return List.of(new Whole(
                table,
                context.columnsOf(table),
                "see the partitions of",
                "its partitions' values show what they hide"));
    }

    private static List<Whole> partitionsOf(LogicalPlan relation) {
        if (!(relation instanceof ResolvedTable resolved)) {
            return List.of();
        }
        List<String> columns = Arrays.stream(resolved.table().columns())
                .map(org.apache.spark.sql.connector.catalog.Column::name)
                .toList();
        return List.of(new Whole(
                name(resolved), columns, "see the partitions of", "its partitions' values show what they hide"));
    }

    private static List<Whole> analysed(TableName table, CommandContext context) {
        return List.of(new Whole(
                table, context.columnsOf(table), "compute the statistics of", "they would describe that to everyone"));
    }

    private static TableName requireTarget(LogicalPlan target) {
        return targetOf(target).orElseThrow(() -> refused(target.simpleString(100)));
    }

    private static List<TableName> analysedTables(AnalyzeTablesCommand analyze, CommandContext context) {
        String database = analyze.databaseName().isDefined()
                ? analyze.databaseName().get()
                : context.catalog().getCurrentDatabase();
        return context.tablesOf(database);
    }

    private static TableIdentifier alteredTable(LogicalPlan command) {
        if (command instanceof AlterTableAddColumnsCommand alter) {
            return alter.table();
        }
        if (command instanceof AlterTableChangeColumnCommand alter) {
            return alter.tableName();
        }
        if (command instanceof AlterTableSetPropertiesCommand alter) {
            return alter.tableName();
        }
        if (command instanceof AlterTableUnsetPropertiesCommand alter) {
            return alter.tableName();
        }
        if (command instanceof AlterTableDropPartitionCommand alter) {
            return alter.tableName();
        }
        if (command instanceof AlterTableRenamePartitionCommand alter) {
            return alter.tableName();
        }
        return ((RepairTableCommand) command).tableName();
    }

    private static LogicalPlan resolvedTableOf(LogicalPlan command) {
        if (command instanceof org.apache.spark.sql.catalyst.plans.logical.AlterTableCommand alter) {
            return alter.table();
        }
        return ((org.apache.spark.sql.catalyst.plans.logical.V2PartitionCommand) command).table();
    }

    private static List<CommandPrivilege> onTable(
            TableIdentifier identifier, String accessType, CommandContext context) {
        return List.of(on(accessType, context.table(identifier).resource()));
    }

    private static TableName name(ResolvedTable resolved) {
        return CatalogTables.name(resolved.catalog().name(), resolved.identifier(), resolved.table());
    }

    private static List<CommandPrivilege> onResolved(LogicalPlan table, String accessType) {
        return table instanceof ResolvedTable resolved
                ? List.of(on(accessType, name(resolved).resource()))
                : List.of();
    }

    private static List<CommandPrivilege> onNewIdentifier(
            LogicalPlan name, CommandContext context, String... accessTypes) {
        if (!(name instanceof ResolvedIdentifier resolved)) {
            return List.of();
        }
        RangerResource resource =
                context.newTable(resolved.catalog(), resolved.identifier()).resource();
        List<CommandPrivilege> privileges = new ArrayList<>();
        for (String accessType : accessTypes) {
            privileges.add(on(accessType, resource));
        }
        return List.copyOf(privileges);
    }

    private static List<CommandPrivilege> onNamespace(LogicalPlan namespace, String accessType) {
        if (!(namespace instanceof ResolvedNamespace resolved)) {
            return List.of();
        }
        List<String> parts = JavaConverters.seqAsJavaList(resolved.namespace());
        if (parts.size() != 1) {
            throw new AccessControlException("Permission denied: namespace [" + String.join(".", parts)
                    + "] is not a single-level database, which is all Ranger's Hive service can name; Lakegate"
                    + " refuses it");
        }
        return List.of(on(accessType, RangerResource.database(parts.get(0))));
    }

    // The creator of a table in a database is its owner for Ranger, as in Ranger's Hive plugin.
    private static List<CommandPrivilege> created(
            CatalogTable table, List<String> accessTypes, CommandContext context) {
        RangerResource resource = context.newTable(table.identifier()).resource();
        return withLocation(
                accessTypes.stream().map(accessType -> on(accessType, resource)).toList(),
                explicitLocation(table),
                context);
    }

    // A managed table's own location is the catalog's choice, not a location the user gave it.
    private static Optional<String> explicitLocation(CatalogTable table) {
        return table.tableType() == CatalogTableType.MANAGED()
                        && table.storage().properties().get("path").isEmpty()
                ? Optional.empty()
                : location(table.storage());
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

    private static Optional<String> partitionLocation(PartitionSpec partition) {
        return partition instanceof UnresolvedPartitionSpec unresolved
                        && unresolved.location().isDefined()
                ? Optional.of(unresolved.location().get())
                : Optional.empty();
    }

    // A table over files reads them, and overwriting or dropping it can delete them.
    private static List<CommandPrivilege> withLocation(
            List<CommandPrivilege> privileges, Optional<String> location, CommandContext context) {
        if (location.isEmpty() || privileges.isEmpty()) {
            return privileges;
        }
        RangerResource url = RangerResource.url(context.location(location.get()));
        List<CommandPrivilege> result = new ArrayList<>(privileges);
        result.add(on(READ, url));
        result.add(on(WRITE, url));
        return List.copyOf(result);
    }

    private static List<CommandPrivilege> withLocation(
            List<CommandPrivilege> privileges, TableSpecBase spec, CommandContext context) {
        List<CommandPrivilege> result = withLocation(
                privileges,
                spec.location().isDefined() ? Optional.of(spec.location().get()) : Optional.empty(),
                context);
        return withLocationProperties(result, JavaConverters.mapAsJavaMap(spec.properties()), context);
    }

    // Iceberg writes a table's data and metadata files where these properties say, any directory at all: into
    // another table's, they would become its rows.
    private static List<CommandPrivilege> withLocationProperties(
            List<CommandPrivilege> privileges, Map<String, String> properties, CommandContext context) {
        List<CommandPrivilege> result = privileges;
        for (String property : ICEBERG_LOCATION_PROPERTIES) {
            String location = properties.get(property);
            if (location != null) {
                result = withLocation(result, Optional.of(location), context);
            }
        }
        return result;
    }

    private static List<CommandPrivilege> directory(
            CatalogStorageFormat storage, boolean local, CommandContext context) {
        Option<URI> location = storage.locationUri();
        if (location.isEmpty()) {
            return List.of();
        }
        String path = local
                ? context.localPath(location.get().toString())
                : context.location(location.get().toString());
        return List.of(on(WRITE, RangerResource.url(path)));
    }

    /*
     * A temporary function runs a class of the user's choosing in the engine: Hive keeps it to administrators, and
     * Ranger's Hive plugin to holders of tempudfadmin. One named like a built-in would replace the built-in for
     * the session, and with it the functions Ranger's masks and row filters call (sha2 turned into identity shows
     * the hashed value): refused for everyone. Its jars, files and archives are read from where they are.
     */
    private static List<CommandPrivilege> createdFunction(CreateFunctionCommand create, CommandContext context) {
        List<CommandPrivilege> privileges = new ArrayList<>();
        if (create.isTemp()) {
            FunctionIdentifier name =
                    FunctionIdentifier.apply(create.identifier().funcName());
            if (FunctionRegistry$.MODULE$.builtin().functionExists(name)) {
                throw new AccessControlException("Permission denied: temporary function [" + name.funcName()
                        + "] would replace Spark's built-in function of that name, which Ranger's masks and row"
                        + " filters use");
            }
            privileges.add(on(TEMPUDFADMIN, RangerResource.global()));
        } else {
            privileges.add(on(CREATE, udf(create.identifier(), context)));
            if (context.authz().config().isPrivilegedFunction(create.className())) {
                privileges.add(on(TEMPUDFADMIN, RangerResource.global()));
            }
        }
        for (FunctionResource resource : JavaConverters.seqAsJavaList(create.resources())) {
            privileges.add(on(READ, RangerResource.url(context.location(resource.uri()))));
        }
        return List.copyOf(privileges);
    }

    private static RangerResource udf(FunctionIdentifier function, CommandContext context) {
        String database = function.database().isDefined()
                ? function.database().get()
                : context.catalog().getCurrentDatabase();
        return RangerResource.udf(database, function.funcName());
    }

    // Only sources whose data Ranger's url resource can name: files. A table of another source (JDBC, say) would be
    // governed by its name while reaching data no policy names.
    private static void requireFileProvider(CatalogTable table, CommandContext context) {
        String provider = table.provider().isDefined() ? table.provider().get() : "hive";
        if (provider.equalsIgnoreCase("hive")) {
            return;
        }
        if (!isFileSource(provider, context)) {
            throw refused("a table of source [" + provider + "]");
        }
        refuseHadoopOptions(JavaConverters.mapAsJavaMap(table.storage().properties()));
    }

    private static List<CommandPrivilege> readFilesOfSource(
            String provider, scala.collection.immutable.Map<String, String> options, CommandContext context) {
        if (!isFileSource(provider, context)) {
            throw refused("source [" + provider + "]");
        }
        Map<String, String> javaOptions = JavaConverters.mapAsJavaMap(options);
        refuseHadoopOptions(javaOptions);
        List<CommandPrivilege> privileges = new ArrayList<>();
        for (String path : paths(javaOptions)) {
            privileges.add(on(READ, RangerResource.url(context.location(path))));
        }
        return List.copyOf(privileges);
    }

    // DataSource reads "path", and "paths" as a JSON array, as DataFrameReader writes them.
    private static List<String> paths(Map<String, String> options) {
        List<String> paths = new ArrayList<>();
        options.forEach((key, value) -> {
            String name = key.toLowerCase(Locale.ROOT);
            if (name.equals("path")) {
                paths.add(value);
            } else if (name.equals("paths")) {
                try {
                    paths.addAll(List.of(JSON.readValue(value, String[].class)));
                } catch (IOException e) {
                    throw new AccessControlException(
                            "Permission denied: option [paths] is not a JSON array of paths: " + value);
                }
            }
        });
        return paths;
    }

    // Spark hands a source's options to the Hadoop file systems it reads with: an fs.* option could map an
    // authorized path onto another.
    private static void refuseHadoopOptions(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (key.toLowerCase(Locale.ROOT).startsWith("fs.")) {
                throw new AccessControlException("Permission denied: option [" + key + "] would change how Hadoop"
                        + " resolves the paths Lakegate authorizes; Lakegate refuses it");
            }
        }
    }

    private static boolean isFileSource(String provider, CommandContext context) {
        Class<?> source;
        try {
            source = DataSource.lookupDataSource(
                    provider, context.session().sessionState().conf());
        } catch (RuntimeException e) {
            throw refused("source [" + provider + "]");
        }
        return FileFormat.class.isAssignableFrom(source) || FileDataSourceV2.class.isAssignableFrom(source);
    }

    private static List<String> icebergTableName(LogicalPlan command) {
        try {
            Object name = command.getClass().getMethod("table").invoke(command);
            @SuppressWarnings("unchecked")
            Seq<String> parts = (Seq<String>) name;
            return JavaConverters.seqAsJavaList(parts);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new AccessControlException("Permission denied: Lakegate cannot tell which table Iceberg's ["
                    + command.nodeName() + "] changes, so it refuses it");
        }
    }

    static AccessControlException refused(String what) {
        return new AccessControlException("Permission denied: [" + what + "] has no Ranger resource: Lakegate cannot"
                + " authorize this source, so it refuses it");
    }

    private static <T> Optional<T> none() {
        return Optional.empty();
    }
}
