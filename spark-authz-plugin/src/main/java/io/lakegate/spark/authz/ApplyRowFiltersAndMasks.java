package io.lakegate.spark.authz;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lakegate.ranger.ColumnMask;
import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RangerResource;
import io.lakegate.ranger.RowFilter;
import io.lakegate.ranger.UserIdentity;
import io.lakegate.ranger.mask.MaskSpecs;
import io.lakegate.ranger.mask.UnsupportedMaskException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.rules.Rule;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.runtime.AbstractPartialFunction;

/**
 * Analyzer rule: directly on top of every scan of a protected table, wherever it appears (joins, self-joins,
 * views, CTEs, subqueries, the query of a write), and on top of every permanent view, puts the user's Ranger row
 * filter and then the column masks, below anything the user wrote. Masked columns get new attributes and every reference above is moved to them,
 * so no optimization can reach the unmasked value. All of it sits under a {@link ReaderScanMarker} (a
 * {@link ReaderTag} once authorized), so that no other user's cached data stands in for it. Subquery plans are analysed on their own, and so get this rule too.
 */
final class ApplyRowFiltersAndMasks extends Rule<LogicalPlan> {
    private final SparkSession session;
    private final RangerAuthorizer authorizer;
    // Parsing is most of what the rule costs, and a policy's filter or mask is the same text for every query. By
    // text only: the session's parser settings at first use decide, so a later SET cannot reinterpret a policy.
    private final Cache<String, Expression> parsed =
            Caffeine.newBuilder().maximumSize(10_000).build();

    private final PolicyExpressionTemplates templates;

    ApplyRowFiltersAndMasks(SparkSession session, RangerAuthorizer authorizer) {
        this.session = requireNonNull(session, "session is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.templates = new PolicyExpressionTemplates(session);
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        Identity identity = new Identity();
        // The table an UPDATE, DELETE or MERGE changes is not read through the user's view of it: Spark's rewrite
        // of the command needs the bare relation. Authorization refuses such a change where filters or masks apply.
        Set<LogicalPlan> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        RowLevelChanges.targetOf(plan).ifPresent(targets::add);
        // The analyzer runs the rule on every iteration, mostly over plans with nothing left to protect: a walk that
        // stops at the first unprotected scan costs far less than rebuilding the plan.
        if (!hasUnprotectedScan(plan, targets)) {
            return plan;
        }
        return plan.transformUpWithNewOutput(
                new AbstractPartialFunction<LogicalPlan, Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>>>() {
                    @Override
                    public boolean isDefinedAt(LogicalPlan node) {
                        return !targets.contains(node)
                                && CatalogTables.protectedBy(node).isPresent();
                    }

                    @Override
                    public Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>> apply(LogicalPlan scan) {
                        return protect(scan, CatalogTables.protectedBy(scan).orElseThrow(), identity.get());
                    }
                },
                node -> node instanceof ReaderScanMarker || ReaderTag.tags(node),
                // A masking projection may be unresolved until the next analyzer pass; its attributes are known.
                node -> false);
    }

    private static boolean hasUnprotectedScan(LogicalPlan node, Set<LogicalPlan> targets) {
        if (node instanceof ReaderScanMarker || ReaderTag.tags(node)) {
            return false;
        }
        if (!targets.contains(node) && CatalogTables.protectedBy(node).isPresent()) {
            return true;
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(node.children())) {
            if (hasUnprotectedScan(child, targets)) {
                return true;
            }
        }
        return false;
    }

    private Tuple2<LogicalPlan, Seq<Tuple2<Attribute, Attribute>>> protect(
            LogicalPlan scan, TableName table, UserIdentity identity) {
        RangerResource resource = table.resource();
        LogicalPlan result = scan;
        Optional<RowFilter> rowFilter = authorizer.rowFilter(identity, resource);
        if (rowFilter.isPresent()) {
            Expression condition = templates.rowFilter(
                    rowFilter.get().expression(),
                    parseRowFilter(rowFilter.get(), resource),
                    List.copyOf(JavaConverters.seqAsJavaList(scan.output())));
            result = new Filter(condition, scan);
        }
        List<NamedExpression> projection = new ArrayList<>();
        List<Tuple2<Attribute, Attribute>> moved = new ArrayList<>();
        List<Attribute> scanColumns = List.copyOf(JavaConverters.seqAsJavaList(scan.output()));
        for (Attribute column : scanColumns) {
            RangerResource columnResource = table.column(column.name());
            Optional<ColumnMask> mask = authorizer.columnMask(identity, columnResource);
            if (mask.isEmpty()) {
                projection.add(column);
                continue;
            }
            ExprId id = NamedExpression.newExprId();
            projection.add(new Alias(
                    parseMask(mask.get(), column, columnResource, scanColumns),
                    column.name(),
                    id,
                    column.qualifier(),
                    Option.empty(),
                    seq(List.of())));
            moved.add(Tuple2.apply(
                    column,
                    new AttributeReference(
                            column.name(), column.dataType(), true, column.metadata(), id, column.qualifier())));
        }
        if (!moved.isEmpty()) {
            result = new Project(seq(projection), result);
        }
        result = new ReaderScanMarker(result, table, identity.user(), authorizer.policyVersion());
        return Tuple2.apply(result, seq(moved));
    }

    // A predicate Spark cannot read must not let rows through unfiltered: the query fails instead.
    private Expression parseRowFilter(RowFilter filter, RangerResource table) {
        try {
            return parse(filter.expression());
        } catch (ParseException e) {
            throw new AccessControlException("Row filter of Ranger policy " + filter.policyId() + " on [" + table.path()
                    + "] is not valid Spark SQL: [" + filter.expression() + "]: " + e.getMessage());
        }
    }

    // A mask Spark cannot apply must not show the value: the query fails instead.
    private Expression parseMask(
            ColumnMask mask, Attribute column, RangerResource resource, List<Attribute> scanColumns) {
        String sql;
        try {
            sql = SparkMasks.sql(MaskSpecs.of(mask), quote(column.name()), column.dataType(), mask.condition());
        } catch (UnsupportedMaskException e) {
            throw new AccessControlException("Mask of [" + resource.path() + "]: " + e.getMessage());
        }
        try {
            return templates.mask(sql, parse(sql), scanColumns);
        } catch (ParseException e) {
            throw new AccessControlException("Mask " + mask.maskType() + " of Ranger policy " + mask.policyId()
                    + " on [" + resource.path() + "] is not valid Spark SQL: [" + sql + "]: " + e.getMessage());
        }
    }

    private Expression parse(String sql) throws ParseException {
        Expression expression = parsed.getIfPresent(sql);
        if (expression == null) {
            expression = session.sessionState().sqlParser().parseExpression(sql);
            parsed.put(sql, expression);
        }
        return expression;
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static <T> Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toSeq();
    }

    /** The current user, looked up once per rule run and only if some table is scanned. */
    private final class Identity {
        private UserIdentity identity;

        UserIdentity get() {
            if (identity == null) {
                identity = authorizer.identify(SessionUser.of(session));
            }
            return identity;
        }
    }
}
