package io.lakegate.spark.authz.listing;

import io.lakegate.ranger.AccessRequest;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.UserIdentity;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
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
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.execution.command.ShowFunctionsCommand;
import org.apache.spark.sql.execution.command.ShowTablesCommand;
import org.apache.spark.sql.types.DataTypes;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * {@code SHOW DATABASES}, {@code SHOW TABLES} and {@code SHOW FUNCTIONS} list only what the user holds some
 * privilege on (Ranger's {@code _any}), as Ranger's Hive plugin filters them; temporary views and functions belong
 * to the session, and built-in functions to Spark: they stay. The listing command gets a filter on the names,
 * worked out when the statement is planned.
 */
public final class ListingFilters {
    private static final String ANY_ACCESS = "_any";

    private ListingFilters() {}

    public static boolean isListing(LogicalPlan plan) {
        return plan instanceof ShowTablesCommand
                || plan instanceof ShowFunctionsCommand
                || (plan instanceof ShowTables show && show.namespace() instanceof ResolvedNamespace)
                || (plan instanceof ShowNamespaces show
                        && show.namespace() instanceof ResolvedNamespace namespace
                        && namespace.namespace().isEmpty());
    }

    public static LogicalPlan filtered(
            LogicalPlan plan, SparkSession session, RangerAuthorizer authorizer, UserIdentity identity) {
        if (plan instanceof ShowTablesCommand show) {
            String database = show.databaseName().isDefined()
                    ? show.databaseName().get()
                    : session.sessionState().catalog().getCurrentDatabase();
            List<String> tables = new ArrayList<>();
            for (TableIdentifier table : JavaConverters.seqAsJavaList(
                    session.sessionState().catalog().listTables(database, "*", false))) {
                tables.add(table.table());
            }
            return tablesFilter(plan, database, tables, authorizer, identity);
        }
        if (plan instanceof ShowFunctionsCommand show) {
            List<Expression> denied = new ArrayList<>();
            for (Tuple2<FunctionIdentifier, String> function : JavaConverters.seqAsJavaList(
                    session.sessionState().catalog().listFunctions(show.db(), "*"))) {
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
            return denied.isEmpty() ? plan : new Filter(new Not(new In(output(plan, 0), seq(denied))), plan);
        }
        if (plan instanceof ShowTables show && show.namespace() instanceof ResolvedNamespace resolved) {
            String[] namespace =
                    JavaConverters.seqAsJavaList(resolved.namespace()).toArray(String[]::new);
            if (namespace.length != 1) {
                return new Filter(Literal.create(false, DataTypes.BooleanType), plan);
            }
            List<String> tables = new ArrayList<>();
            for (Identifier table : tables(resolved.catalog(), namespace)) {
                tables.add(table.name());
            }
            return tablesFilter(plan, namespace[0], tables, authorizer, identity);
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
            return new Filter(new In(output(plan, 0), seq(allowed)), plan);
        }
        return plan;
    }

    private static LogicalPlan tablesFilter(
            LogicalPlan plan,
            String database,
            List<String> tables,
            RangerAuthorizer authorizer,
            UserIdentity identity) {
        List<Expression> allowed = new ArrayList<>();
        for (String table : tables) {
            if (authorizer
                    .authorize(AccessRequest.of(identity, RangerResource.table(database, table), ANY_ACCESS))
                    .allowed()) {
                allowed.add(Literal.create(table, DataTypes.StringType));
            }
        }
        Expression temporary = new EqualTo(output(plan, 2), Literal.create(true, DataTypes.BooleanType));
        return new Filter(new Or(temporary, new In(output(plan, 1), seq(allowed))), plan);
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
