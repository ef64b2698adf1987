package io.lakegate.ranger;

import static java.util.Objects.requireNonNull;

/** A Ranger row-filter policy's predicate, in the SQL of the policy (Hive SQL for the Hive service). */
public record RowFilter(String expression, long policyId) {
    public RowFilter {
        requireNonNull(expression, "expression is null");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("row filter expression is blank");
        }
    }
}
