package io.lakegate.spark.authz;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.RangerAuthorizer;
import io.lakegate.ranger.RowFilter;
import io.lakegate.ranger.UserIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import scala.collection.JavaConverters;

/**
 * Analyzer rule: puts the user's Ranger row filter directly on top of every scan of a filtered table, wherever
 * it appears (joins, self-joins, views, CTEs, subqueries, the query of a write), below anything the user wrote.
 * Subquery plans are analysed on their own, and so get this rule too.
 */
final class ApplyRowFilters extends Rule<LogicalPlan> {
    private final SparkSession session;
    private final RangerAuthorizer authorizer;

    ApplyRowFilters(SparkSession session, RangerAuthorizer authorizer) {
        this.session = requireNonNull(session, "session is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return rewrite(plan, new Identity());
    }

    private LogicalPlan rewrite(LogicalPlan node, Identity identity) {
        if (node instanceof RowFilterMarker) {
            return node;
        }
        Optional<CatalogTable> table = CatalogTables.scannedBy(node);
        if (table.isPresent()) {
            return authorizer
                    .rowFilter(identity.get(), CatalogTables.resource(table.get()))
                    .<LogicalPlan>map(
                            filter -> new RowFilterMarker(new Filter(parse(filter, table.get()), node), table.get()))
                    .orElse(node);
        }
        List<LogicalPlan> children = new ArrayList<>();
        boolean changed = false;
        for (LogicalPlan child : JavaConverters.seqAsJavaList(node.children())) {
            LogicalPlan rewritten = rewrite(child, identity);
            changed |= rewritten != child;
            children.add(rewritten);
        }
        return changed
                ? node.withNewChildren(JavaConverters.asScalaBuffer(children).toSeq())
                : node;
    }

    // A predicate Spark cannot read must not let rows through unfiltered: the query fails instead.
    private Expression parse(RowFilter filter, CatalogTable table) {
        try {
            return session.sessionState().sqlParser().parseExpression(filter.expression());
        } catch (ParseException e) {
            throw new AccessControlException("Row filter of Ranger policy " + filter.policyId() + " on ["
                    + CatalogTables.resource(table).path() + "] is not valid Spark SQL: [" + filter.expression()
                    + "]: " + e.getMessage());
        }
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
