package io.lakegate.spark.authz.privilege;

import java.util.Optional;
import org.apache.spark.sql.catalyst.analysis.EliminateSubqueryAliases;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTable;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTableWithFilters;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.MergeIntoTable;
import org.apache.spark.sql.catalyst.plans.logical.RowLevelWrite;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;

/**
 * The table an {@code UPDATE}, {@code DELETE} or {@code MERGE} changes, before Spark rewrites it (the target is a
 * child of the command) and after (a {@link RowLevelWrite} whose query re-reads the target).
 */
public final class RowLevelChanges {
    private RowLevelChanges() {}

    public static Optional<LogicalPlan> targetOf(LogicalPlan plan) {
        LogicalPlan target = null;
        if (plan instanceof DeleteFromTable delete) {
            target = delete.table();
        } else if (plan instanceof UpdateTable update) {
            target = update.table();
        } else if (plan instanceof MergeIntoTable merge) {
            target = merge.targetTable();
        } else if (plan instanceof DeleteFromTableWithFilters delete) {
            target = delete.table();
        } else if (plan instanceof RowLevelWrite write && write.originalTable() instanceof LogicalPlan original) {
            target = original;
        }
        return Optional.ofNullable(target).map(EliminateSubqueryAliases::apply);
    }
}
