package io.lakegate.spark.authz.protection;

import io.lakegate.spark.authz.plan.Subqueries;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * The tables a row filter or mask names, as the policy's author meant them. The expression is analysed in the
 * reading user's session, where an unqualified name would resolve to the user's temporary view of that name, or to a
 * table of whatever database the user made current: {@code region IN (SELECT region FROM open_regions)} would read
 * the user's own {@code open_regions}. An unqualified table name is the protected table's database's.
 */
final class PolicyNames {
    private PolicyNames() {}

    static Expression qualified(Expression parsed, String database) {
        if (!SubqueryExpression.hasSubquery(parsed)) {
            return parsed;
        }
        return parsed.transform(new AbstractPartialFunction<Expression, Expression>() {
            @Override
            public boolean isDefinedAt(Expression node) {
                return node instanceof SubqueryExpression;
            }

            @Override
            public Expression apply(Expression node) {
                SubqueryExpression subquery = (SubqueryExpression) node;
                return subquery.withNewPlan(qualified(subquery.plan(), database));
            }
        });
    }

    private static LogicalPlan qualified(LogicalPlan plan, String database) {
        // A CTE of the expression's own is named without a database.
        Set<String> ctes = new HashSet<>();
        Subqueries.anyNode(plan, node -> {
            if (node instanceof UnresolvedWith with) {
                for (Tuple2<String, ?> relation : JavaConverters.seqAsJavaList(with.cteRelations())) {
                    ctes.add(relation._1().toLowerCase(Locale.ROOT));
                }
            }
            return false;
        });
        return plan.transformUpWithSubqueries(new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
            @Override
            public boolean isDefinedAt(LogicalPlan node) {
                return node instanceof UnresolvedRelation relation
                        && relation.multipartIdentifier().size() == 1
                        && !ctes.contains(relation.multipartIdentifier().head().toLowerCase(Locale.ROOT));
            }

            @Override
            public LogicalPlan apply(LogicalPlan node) {
                UnresolvedRelation relation = (UnresolvedRelation) node;
                return new UnresolvedRelation(
                        JavaConverters.asScalaBuffer(List.of(
                                        database, relation.multipartIdentifier().head()))
                                .toSeq(),
                        relation.options(),
                        relation.isStreaming());
            }
        });
    }
}
