package io.lakegate.spark.authz.marker;

import static java.util.Objects.requireNonNull;

import io.lakegate.ranger.TableProtection;
import io.lakegate.spark.authz.catalog.TableName;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import scala.collection.Iterator;
import scala.collection.JavaConverters;

/**
 * Stands above every protected scan (and its row filter and masks) with the user it was analysed for and the
 * Ranger policy version in force. Spark reuses cached data by matching analysed plans; with reader and version in
 * the plan, data cached by one user, or under older policies, never answers another's query.
 */
public final class ReaderScanMarker extends AuthzMarker {
    private static final long serialVersionUID = 1L;

    private final String reader;
    private final long policyVersion;
    private final TableProtection protection;

    // Public with the product's elements in order: Spark's tree copies rebuild nodes through this constructor.
    public ReaderScanMarker(
            LogicalPlan child, TableName table, String reader, long policyVersion, TableProtection protection) {
        super(child, table);
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

    /** The row filter and masks applied below, as Ranger decided them for the reader at the policy version. */
    public TableProtection protection() {
        return protection;
    }

    /** This marker, for the same reader under {@code version}, whose Ranger decisions are those applied below. */
    public ReaderScanMarker underVersion(long version) {
        return new ReaderScanMarker(child(), table(), reader, version, protection);
    }

    /**
     * What stands in this marker's place once the reads below it are authorized at analysis: its child, with the
     * scan at the bottom under a {@link ReaderTag}. Right above the scan, the tag merges into the row filter or folds
     * away without holding up any rule the optimizer applies to what is above. A row filter with a subquery stays
     * under a {@link RowFilterBarrier}.
     */
    public LogicalPlan authorized() {
        return barred(tagged(child()));
    }

    /** What stands in this marker's place once authorized as the plan runs: its child, barred as it must be. */
    public LogicalPlan unmarked() {
        return barred(child());
    }

    private LogicalPlan barred(LogicalPlan protectedScan) {
        return filtersWithSubquery(child()) ? new RowFilterBarrier(protectedScan) : protectedScan;
    }

    private static boolean filtersWithSubquery(LogicalPlan node) {
        LogicalPlan current = node;
        while (current instanceof Project || current instanceof Filter) {
            if (current instanceof Filter filter
                    && RangerNodes.isRangers(filter)
                    && SubqueryExpression.hasSubquery(filter.condition())) {
                return true;
            }
            current = JavaConverters.seqAsJavaList(current.children()).get(0);
        }
        return false;
    }

    private LogicalPlan tagged(LogicalPlan node) {
        if (node instanceof Project || node instanceof Filter && !ReaderTag.tags(node)) {
            LogicalPlan child = JavaConverters.seqAsJavaList(node.children()).get(0);
            return node.withNewChildren(
                    JavaConverters.asScalaBuffer(List.of(tagged(child))).toSeq());
        }
        return new Filter(new ReaderTag(reader, policyVersion, protection), node);
    }

    @Override
    public LogicalPlan doCanonicalize() {
        return authorized().canonicalized();
    }

    @Override
    public AuthzMarker withChild(LogicalPlan newChild) {
        return new ReaderScanMarker(newChild, table(), reader, policyVersion, protection);
    }

    @Override
    public int productArity() {
        return 5;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 2 -> reader;
            case 3 -> policyVersion;
            case 4 -> protection;
            default -> super.productElement(n);
        };
    }

    // EXPLAIN shows reader and version; the decisions are the filter and projection below.
    @Override
    public Iterator<Object> stringArgs() {
        return JavaConverters.asScalaIterator(
                List.<Object>of(child(), table(), reader, policyVersion).iterator());
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other)
                && reader.equals(((ReaderScanMarker) other).reader)
                && policyVersion == ((ReaderScanMarker) other).policyVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), reader, policyVersion);
    }
}
