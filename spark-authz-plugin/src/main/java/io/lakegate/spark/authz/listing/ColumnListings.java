package io.lakegate.spark.authz.listing;

import io.lakegate.ranger.AccessDecision;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.spark.authz.AccessControlException;
import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.TableName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.execution.command.DescribeTableCommand;
import org.apache.spark.sql.execution.command.ShowColumnsCommand;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.JavaConverters;

/**
 * {@code DESCRIBE TABLE} and {@code SHOW COLUMNS} show only the columns the user may select, and are refused, as a
 * read of the table would be, when there is none. Temporary views belong to the session and are not filtered.
 */
public final class ColumnListings {
    private static final String SELECT = "select";

    private ColumnListings() {}

    public static boolean isListing(LogicalPlan plan) {
        return plan instanceof DescribeTableCommand
                || plan instanceof ShowColumnsCommand
                || plan instanceof DescribeRelation
                || plan instanceof ShowColumns;
    }

    /**
     * {@code result} (the listing {@code plan}, as filtered so far) showing only the columns the user may select;
     * refused when there is none.
     */
    public static LogicalPlan filtered(
            LogicalPlan result,
            LogicalPlan plan,
            SparkSession session,
            RangerAuthorizer authorizer,
            UserIdentity identity) {
        Optional<Listing> listing = of(plan, session);
        return listing.isPresent() ? filtered(result, plan, listing.get(), authorizer, identity) : result;
    }

    /** The table and columns a column listing shows; empty when {@code plan} is none, or lists a temporary view. */
    private static Optional<Listing> of(LogicalPlan plan, SparkSession session) {
        SessionCatalog catalog = session.sessionState().catalog();
        TableIdentifier identifier = null;
        if (plan instanceof DescribeTableCommand describe) {
            identifier = describe.table();
        } else if (plan instanceof ShowColumnsCommand show) {
            identifier = show.databaseName().isDefined()
                    ? TableIdentifier.apply(show.tableName().table(), show.databaseName())
                    : show.tableName();
        }
        if (identifier != null) {
            if (catalog.isTempView(identifier)) {
                return Optional.empty();
            }
            try {
                CatalogTable table = catalog.getTableMetadata(identifier);
                return Optional.of(new Listing(
                        CatalogTables.name(table), List.of(table.schema().fieldNames())));
            } catch (AnalysisException e) {
                // No such table: the command reports it when it runs, having shown nothing.
                return Optional.empty();
            }
        }
        LogicalPlan table = plan instanceof DescribeRelation describe
                ? describe.relation()
                : plan instanceof ShowColumns show ? show.child() : null;
        if (table instanceof ResolvedTable resolved) {
            return Optional.of(new Listing(
                    CatalogTables.name(resolved.catalog().name(), resolved.identifier(), resolved.table()),
                    Arrays.stream(resolved.table().columns()).map(Column::name).toList()));
        }
        return Optional.empty();
    }

    private static LogicalPlan filtered(
            LogicalPlan result, LogicalPlan plan, Listing listing, RangerAuthorizer authorizer, UserIdentity identity) {
        List<AccessDecision> decisions =
                authorizer.authorizeColumns(identity, listing.table().resource(), listing.columns(), SELECT);
        List<Expression> denied = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            if (!decisions.get(i).allowed()) {
                denied.add(Literal.create(listing.columns().get(i), DataTypes.StringType));
            }
        }
        if (denied.isEmpty()) {
            return result;
        }
        if (denied.size() == decisions.size()) {
            throw new AccessControlException(AccessDecision.permissionDenied(
                    identity.user(), SELECT, listing.table().resource().path()));
        }
        return new Filter(new Not(new In(plan.output().apply(0), seq(denied))), result);
    }

    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toSeq();
    }

    /** A table whose columns a statement lists. */
    private record Listing(TableName table, List<String> columns) {
        public Listing {
            columns = List.copyOf(columns);
        }
    }
}
