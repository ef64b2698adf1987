package io.lakegate.spark.authz.marker;

import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.trees.TreeNodeTag;

/**
 * The row filter and the masking projection Lakegate puts above a protected scan carry a tree-node tag, which Spark
 * carries over when a rule rewrites a node: in an analysed plan they tell apart what Ranger reads (the filter's
 * columns, every column the projection passes on) from what the user's query reads.
 */
public final class RangerNodes {
    private static final TreeNodeTag<Boolean> RANGER = new TreeNodeTag<>("lakegate.ranger");

    private RangerNodes() {}

    public static <T extends LogicalPlan> T mark(T node) {
        node.setTagValue(RANGER, Boolean.TRUE);
        return node;
    }

    public static boolean isRangers(LogicalPlan node) {
        return node.getTagValue(RANGER).isDefined();
    }
}
