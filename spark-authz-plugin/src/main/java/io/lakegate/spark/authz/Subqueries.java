package io.lakegate.spark.authz;

import java.util.List;
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
}
