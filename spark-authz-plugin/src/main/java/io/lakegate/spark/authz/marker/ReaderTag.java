package io.lakegate.spark.authz.marker;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.TableProtection;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenFallback;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.BooleanType$;
import org.apache.spark.sql.types.DataType;
import scala.collection.IndexedSeq;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Always true; stands, as the condition of a filter, above a protected scan whose reads have been authorized
 * during analysis (where a {@link ReaderScanMarker} stood), naming the user and the Ranger policy version. Spark
 * reuses cached data by matching analysed plans, so with this in the plan no other user's cached data, and none
 * cached under older policies, answers the query; and the analyzer knows the scan below as protected already. A
 * filter of a constant, unlike a marker, does not hold the optimizer up: constant folding removes it at once. No
 * SQL can name it, so no user can make a scan look protected.
 */
public final class ReaderTag extends Expression implements CodegenFallback {
    private static final long serialVersionUID = 1L;
    private static final Seq<Expression> NO_CHILDREN =
            JavaConverters.asScalaBuffer(List.<Expression>of()).toList();

    private final String reader;
    private final long policyVersion;
    // Only the driver's analyzer needs it; should a plan ever be shipped, executors only evaluate `true`.
    private final transient TableProtection protection;

    // Public with the product's elements in order: Spark's tree copies rebuild nodes through this constructor.
    public ReaderTag(String reader, long policyVersion, TableProtection protection) {
        this.reader = requireNonNull(reader, "reader is null");
        this.policyVersion = policyVersion;
        this.protection = requireNonNull(protection, "protection is null");
    }

    public String reader() {
        return reader;
    }

    public long policyVersion() {
        return policyVersion;
    }

    /** The row filter and masks applied to the scan below, as Ranger decided them for the reader at the version. */
    public TableProtection protection() {
        return protection;
    }

    /** Whether {@code node} is the filter of a {@link ReaderTag} that analysis put above a protected scan. */
    public static boolean tags(LogicalPlan node) {
        return node instanceof Filter filter && filter.condition() instanceof ReaderTag;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    // The optimizer folds it to `true` and drops the filter in its first pass: only analysis needs to see it.
    @Override
    public boolean foldable() {
        return true;
    }

    @Override
    public Object eval(InternalRow input) {
        return true;
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        return CodegenFallback.super.doGenCode(ctx, ev);
    }

    @Override
    public DataType dataType() {
        return BooleanType$.MODULE$;
    }

    @Override
    public Seq<Expression> children() {
        return NO_CHILDREN;
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
        return this;
    }

    @Override
    public String prettyName() {
        return "lakegate_reader";
    }

    @Override
    public String toString() {
        return prettyName() + "(" + reader + ", " + policyVersion + ")";
    }

    @Override
    public String sql() {
        return toString();
    }

    @Override
    public int productArity() {
        return 3;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> reader;
            case 1 -> policyVersion;
            case 2 -> protection;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof ReaderTag;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReaderTag that && reader.equals(that.reader) && policyVersion == that.policyVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(reader, policyVersion);
    }
}
