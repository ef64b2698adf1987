package io.lakegate.spark.authz;

import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Stands above the projection that masks a table's columns, so that everything the user wrote (predicates, joins,
 * aggregates, sorts) sees only masked values; its output counts as the table's columns for the privilege check.
 */
public final class DataMaskMarker extends AuthzMarker {
    private static final long serialVersionUID = 1L;

    // Public with the product's elements in order: Spark's tree copies rebuild nodes through this constructor.
    public DataMaskMarker(LogicalPlan child, TableName table) {
        super(child, table);
    }

    @Override
    AuthzMarker withChild(LogicalPlan newChild) {
        return new DataMaskMarker(newChild, table());
    }
}
