package io.lakegate.spark.authz.protection;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.RuntimeReplaceable;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.Unevaluable;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenFallback;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * Ranger row filters and masks analysed once for the columns of a scan, then bound to each scan with those
 * columns. Put in a plan resolved, they cost the analyzer no further pass over the query (an unresolved one costs a
 * whole extra iteration of its resolution rules). A filter or mask that does not resolve on its own, or holds a
 * subquery, stays as parsed, for the query's analysis to resolve or report. A mask that needs nothing more from
 * Spark's optimizer becomes one {@link MaskedValue}.
 */
public final class PolicyExpressionTemplates {
    private final SparkSession session;

    public PolicyExpressionTemplates(SparkSession session) {
        this.session = requireNonNull(session, "session is null");
    }

    /** A row filter or mask for scans whose columns have the names and types of the scan it was made for. */
    public interface Template {
        Expression boundTo(List<Attribute> scanColumns);
    }

    public Template rowFilter(Expression parsed, List<Attribute> columns) {
        if (SubqueryExpression.hasSubquery(parsed)) {
            return unused -> parsed;
        }
        LogicalPlan analysed = analyse(new Filter(parsed, relation(columns)));
        if (analysed.resolved() && analysed instanceof Filter filter && filter.child() instanceof LocalRelation) {
            return new Rebound(filter.condition(), exprIds(columns));
        }
        return unused -> parsed;
    }

    public Template mask(String maskType, Expression parsed, List<Attribute> columns) {
        if (SubqueryExpression.hasSubquery(parsed)) {
            return unused -> parsed;
        }
        Alias alias =
                new Alias(parsed, "mask", NamedExpression.newExprId(), seq(List.of()), Option.empty(), seq(List.of()));
        LogicalPlan analysed = analyse(new Project(seq(List.of(alias)), relation(columns)));
        if (!(analysed.resolved()
                && analysed instanceof Project project
                && project.child() instanceof LocalRelation
                && project.projectList().apply(0) instanceof Alias analysedAlias)) {
            return unused -> parsed;
        }
        Expression mask = analysedAlias.child();
        Expression evaluable = foldConstants(replaceRuntimeReplaceables(mask));
        Map<ExprId, Integer> ordinals = new HashMap<>();
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (evaluable.references().contains(columns.get(i))) {
                ordinals.put(columns.get(i).exprId(), inputs.size());
                inputs.add(i);
            }
        }
        Expression body = evaluable.transform(new AbstractPartialFunction<Expression, Expression>() {
            @Override
            public boolean isDefinedAt(Expression node) {
                return node instanceof AttributeReference reference && ordinals.containsKey(reference.exprId());
            }

            @Override
            public Expression apply(Expression node) {
                // Nullable whatever the column says: the value comes from wherever Spark evaluates the mask.
                return new BoundReference(ordinals.get(((AttributeReference) node).exprId()), node.dataType(), true);
            }
        });
        // What the optimizer must still see: a constant to fold, randomness or state to initialize per partition, and
        // what cannot compute on its own (unreplaced or unevaluable nodes, code generation that reads the input row).
        if (body.foldable()
                || anyNode(
                        body,
                        node -> !node.deterministic()
                                || node.stateful()
                                || node instanceof RuntimeReplaceable
                                || node instanceof Unevaluable
                                || node instanceof CodegenFallback)) {
            return new Rebound(mask, exprIds(columns));
        }
        List<Integer> inputColumns = List.copyOf(inputs);
        return scanColumns ->
                MaskedValue.of(inputColumns.stream().map(scanColumns::get).toList(), body, maskType);
    }

    // The optimizer replaces these before anything computes them; it never sees inside an opaque mask.
    private static Expression replaceRuntimeReplaceables(Expression expression) {
        return expression.transformDown(new AbstractPartialFunction<Expression, Expression>() {
            @Override
            public boolean isDefinedAt(Expression node) {
                return node instanceof RuntimeReplaceable;
            }

            @Override
            public Expression apply(Expression node) {
                return ((RuntimeReplaceable) node).replacement();
            }
        });
    }

    // Nor does it fold an opaque mask's constants: folded here, they are not computed for each row.
    private static Expression foldConstants(Expression expression) {
        return expression.transformDown(new AbstractPartialFunction<Expression, Expression>() {
            @Override
            public boolean isDefinedAt(Expression node) {
                return node.foldable() && !(node instanceof Literal);
            }

            @Override
            public Expression apply(Expression node) {
                try {
                    return Literal.create(node.eval(null), node.dataType());
                } catch (RuntimeException e) {
                    // Left to fail, or not, where Spark computes it, as it would without the mask being opaque.
                    return node;
                }
            }
        });
    }

    private LogicalPlan analyse(LogicalPlan plan) {
        return session.sessionState().analyzer().execute(plan);
    }

    private static LocalRelation relation(List<Attribute> columns) {
        return new LocalRelation(seq(columns), seq(List.of()), false);
    }

    private static List<ExprId> exprIds(List<Attribute> columns) {
        return columns.stream().map(Attribute::exprId).toList();
    }

    private static boolean anyNode(Expression expression, Predicate<Expression> predicate) {
        if (predicate.test(expression)) {
            return true;
        }
        for (Expression child : JavaConverters.seqAsJavaList(expression.children())) {
            if (anyNode(child, predicate)) {
                return true;
            }
        }
        return false;
    }

    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toSeq();
    }

    /** A resolved expression over the columns of the scan it was analysed for, in order, moved to another's. */
    private record Rebound(Expression expression, List<ExprId> columns) implements Template {
        @Override
        public Expression boundTo(List<Attribute> scanColumns) {
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
