package io.lakegate.spark.authz.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreePattern$;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;

/** The subquery plans in a node's expressions. */
public final class Subqueries {
    private Subqueries() {}

    /**
     * Asks the node only when its tree holds a subquery at all: Spark keeps that as a bit per node, while collecting
     * subqueries walks every expression of the node, and the rules walk every node on each optimizer iteration.
     */
    public static List<LogicalPlan> of(LogicalPlan node) {
        if (!node.containsPattern(TreePattern$.MODULE$.PLAN_EXPRESSION())) {
            return List.of();
        }
        return JavaConverters.seqAsJavaList(node.subqueries());
    }

    /** Whether {@code plan} or a node anywhere below it, in its subqueries too, passes {@code test}. */
    public static boolean anyNode(LogicalPlan plan, Predicate<LogicalPlan> test) {
        if (test.test(plan)) {
            return true;
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
            if (anyNode(child, test)) {
                return true;
            }
        }
        for (LogicalPlan subquery : of(plan)) {
            if (anyNode(subquery, test)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code plan} with every node that passes {@code test}, in its subqueries too, replaced bottom-up by
     * {@code replace}; nodes above none of them are kept as they are. Unlike Spark's transformations with subqueries,
     * it maps the expressions only of nodes that hold a subquery.
     */
    public static LogicalPlan replace(
            LogicalPlan plan, Predicate<LogicalPlan> test, UnaryOperator<LogicalPlan> replace) {
        List<LogicalPlan> children = JavaConverters.seqAsJavaList(plan.children());
        List<LogicalPlan> newChildren = new ArrayList<>(children.size());
        boolean changed = false;
        for (LogicalPlan child : children) {
            LogicalPlan newChild = replace(child, test, replace);
            changed |= newChild != child;
            newChildren.add(newChild);
        }
        LogicalPlan result = changed
                ? plan.withNewChildren(JavaConverters.asScalaBuffer(newChildren).toSeq())
                : plan;
        if (holdsSubquery(result)) {
            result = result.transformExpressions(new AbstractPartialFunction<Expression, Expression>() {
                @Override
                public boolean isDefinedAt(Expression expression) {
                    return expression instanceof SubqueryExpression;
                }

                @Override
                public Expression apply(Expression expression) {
                    SubqueryExpression subquery = (SubqueryExpression) expression;
                    LogicalPlan newPlan = replace(subquery.plan(), test, replace);
                    return newPlan == subquery.plan() ? subquery : subquery.withNewPlan(newPlan);
                }
            });
        }
        return test.test(result) ? replace.apply(result) : result;
    }

    // The node's own expressions: its tree-pattern bits count its children's too.
    private static boolean holdsSubquery(LogicalPlan node) {
        if (!node.containsPattern(TreePattern$.MODULE$.PLAN_EXPRESSION())) {
            return false;
        }
        for (Expression expression : JavaConverters.seqAsJavaList(node.expressions())) {
            if (expression.containsPattern(TreePattern$.MODULE$.PLAN_EXPRESSION())) {
                return true;
            }
        }
        return false;
    }
}
