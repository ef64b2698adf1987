package io.lakegate.spark.authz;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * Ranger row filters and masks as resolved expressions: analysed once per text and table schema, then bound to
 * the columns of each scan. Put in a plan resolved, they cost the analyzer no further pass over the query (an
 * unresolved one costs a whole extra iteration of its resolution rules). A filter or mask that does not resolve on
 * its own, or holds a subquery, is returned as parsed, for the query's analysis to resolve or report.
 */
final class PolicyExpressionTemplates {
    private final SparkSession session;
    private final Cache<String, Optional<Template>> templates =
            Caffeine.newBuilder().maximumSize(10_000).build();

    PolicyExpressionTemplates(SparkSession session) {
        this.session = requireNonNull(session, "session is null");
    }

    Expression rowFilter(String sql, Expression parsed, List<Attribute> columns) {
        return bind('F', sql, parsed, columns);
    }

    Expression mask(String sql, Expression parsed, List<Attribute> columns) {
        return bind('M', sql, parsed, columns);
    }

    private Expression bind(char kind, String sql, Expression parsed, List<Attribute> columns) {
        if (SubqueryExpression.hasSubquery(parsed)) {
            return parsed;
        }
        StringBuilder key = new StringBuilder().append(kind).append(sql);
        for (Attribute column : columns) {
            key.append('\u0000')
                    .append(column.name())
                    .append(':')
                    .append(column.dataType().catalogString());
        }
        Optional<Template> template = templates.get(key.toString(), unused -> analyse(kind, parsed, columns));
        return template.map(each -> each.boundTo(columns)).orElse(parsed);
    }

    private Optional<Template> analyse(char kind, Expression parsed, List<Attribute> columns) {
        LogicalPlan relation = new LocalRelation(seq(columns), seq(List.of()), false);
        LogicalPlan plan = kind == 'F'
                ? new Filter(parsed, relation)
                : new Project(
                        seq(List.of(new Alias(
                                parsed,
                                "mask",
                                NamedExpression.newExprId(),
                                seq(List.of()),
                                Option.empty(),
                                seq(List.of())))),
                        relation);
        LogicalPlan analysed = session.sessionState().analyzer().execute(plan);
        if (!analysed.resolved()) {
            return Optional.empty();
        }
        Expression expression;
        if (analysed instanceof Filter filter && filter.child() == relation) {
            expression = filter.condition();
        } else if (analysed instanceof Project project
                && project.child() == relation
                && project.projectList().apply(0) instanceof Alias alias) {
            expression = alias.child();
        } else {
            return Optional.empty();
        }
        return Optional.of(
                new Template(expression, columns.stream().map(Attribute::exprId).toList()));
    }

    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toSeq();
    }

    /** A resolved expression over the columns of the scan it was analysed for, in order. */
    private record Template(Expression expression, List<ExprId> columns) {
        Expression boundTo(List<Attribute> scanColumns) {
            Map<ExprId, Attribute> rebound = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                if (!columns.get(i).equals(scanColumns.get(i).exprId())) {
                    rebound.put(columns.get(i), scanColumns.get(i));
                }
            }
            if (rebound.isEmpty()) {
                return expression;
            }
            return expression.transform(new AbstractPartialFunction<Expression, Expression>() {
                @Override
                public boolean isDefinedAt(Expression node) {
                    return node instanceof AttributeReference reference && rebound.containsKey(reference.exprId());
                }

                @Override
                public Expression apply(Expression node) {
                    return rebound.get(((AttributeReference) node).exprId());
                }
            });
        }
    }
}
