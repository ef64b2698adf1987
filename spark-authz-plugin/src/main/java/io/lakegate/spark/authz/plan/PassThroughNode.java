package io.lakegate.spark.authz.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.collection.IndexedSeq;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * A logical node that passes its child's rows through unchanged and that Spark's rules do not know: the optimizer
 * pushes no operator through it, so what is below stays below.
 */
public abstract class PassThroughNode extends LogicalPlan {
    private static final long serialVersionUID = 1L;

    private final LogicalPlan child;
    // Asked for on every analyzer pass by most rules; the child (a Project, often) would rebuild it on each call.
    private transient Seq<Attribute> output;
    // Spark asks for a node's children on every walk of a plan.
    private transient Seq<LogicalPlan> children;

    protected PassThroughNode(LogicalPlan child) {
        this.child = requireNonNull(child, "child is null");
    }

    /** This node over {@code newChild}. */
    protected abstract PassThroughNode withChild(LogicalPlan newChild);

    public LogicalPlan child() {
        return child;
    }

    @Override
    public Seq<Attribute> output() {
        if (output == null) {
            output = child.output();
        }
        return output;
    }

    @Override
    public Seq<LogicalPlan> children() {
        if (children == null) {
            children = JavaConverters.asScalaBuffer(List.of(child)).toList();
        }
        return children;
    }

    @Override
    public LogicalPlan withNewChildrenInternal(IndexedSeq<LogicalPlan> newChildren) {
        return withChild(newChildren.apply(0));
    }

    @Override
    public boolean canEqual(Object that) {
        return that != null && that.getClass() == getClass();
    }
}
