package io.lakegate.spark.authz.marker;

import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.SparkStrategy;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Planner strategy: a {@link RowFilterBarrier} has done its work once optimized; it plans as its child. */
public final class PlanRowFilterBarriers extends SparkStrategy {
    private static final Seq<SparkPlan> NONE =
            JavaConverters.asScalaBuffer(List.<SparkPlan>of()).toList();

    @Override
    public Seq<SparkPlan> apply(LogicalPlan plan) {
        if (plan instanceof RowFilterBarrier barrier) {
            return JavaConverters.asScalaBuffer(List.of(planLater(barrier.child())))
                    .toList();
        }
        return NONE;
    }
}
