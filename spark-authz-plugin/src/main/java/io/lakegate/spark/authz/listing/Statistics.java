package io.lakegate.spark.authz.listing;

import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.TableProtection;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.TableName;
import io.lakegate.spark.authz.marker.ReaderScanMarker;
import io.lakegate.spark.authz.marker.ReaderTag;
import io.lakegate.spark.authz.plan.Subqueries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.CaseWhen;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.In;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.RLike;
import org.apache.spark.sql.catalyst.expressions.RegExpReplace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.CostMode$;
import org.apache.spark.sql.execution.ExtendedMode$;
import org.apache.spark.sql.execution.command.DescribeColumnCommand;
import org.apache.spark.sql.execution.command.DescribeTableCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.types.DataTypes;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * Statistics of stored values (row counts, a column's minimum, maximum, distinct values and histogram) describe what
 * Ranger's row filters and masks hide: a user with a row filter on a table, or a mask on a column, gets none of them,
 * wherever Spark would show them: {@code DESCRIBE EXTENDED t col}, {@code DESCRIBE TABLE EXTENDED t} (and of a
 * partition), {@code SHOW TABLE EXTENDED} (see {@link ListingFilters}) and {@code EXPLAIN COST}, which then shows the
 * plans without their statistics.
 */
public final class Statistics {
    // What DESCRIBE ... col shows besides statistics.
    private static final List<String> COLUMN_DESCRIPTION = List.of("col_name", "data_type", "comment");
    // The rows of DESCRIBE TABLE EXTENDED that hold a table's or a partition's statistics: "3 rows, 1234 bytes".
    private static final List<String> STATISTICS_ROWS = List.of("Statistics", "Partition Statistics");
    private static final String STATISTICS_VALUE = "^[0-9]+ bytes";
    // The same, as lines of SHOW TABLE EXTENDED's information.
    private static final String STATISTICS_LINES = "(?m)^(Partition )?Statistics: [^\\n]*\\n?";

    private Statistics() {}

    /** Whether {@code plan} may show statistics of stored values. */
    public static boolean mayShow(LogicalPlan plan) {
        return plan instanceof DescribeColumnCommand column && column.isExtended()
                || plan instanceof DescribeColumn v2Column && v2Column.isExtended()
                || plan instanceof DescribeTableCommand table && table.isExtended()
                || plan instanceof DescribeRelation v2Table && v2Table.isExtended()
                || plan instanceof ExplainCommand explain && explain.mode() == CostMode$.MODULE$;
    }

    /** {@code result} (the statement {@code plan}, as filtered so far) without the statistics the user may not see. */
    public static LogicalPlan hiddenWhereProtected(
            LogicalPlan result,
            LogicalPlan plan,
            SparkSession session,
            RangerAuthorizer authorizer,
            UserIdentity identity) {
        SessionCatalog catalog = session.sessionState().catalog();
        if (plan instanceof DescribeColumnCommand describe) {
            if (catalog.isTempView(describe.table())) {
                return result;
            }
            List<String> parts = JavaConverters.seqAsJavaList(describe.colNameParts());
            Optional<CatalogTable> table = CatalogTables.metadata(catalog, describe.table());
            return table.isPresent()
                            && columnProtected(
                                    authorizer, identity, CatalogTables.name(table.get()), parts.get(parts.size() - 1))
                    ? columnDescriptionOnly(result, plan)
                    : result;
        }
        if (plan instanceof DescribeColumn describe
                && describe.relation() instanceof ResolvedTable resolved
                && describe.column() instanceof Attribute column) {
            return columnProtected(authorizer, identity, name(resolved), column.name())
                    ? columnDescriptionOnly(result, plan)
                    : result;
        }
        if (plan instanceof DescribeTableCommand describe) {
            if (catalog.isTempView(describe.table())) {
                return result;
            }
            Optional<CatalogTable> table = CatalogTables.metadata(catalog, describe.table());
            return table.isPresent()
                            && isProtected(
                                    authorizer,
                                    identity,
                                    CatalogTables.name(table.get()),
                                    List.of(table.get().schema().fieldNames()))
                    ? withoutStatisticsRows(result, plan)
                    : result;
        }
        if (plan instanceof DescribeRelation describe && describe.relation() instanceof ResolvedTable resolved) {
            List<String> columns =
                    Arrays.stream(resolved.table().columns()).map(Column::name).toList();
            return isProtected(authorizer, identity, name(resolved), columns)
                    ? withoutStatisticsRows(result, plan)
                    : result;
        }
        if (plan instanceof ExplainCommand explain && readsProtected(explain.logicalPlan(), session)) {
            return new ExplainCommand(explain.logicalPlan(), ExtendedMode$.MODULE$);
        }
        return result;
    }

    /** Whether Ranger filters {@code table}, or masks any of {@code columns}, for the user. */
    static boolean isProtected(
            RangerAuthorizer authorizer, UserIdentity identity, TableName table, List<String> columns) {
        TableProtection protection = authorizer.protection(identity, table.resource(), columns);
        return protection.rowFilter().isPresent() || !protection.masks().isEmpty();
    }

    /**
     * SHOW TABLE EXTENDED's {@code information} without its statistics lines for the tables named {@code tables}.
     */
    static LogicalPlan withoutStatisticsLines(
            LogicalPlan result, Attribute tableName, Attribute information, List<String> tables) {
        if (tables.isEmpty()) {
            return result;
        }
        List<Expression> names = new ArrayList<>();
        for (String table : tables) {
            names.add(Literal.create(table, DataTypes.StringType));
        }
        Expression stripped = new RegExpReplace(
                information,
                Literal.create(STATISTICS_LINES, DataTypes.StringType),
                Literal.create("", DataTypes.StringType));
        Expression shown = new CaseWhen(
                seq(List.of(Tuple2.<Expression, Expression>apply(new In(tableName, seq(names)), stripped))),
                Option.apply(information));
        List<NamedExpression> projection = new ArrayList<>();
        for (Attribute column : JavaConverters.seqAsJavaList(result.output())) {
            projection.add(
                    column.exprId().equals(information.exprId())
                            // A new attribute: with the old one Spark would take the projection for a no-op, and drop
                            // it.
                            ? new org.apache.spark.sql.catalyst.expressions.Alias(
                                    shown,
                                    information.name(),
                                    NamedExpression.newExprId(),
                                    information.qualifier(),
                                    Option.empty(),
                                    seq(List.of()))
                            : column);
        }
        return new Project(seq(projection), result);
    }

    private static boolean columnProtected(
            RangerAuthorizer authorizer, UserIdentity identity, TableName table, String column) {
        return isProtected(authorizer, identity, table, List.of(column));
    }

    private static TableName name(ResolvedTable resolved) {
        return CatalogTables.name(resolved.catalog().name(), resolved.identifier(), resolved.table());
    }

    private static LogicalPlan columnDescriptionOnly(LogicalPlan result, LogicalPlan plan) {
        return new Filter(new In(plan.output().apply(0), seq(literals(COLUMN_DESCRIPTION))), result);
    }

    // DESCRIBE's rows are col_name, data_type, comment.
    private static LogicalPlan withoutStatisticsRows(LogicalPlan result, LogicalPlan plan) {
        Expression statistics = new And(
                new In(plan.output().apply(0), seq(literals(STATISTICS_ROWS))),
                new RLike(plan.output().apply(1), Literal.create(STATISTICS_VALUE, DataTypes.StringType)));
        return new Filter(new Not(statistics), result);
    }

    // The plan EXPLAIN shows, analysed as the user: protected scans carry the protection Ranger decided.
    private static boolean readsProtected(LogicalPlan explained, SparkSession session) {
        LogicalPlan analysed = session.sessionState()
                .executePlan(explained, CommandExecutionMode.SKIP())
                .analyzed();
        return Subqueries.anyNode(analysed, node -> {
            if (node instanceof ReaderScanMarker marker) {
                return protects(marker.protection());
            }
            return ReaderTag.tags(node) && protects(((ReaderTag) ((Filter) node).condition()).protection());
        });
    }

    private static boolean protects(TableProtection protection) {
        return protection.rowFilter().isPresent() || !protection.masks().isEmpty();
    }

    private static List<Expression> literals(List<String> values) {
        List<Expression> literals = new ArrayList<>();
        for (String value : values) {
            literals.add(Literal.create(value, DataTypes.StringType));
        }
        return literals;
    }

    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toSeq();
    }
}
