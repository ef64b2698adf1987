package io.lakegate.spark.authz;

import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Stands above a table's Ranger row filter ({@code Filter(policy predicate, table)}), so that everything the
 * user wrote stays above the filter, and the filter's columns are not taken for columns the user reads.
 */
public final class RowFilterMarker extends AuthzMarker {
    private static final long serialVersionUID = 1L;

    // Public with the product's elements in order: Spark's tree copies rebuild nodes through this constructor.
    public RowFilterMarker(LogicalPlan child, TableName table) {
        super(child, table);
    }

    @Override
    AuthzMarker withChild(LogicalPlan newChild) {
        return new RowFilterMarker(newChild, table());
    }
}
