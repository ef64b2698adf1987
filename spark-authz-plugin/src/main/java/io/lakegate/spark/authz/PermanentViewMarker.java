package io.lakegate.spark.authz;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.collection.IndexedSeq;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Stands above the plan of a permanent view until reads are authorized. Spark's optimizer removes {@code View}
 * nodes before any rule of ours runs; this node keeps a permanent view authorized as the view (its owner's grants
 * cover what is below it), and is removed once authorization has run. It changes no result.
 */
public final class PermanentViewMarker extends LogicalPlan {
    private static final long serialVersionUID = 1L;

    private final LogicalPlan child;
    private final CatalogTable view;

    // Public with the product's elements in order: Spark's tree copies rebuild nodes through this constructor.
    public PermanentViewMarker(LogicalPlan child, CatalogTable view) {
        this.child = requireNonNull(child, "child is null");
        this.view = requireNonNull(view, "view is null");
    }

    public LogicalPlan child() {
        return child;
    }

    public CatalogTable view() {
        return view;
    }

    @Override
    public Seq<Attribute> output() {
        return child.output();
    }

    @Override
    public Seq<LogicalPlan> children() {
        return JavaConverters.asScalaBuffer(List.of(child)).toSeq();
    }

    @Override
    public LogicalPlan withNewChildrenInternal(IndexedSeq<LogicalPlan> newChildren) {
        return new PermanentViewMarker(newChildren.apply(0), view);
    }

    @Override
    public int productArity() {
        return 2;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> child;
            case 1 -> view;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof PermanentViewMarker;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PermanentViewMarker that && child.equals(that.child) && view.equals(that.view);
    }

    @Override
    public int hashCode() {
        return Objects.hash(child, view);
    }
}
