package io.lakegate.spark.authz;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
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

    // Public with the product's elements in order: Spark's tree copies rebuild nodes through this constructor.
    public ReaderScanMarker(LogicalPlan child, TableName table, String reader, long policyVersion) {
        super(child, table);
        this.reader = requireNonNull(reader, "reader is null");
        this.policyVersion = policyVersion;
    }

    /**
     * What stands in this marker's place once the reads below it are authorized: its child, with the scan at the
     * bottom under a {@link ReaderTag}. Right above the scan, the tag merges into the row filter or folds away
     * without holding up any rule the optimizer applies to what is above.
     */
    LogicalPlan authorized() {
        return tagged(child());
    }

    private LogicalPlan tagged(LogicalPlan node) {
        if (node instanceof Project || node instanceof Filter && !ReaderTag.tags(node)) {
            LogicalPlan child = JavaConverters.seqAsJavaList(node.children()).get(0);
            return node.withNewChildren(
                    JavaConverters.asScalaBuffer(List.of(tagged(child))).toSeq());
        }
        return new Filter(new ReaderTag(reader, policyVersion), node);
    }

    @Override
    public LogicalPlan doCanonicalize() {
        return authorized().canonicalized();
    }

    @Override
    AuthzMarker withChild(LogicalPlan newChild) {
        return new ReaderScanMarker(newChild, table(), reader, policyVersion);
    }

    @Override
    public int productArity() {
        return 4;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 2 -> reader;
            case 3 -> policyVersion;
            default -> super.productElement(n);
        };
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
