package io.lakegate.spark.authz;

import io.lakegate.ranger.RangerResource;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DropNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DropTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
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
import org.apache.spark.sql.hive.execution.CreateHiveTableAsSelectCommand;
import org.apache.spark.sql.hive.execution.InsertIntoHiveDirCommand;
import org.apache.spark.sql.hive.execution.InsertIntoHiveTable;
import scala.collection.JavaConverters;

/**
 * The privileges a session-catalog command needs on what it names, as Ranger's Hive plugin names them: inserting
 * into or truncating a table needs {@code update} on it, creating one (CTAS too) {@code create}, dropping one
 * {@code drop}; databases likewise; writing files outside the catalog {@code write} on the {@code url};
 * describing a table or showing its columns or definition {@code select} on it (on the column, for one column).
 */
final class CommandPrivileges {
    private static final String UPDATE = "update";
    private static final String CREATE = "create";
    private static final String DROP = "drop";
    private static final String WRITE = "write";
    private static final String SELECT = "select";

    private CommandPrivileges() {}

    static List<CommandPrivilege> of(LogicalPlan plan) {
        if (plan instanceof InsertIntoHiveTable insert) {
            return List.of(new CommandPrivilege(UPDATE, CatalogTables.resource(insert.table())));
        }
        if (plan instanceof InsertIntoHadoopFsRelationCommand insert) {
            return List.of(
                    insert.catalogTable().isDefined()
                            ? new CommandPrivilege(
                                    UPDATE,
                                    CatalogTables.resource(insert.catalogTable().get()))
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
        // Spark 3.5 keeps DROP TABLE on the session catalog as a V2 plan.
        if (plan instanceof DropTable drop && drop.child() instanceof ResolvedIdentifier resolved) {
            return List.of(new CommandPrivilege(DROP, table(resolved.identifier())));
        }
        if (plan instanceof CreateNamespace create && create.name() instanceof ResolvedNamespace namespace) {
            return List.of(new CommandPrivilege(CREATE, database(namespace)));
        }
        if (plan instanceof DropNamespace drop && drop.namespace() instanceof ResolvedNamespace namespace) {
            return List.of(new CommandPrivilege(DROP, database(namespace)));
        }
        if (plan instanceof DescribeTableCommand describe) {
            return List.of(new CommandPrivilege(SELECT, table(describe.table())));
        }
        if (plan instanceof DescribeColumnCommand describe) {
            List<String> parts = JavaConverters.seqAsJavaList(describe.colNameParts());
            TableIdentifier table = describe.table();
            return List.of(new CommandPrivilege(
                    SELECT,
                    RangerResource.column(CatalogTables.database(table), table.table(), parts.get(parts.size() - 1))));
        }
        if (plan instanceof ShowColumnsCommand show) {
            return List.of(new CommandPrivilege(SELECT, table(show.tableName())));
        }
        if (plan instanceof ShowCreateTable show && show.child() instanceof ResolvedTable resolved) {
            return List.of(new CommandPrivilege(SELECT, table(resolved.identifier())));
        }
        if (plan instanceof InsertIntoDataSourceDirCommand insert) {
            return directory(insert.storage());
        }
        if (plan instanceof InsertIntoHiveDirCommand insert) {
            return directory(insert.storage());
        }
        return List.of();
    }

    private static List<CommandPrivilege> created(CatalogTable table) {
        return List.of(new CommandPrivilege(CREATE, CatalogTables.resource(table)));
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
        return RangerResource.table(CatalogTables.database(identifier), identifier.table());
    }

    private static RangerResource table(Identifier identifier) {
        String[] namespace = identifier.namespace();
        return RangerResource.table(
                namespace.length == 0 ? "default" : namespace[namespace.length - 1], identifier.name());
    }

    private static RangerResource database(ResolvedNamespace namespace) {
        List<String> parts = JavaConverters.seqAsJavaList(namespace.namespace());
        return RangerResource.database(parts.get(parts.size() - 1));
    }
}
