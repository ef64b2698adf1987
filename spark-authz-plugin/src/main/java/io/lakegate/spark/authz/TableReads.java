package io.lakegate.spark.authz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The tables a plan reads, each with exactly the columns the plan uses anywhere: in projections, filters, join
 * conditions, groupings, orderings, windows and subqueries, and the plan's own output. Permanent views (under
 * their {@link PermanentViewMarker}) count as the table read; temporary views are already looked through. The
 * columns of a Ranger row filter (under its {@link RowFilterMarker}) are Ranger's, not the user's.
 */
final class TableReads {
    private TableReads() {}

    static List<TableRead> of(LogicalPlan plan) {
        Set<ExprId> used = new HashSet<>();
        addAll(plan.output(), used);
        collectUsed(plan, used);
        Map<TableName, Set<String>> reads = new LinkedHashMap<>();
        collectReads(plan, used, reads);
        List<TableRead> result = new ArrayList<>();
        reads.forEach(
                (table, columns) -> result.add(new TableRead(table.database(), table.table(), List.copyOf(columns))));
        return result;
    }

    private static void collectUsed(LogicalPlan node, Set<ExprId> used) {
        // Below a row-filter or mask marker there is only Ranger's filter or masks, the scan and what the optimizer
        // derived from the columns used above: nothing there is the user's.
        if (node instanceof RowFilterMarker || node instanceof DataMaskMarker) {
            return;
        }
        addAll(node.references().toSeq(), used);
        for (LogicalPlan child : list(node.children())) {
            collectUsed(child, used);
        }
        for (LogicalPlan subquery : pendingSubqueries(node)) {
            addAll(subquery.output(), used);
            collectUsed(subquery, used);
        }
    }

    private static void collectReads(LogicalPlan node, Set<ExprId> used, Map<TableName, Set<String>> reads) {
        // A masked table's columns are the mask's output: the user reads them masked, but reads them.
        if (node instanceof PermanentViewMarker || node instanceof DataMaskMarker) {
            AuthzMarker marker = (AuthzMarker) node;
            record(marker.table(), marker.output(), used, reads);
            return;
        }
        Optional<TableName> table = CatalogTables.scannedBy(node);
        if (table.isPresent()) {
            record(table.get(), node.output(), used, reads);
            return;
        }
        for (LogicalPlan child : list(node.children())) {
            collectReads(child, used, reads);
        }
        for (LogicalPlan subquery : pendingSubqueries(node)) {
            collectReads(subquery, used, reads);
        }
    }

    private static void record(
            TableName table, Seq<? extends Attribute> output, Set<ExprId> used, Map<TableName, Set<String>> reads) {
        Set<String> columns = reads.computeIfAbsent(table, name -> new TreeSet<>());
        for (Attribute attribute : list(output)) {
            if (used.contains(attribute.exprId())) {
                columns.add(attribute.name());
            }
        }
    }

    // The optimizer plans subqueries on their own before their query, authorizing them on the way.
    private static List<LogicalPlan> pendingSubqueries(LogicalPlan node) {
        List<LogicalPlan> pending = new ArrayList<>();
        for (LogicalPlan subquery : Subqueries.of(node)) {
            if (AuthzMarker.pendingIn(subquery)) {
                pending.add(subquery);
            }
        }
        return pending;
    }

    private static void addAll(Seq<? extends Attribute> attributes, Set<ExprId> used) {
        for (Attribute attribute : list(attributes)) {
            used.add(attribute.exprId());
        }
    }

    private static <T> List<? extends T> list(Seq<? extends T> seq) {
        return JavaConverters.seqAsJavaList(seq);
    }
}
