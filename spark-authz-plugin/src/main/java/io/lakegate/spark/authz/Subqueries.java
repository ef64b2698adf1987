package io.lakegate.spark.authz;

import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreePattern$;
import scala.collection.JavaConverters;

/** The subquery plans in a node's expressions. */
final class Subqueries {
    private Subqueries() {}

    /**
     * Asks the node only when its tree holds a subquery at all: Spark keeps that as a bit per node, while collecting
     * subqueries walks every expression of the node, and the rules walk every node on each optimizer iteration.
     */
    static List<LogicalPlan> of(LogicalPlan node) {
        if (!node.containsPattern(TreePattern$.MODULE$.PLAN_EXPRESSION())) {
            return List.of();
        }
        return JavaConverters.seqAsJavaList(node.subqueries());
    }

    /** Whether {@code plan} or a node anywhere below it, in its subqueries too, passes {@code test}. */
    static boolean anyNode(LogicalPlan plan, Predicate<LogicalPlan> test) {
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
}
