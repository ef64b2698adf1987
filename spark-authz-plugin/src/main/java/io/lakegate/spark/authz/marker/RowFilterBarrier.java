package io.lakegate.spark.authz.marker;

import io.lakegate.spark.authz.plan.PassThroughNode;
import java.util.Objects;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Stands for good above a scan whose Ranger row filter holds an {@code IN} or {@code EXISTS} subquery. Spark turns
 * such a filter into a semi or anti join and puts the query's other predicates below it, where they would see
 * every stored row: an error a user's expression raises there (an ANSI cast, {@code raise_error},
 * {@code assert_true}) would carry a value of a row the filter removes. Nothing of the user's crosses this node;
 * Ranger's filter and masks, below it, are still optimized, pushed into the scan included. It plans as its child
 * (see {@link PlanRowFilterBarriers}).
 */
public final class RowFilterBarrier extends PassThroughNode {
    private static final long serialVersionUID = 1L;

    // Public with the product's elements in order: Spark's tree copies rebuild nodes through this constructor.
    public RowFilterBarrier(LogicalPlan child) {
        super(child);
    }

    @Override
    protected RowFilterBarrier withChild(LogicalPlan newChild) {
        return new RowFilterBarrier(newChild);
    }

    @Override
    public int productArity() {
        return 1;
    }

    @Override
    public Object productElement(int n) {
        if (n != 0) {
            throw new IndexOutOfBoundsException(n);
        }
        return child();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowFilterBarrier that && child().equals(that.child());
    }

    @Override
    public int hashCode() {
        return Objects.hash(RowFilterBarrier.class, child());
    }
}
