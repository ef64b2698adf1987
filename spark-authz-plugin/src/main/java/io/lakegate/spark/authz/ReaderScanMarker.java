package io.lakegate.spark.authz;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

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
