package io.lakegate.spark.authz.marker;

import io.lakegate.spark.authz.catalog.TableName;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Stands above the plan of a permanent view. The optimizer removes {@code View} nodes before any rule of ours
 * runs; this keeps the view authorized as the view, whose own grants cover what is below it.
 */
public final class PermanentViewMarker extends AuthzMarker {
    private static final long serialVersionUID = 1L;

    // Public with the product's elements in order: Spark's tree copies rebuild nodes through this constructor.
    public PermanentViewMarker(LogicalPlan child, TableName view) {
        super(child, view);
    }

    @Override
    public AuthzMarker withChild(LogicalPlan newChild) {
        return new PermanentViewMarker(newChild, table());
    }
}
