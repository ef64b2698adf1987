package io.lakegate.spark.authz.marker;

import static java.util.Objects.requireNonNull;

import io.lakegate.spark.authz.catalog.TableName;
import io.lakegate.spark.authz.plan.PassThroughNode;
import io.lakegate.spark.authz.plan.Subqueries;
import java.util.Objects;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.collection.JavaConverters;

/**
 * A node that changes no result and exists only between analysis and authorization: the optimizer cannot push
 * operators through a node it does not know, so what is below a marker stays as analysis left it until
 * {@link io.lakegate.spark.authz.privilege.AuthorizeStatement} has run and removed the marker.
 */
public abstract class AuthzMarker extends PassThroughNode {
    private static final long serialVersionUID = 1L;

    private final TableName table;

    public AuthzMarker(LogicalPlan child, TableName table) {
        super(child);
        this.table = requireNonNull(table, "table is null");
    }

    /**
     * Whether {@code plan} (not counting its subqueries, which are planned on their own) still awaits
     * authorization: every protected scan gets a marker during analysis, and authorization removes them all.
     */
    public static boolean pendingIn(LogicalPlan plan) {
        if (plan instanceof AuthzMarker) {
            return true;
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
            if (pendingIn(child)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code plan} or any subquery in it still awaits authorization. */
    public static boolean pendingWithSubqueries(LogicalPlan plan) {
        return Subqueries.anyNode(plan, node -> node instanceof AuthzMarker);
    }

    @Override
    public abstract AuthzMarker withChild(LogicalPlan newChild);

    public TableName table() {
        return table;
    }

    // Spark finds cached data by comparing canonical plans, and a plan that was cached while its reads awaited
    // authorization (CACHE TABLE) must match the same query authorized during analysis: a marker compares as what
    // stands in its place once authorized.
    @Override
    public LogicalPlan doCanonicalize() {
        return child().canonicalized();
    }

    @Override
    public int productArity() {
        return 2;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> child();
            case 1 -> table;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean equals(Object other) {
        return other != null
                && other.getClass() == getClass()
                && child().equals(((AuthzMarker) other).child())
                && table.equals(((AuthzMarker) other).table);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), child(), table);
    }
}
