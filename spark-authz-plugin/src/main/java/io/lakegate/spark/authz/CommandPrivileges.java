package io.lakegate.spark.authz;

import io.lakegate.ranger.RangerResource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.EliminateSubqueryAliases;
import org.apache.spark.sql.catalyst.analysis.NamedRelation;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.AlterTableCommand;
import org.apache.spark.sql.catalyst.plans.logical.CommentOnNamespace;
import org.apache.spark.sql.catalyst.plans.logical.CreateNamespace;
import org.apache.spark.sql.catalyst.plans.logical.CreateTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTable;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTableWithFilters;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.DropNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DropTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.MergeIntoTable;
import org.apache.spark.sql.catalyst.plans.logical.RenameTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.SetNamespaceLocation;
import org.apache.spark.sql.catalyst.plans.logical.SetNamespaceProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.TruncatePartition;
import org.apache.spark.sql.catalyst.plans.logical.TruncateTable;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;
import org.apache.spark.sql.catalyst.plans.logical.V2PartitionCommand;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import org.apache.spark.sql.execution.command.CreateDataSourceTableCommand;
import org.apache.spark.sql.execution.command.CreateTableCommand;
import org.apache.spark.sql.execution.command.DescribeColumnCommand;
import org.apache.spark.sql.execution.command.DescribeTableCommand;
import org.apache.spark.sql.execution.command.DropTableCommand;
import org.apache.spark.sql.execution.command.InsertIntoDataSourceDirCommand;
import org.apache.spark.sql.execution.command.ShowColumnsCommand;
import org.apache.spark.sql.execution.command.TruncateTableCommand;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.hive.execution.CreateHiveTableAsSelectCommand;
import org.apache.spark.sql.hive.execution.InsertIntoHiveDirCommand;
import org.apache.spark.sql.hive.execution.InsertIntoHiveTable;
import scala.collection.JavaConverters;

/**
 * The privileges a command needs on what it names, as Ranger's Hive plugin names them, in the session catalog and
 * in DataSource V2 catalogs alike: inserting into, overwriting, truncating, and changing rows by {@code UPDATE},
 * {@code DELETE} or {@code MERGE} need {@code update} on the table; creating one (CTAS too) {@code create};
 * replacing one {@code create} and {@code drop}; dropping one {@code drop}; altering one {@code alter}; databases
 * likewise; writing files outside the catalog {@code write} on the {@code url}; describing a table or showing its
 * columns, definition, properties or partitions {@code select} on it (on the column, for one column).
 */
final class CommandPrivileges {
    private static final String UPDATE = "update";
    private static final String CREATE = "create";
    private static final String DROP = "drop";
    private static final String ALTER = "alter";
    private static final String WRITE = "write";
    private static final String SELECT = "select";

    private CommandPrivileges() {}

    static List<CommandPrivilege> of(LogicalPlan plan) {
        List<CommandPrivilege> sessionCatalog = sessionCatalogCommand(plan);
        return sessionCatalog.isEmpty() ? v2Command(plan) : sessionCatalog;
    }

    private static List<CommandPrivilege> sessionCatalogCommand(LogicalPlan plan) {
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
            return created(create.tableDesc());
        }
        if (plan instanceof CreateDataSourceTableAsSelectCommand create) {
            return created(create.table());
        }
        if (plan instanceof CreateTableCommand create) {
            return created(create.table());
        }
        if (plan instanceof CreateDataSourceTableCommand create) {
            return created(create.table());
        }
        if (plan instanceof DropTableCommand drop) {
            return List.of(new CommandPrivilege(DROP, table(drop.tableName())));
        }
        if (plan instanceof DescribeTableCommand describe) {
            return List.of(new CommandPrivilege(SELECT, table(describe.table())));
        }
        if (plan instanceof DescribeColumnCommand describe) {
            List<String> parts = JavaConverters.seqAsJavaList(describe.colNameParts());
            return List.of(new CommandPrivilege(
                    SELECT, CatalogTables.name(describe.table()).column(parts.get(parts.size() - 1))));
        }
        if (plan instanceof ShowColumnsCommand show) {
            return List.of(new CommandPrivilege(SELECT, table(show.tableName())));
        }
        if (plan instanceof InsertIntoDataSourceDirCommand insert) {
            return directory(insert.storage());
        }
        if (plan instanceof InsertIntoHiveDirCommand insert) {
            return directory(insert.storage());
        }
        return List.of();
    }

    // Spark keeps these as V2 plans for the session catalog too.
    private static List<CommandPrivilege> v2Command(LogicalPlan plan) {
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
            return onIdentifier(create.name(), CREATE);
        }
        if (plan instanceof CreateTable create) {
            return onIdentifier(create.name(), CREATE);
        }
        if (plan instanceof ReplaceTableAsSelect replace) {
            return onIdentifier(replace.name(), CREATE, DROP);
        }
        if (plan instanceof ReplaceTable replace) {
            return onIdentifier(replace.name(), CREATE, DROP);
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
        if (plan instanceof DescribeRelation describe) {
            return onTable(describe.relation(), SELECT);
        }
        if (plan instanceof DescribeColumn describe
                && describe.relation() instanceof ResolvedTable resolved
                && describe.column() instanceof Attribute column) {
            return List.of(new CommandPrivilege(
                    SELECT, CatalogTables.name(resolved.identifier()).column(column.name())));
        }
        if (plan instanceof ShowColumns show) {
            return onTable(show.child(), SELECT);
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
     * table written by path, which {@link RefusedDataSourceV2} refuses.
     */
    static Optional<TableName> targetOf(LogicalPlan target) {
        LogicalPlan relation = EliminateSubqueryAliases.apply(target);
        if (relation instanceof DataSourceV2Relation v2
                && v2.identifier().isDefined()
                && CatalogTables.location(v2.identifier().get()).isEmpty()) {
            return Optional.of(CatalogTables.name(v2.identifier().get()));
        }
        return Optional.empty();
    }

    static Optional<TableName> writeTarget(NamedRelation target) {
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

    private static List<CommandPrivilege> created(CatalogTable table) {
        return List.of(new CommandPrivilege(CREATE, CatalogTables.name(table).resource()));
    }

    private static List<CommandPrivilege> directory(CatalogStorageFormat storage) {
        return Optional.ofNullable(
                        storage.locationUri().isDefined()
                                ? storage.locationUri().get()
                                : null)
                .map(uri -> List.of(new CommandPrivilege(WRITE, RangerResource.url(uri.toString()))))
                .orElse(List.of());
    }

    private static RangerResource table(TableIdentifier identifier) {
        return CatalogTables.name(identifier).resource();
    }
}
