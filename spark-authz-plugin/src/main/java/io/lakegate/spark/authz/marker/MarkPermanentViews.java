package io.lakegate.spark.authz.marker;

import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.plan.Subqueries;
import java.util.List;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.catalyst.rules.Rule;
import scala.collection.JavaConverters;
import scala.runtime.AbstractPartialFunction;

/** Analyzer rule: puts a {@link PermanentViewMarker} under every permanent view, in subqueries too. */
public final class MarkPermanentViews extends Rule<LogicalPlan> {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        // Most queries name no permanent view: a walk costs far less than a transformation that changes nothing.
        if (!hasUnmarkedView(plan)) {
            return plan;
        }
        return plan.transformUpWithSubqueries(new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
            @Override
            public boolean isDefinedAt(LogicalPlan node) {
                return node instanceof View view
                        && !view.isTempView()
                        && !(view.child() instanceof PermanentViewMarker);
            }

            @Override
            public LogicalPlan apply(LogicalPlan node) {
                View view = (View) node;
                PermanentViewMarker marker = new PermanentViewMarker(view.child(), CatalogTables.name(view.desc()));
                return view.withNewChildren(JavaConverters.asScalaBuffer(List.<LogicalPlan>of(marker))
                        .toSeq());
            }
        });
    }

    private static boolean hasUnmarkedView(LogicalPlan plan) {
        return Subqueries.anyNode(
                plan,
                node -> node instanceof View view
                        && !view.isTempView()
                        && !(view.child() instanceof PermanentViewMarker));
    }
}
