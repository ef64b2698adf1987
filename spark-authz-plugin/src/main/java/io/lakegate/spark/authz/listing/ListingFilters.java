package io.lakegate.spark.authz.listing;

import io.lakegate.ranger.AccessRequest;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.TableName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchDatabaseException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.Or;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableExtended;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.execution.command.ShowFunctionsCommand;
import org.apache.spark.sql.execution.command.ShowTablesCommand;
import org.apache.spark.sql.execution.command.ShowViewsCommand;
import org.apache.spark.sql.types.DataTypes;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * {@code SHOW DATABASES}, {@code SHOW TABLES}, {@code SHOW VIEWS} and {@code SHOW FUNCTIONS} list only what the
 * user holds some privilege on (Ranger's {@code _any}), as Ranger's Hive plugin filters them; {@code SHOW TABLE
 * EXTENDED}, which shows each table's schema, location and statistics, only the tables the user may {@code select}
 * (as Kyuubi's authz has it), and without statistics where Ranger filters or masks the table for the user.
 * Temporary views and functions belong to the session, and built-in functions to Spark: they stay. The listing
 * command gets a filter on the names, worked out when the statement is planned.
 */
public final class ListingFilters {
    private static final String ANY_ACCESS = "_any";
    private static final String SELECT = "select";

    private ListingFilters() {}

    /** A table a listing may show, and its columns (whose masks decide whether its statistics are shown). */
    private record Listed(TableName table, List<String> columns) {}

    public static boolean isListing(LogicalPlan plan) {
        return plan instanceof ShowTablesCommand
                || plan instanceof ShowViewsCommand
                || plan instanceof ShowFunctionsCommand
                || (plan instanceof ShowTables show && show.namespace() instanceof ResolvedNamespace)
                || (plan instanceof ShowTableExtended show && show.namespace() instanceof ResolvedNamespace)
                || (plan instanceof ShowNamespaces show
                        && show.namespace() instanceof ResolvedNamespace namespace
                        && namespace.namespace().isEmpty());
    }

    /** {@code result} (the listing {@code plan}, as filtered so far) showing only what the user may see. */
    public static LogicalPlan filtered(
            LogicalPlan result,
            LogicalPlan plan,
            SparkSession session,
            RangerAuthorizer authorizer,
            UserIdentity identity) {
        SessionCatalog catalog = session.sessionState().catalog();
        if (plan instanceof ShowTablesCommand show) {
            String database =
                    show.databaseName().isDefined() ? show.databaseName().get() : catalog.getCurrentDatabase();
            List<Listed> tables = sessionTables(catalog, database, false);
            return show.isExtended()
                    ? extended(result, plan, tables, authorizer, identity)
                    : tablesFilter(result, plan, tables, ANY_ACCESS, authorizer, identity);
        }
        if (plan instanceof ShowViewsCommand show) {
            return tablesFilter(
                    result, plan, sessionTables(catalog, show.databaseName(), true), ANY_ACCESS, authorizer, identity);
        }
        if (plan instanceof ShowFunctionsCommand show) {
            List<Expression> denied = new ArrayList<>();
            for (Tuple2<FunctionIdentifier, String> function :
                    JavaConverters.seqAsJavaList(catalog.listFunctions(show.db(), "*"))) {
                FunctionIdentifier name = function._1();
                if (name.database().isDefined()
                        && !authorizer
                                .authorize(AccessRequest.of(
                                        identity,
                                        RangerResource.udf(name.database().get(), name.funcName()),
                                        ANY_ACCESS))
                                .allowed()) {
                    denied.add(Literal.create(name.unquotedString(), DataTypes.StringType));
                }
            }
            return denied.isEmpty() ? result : new Filter(new Not(new In(output(plan, 0), seq(denied))), result);
        }
        if (plan instanceof ShowTables show && show.namespace() instanceof ResolvedNamespace resolved) {
            return v2Tables(result, plan, resolved, ANY_ACCESS, authorizer, identity);
        }
        if (plan instanceof ShowTableExtended show && show.namespace() instanceof ResolvedNamespace resolved) {
            return v2Tables(result, plan, resolved, SELECT, authorizer, identity);
        }
        if (plan instanceof ShowNamespaces show && show.namespace() instanceof ResolvedNamespace resolved) {
            List<Expression> allowed = new ArrayList<>();
            for (String[] namespace : namespaces(resolved.catalog())) {
                if (namespace.length == 1
                        && authorizer
                                .authorize(
                                        AccessRequest.of(identity, RangerResource.database(namespace[0]), ANY_ACCESS))
                                .allowed()) {
                    allowed.add(Literal.create(namespace[0], DataTypes.StringType));
                }
            }
            return new Filter(new In(output(plan, 0), seq(allowed)), result);
        }
        return result;
    }

    // One metastore call for the tables' owners, which {OWNER} policies match.
    private static List<Listed> sessionTables(SessionCatalog catalog, String database, boolean viewsOnly) {
        List<TableIdentifier> identifiers = new ArrayList<>();
        for (TableIdentifier table : JavaConverters.seqAsJavaList(catalog.listTables(database, "*", false))) {
            identifiers.add(table);
        }
        List<CatalogTable> found;
        try {
            found = JavaConverters.seqAsJavaList(catalog.getTablesByName(JavaConverters.asScalaBuffer(identifiers)));
        } catch (NoSuchDatabaseException e) {
            // The command reports it when it runs, having listed nothing.
            return List.of();
        }
        List<Listed> tables = new ArrayList<>();
        for (CatalogTable table : found) {
            if (!viewsOnly || table.tableType().name().equals("VIEW")) {
                tables.add(new Listed(
                        CatalogTables.name(table), List.of(table.schema().fieldNames())));
            }
        }
        return tables;
    }

    private static LogicalPlan v2Tables(
            LogicalPlan result,
            LogicalPlan plan,
            ResolvedNamespace resolved,
            String accessType,
            RangerAuthorizer authorizer,
            UserIdentity identity) {
        String[] namespace = JavaConverters.seqAsJavaList(resolved.namespace()).toArray(String[]::new);
        if (namespace.length != 1) {
            return new Filter(Literal.create(false, DataTypes.BooleanType), result);
        }
        List<Listed> tables = new ArrayList<>();
        boolean extended = accessType.equals(SELECT);
        for (Identifier table : tables(resolved.catalog(), namespace)) {
            tables.add(new Listed(
                    TableName.of(namespace[0], table.name()),
                    extended ? columns(resolved.catalog(), table) : List.of()));
        }
        return extended
                ? extended(result, plan, tables, authorizer, identity)
                : tablesFilter(result, plan, tables, accessType, authorizer, identity);
    }

    // Output: namespace, tableName, isTemporary, information.
    private static LogicalPlan extended(
            LogicalPlan result,
            LogicalPlan plan,
            List<Listed> tables,
            RangerAuthorizer authorizer,
            UserIdentity identity) {
        List<Listed> shown = allowed(tables, SELECT, authorizer, identity);
        List<String> protectedTables = new ArrayList<>();
        for (Listed listed : shown) {
            if (Statistics.isProtected(authorizer, identity, listed.table(), listed.columns())) {
                protectedTables.add(listed.table().table());
            }
        }
        LogicalPlan filtered = tablesFilter(result, plan, shown);
        return Statistics.withoutStatisticsLines(filtered, output(plan, 1), output(plan, 3), protectedTables);
    }

    private static LogicalPlan tablesFilter(
            LogicalPlan result,
            LogicalPlan plan,
            List<Listed> tables,
            String accessType,
            RangerAuthorizer authorizer,
            UserIdentity identity) {
        return tablesFilter(result, plan, allowed(tables, accessType, authorizer, identity));
    }

    private static List<Listed> allowed(
            List<Listed> tables, String accessType, RangerAuthorizer authorizer, UserIdentity identity) {
        List<Listed> allowed = new ArrayList<>();
        for (Listed listed : tables) {
            if (authorizer
                    .authorize(AccessRequest.of(identity, listed.table().resource(), accessType))
                    .allowed()) {
                allowed.add(listed);
            }
        }
        return allowed;
    }

    // Output: namespace, name, isTemporary, ...
    private static LogicalPlan tablesFilter(LogicalPlan result, LogicalPlan plan, List<Listed> allowed) {
        List<Expression> names = new ArrayList<>();
        for (Listed listed : allowed) {
            names.add(Literal.create(listed.table().table(), DataTypes.StringType));
        }
        Expression temporary = new EqualTo(output(plan, 2), Literal.create(true, DataTypes.BooleanType));
        return new Filter(new Or(temporary, new In(output(plan, 1), seq(names))), result);
    }

    private static Identifier[] tables(CatalogPlugin catalog, String[] namespace) {
        if (!(catalog instanceof TableCatalog tables)) {
            return new Identifier[0];
        }
        try {
            return tables.listTables(namespace);
        } catch (NoSuchNamespaceException e) {
            return new Identifier[0];
        }
    }

    private static List<String> columns(CatalogPlugin catalog, Identifier table) {
        try {
            return Arrays.stream(((TableCatalog) catalog).loadTable(table).columns())
                    .map(Column::name)
                    .toList();
        } catch (NoSuchTableException | RuntimeException e) {
            // Gone since it was listed, or not a table of the catalog: the listing shows no statistics of it.
            return List.of();
        }
    }

    private static String[][] namespaces(CatalogPlugin catalog) {
        if (!(catalog instanceof SupportsNamespaces namespaces)) {
            return new String[0][];
        }
        try {
            return namespaces.listNamespaces();
        } catch (NoSuchNamespaceException e) {
            return new String[0][];
        }
    }

    private static Attribute output(LogicalPlan plan, int index) {
        return plan.output().apply(index);
    }

    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toSeq();
    }
}
