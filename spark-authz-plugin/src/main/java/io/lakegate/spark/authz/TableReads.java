package io.lakegate.spark.authz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
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
        Map<TableIdentifier, Set<String>> reads = new LinkedHashMap<>();
        collectReads(plan, used, reads);
        List<TableRead> result = new ArrayList<>();
        reads.forEach((identifier, columns) -> result.add(
                new TableRead(CatalogTables.database(identifier), identifier.table(), List.copyOf(columns))));
        return result;
    }

    private static void collectUsed(LogicalPlan node, Set<ExprId> used) {
        // Below a row-filter marker there is only Ranger's filter, the scan and what the optimizer derived from
        // the columns used above it: nothing there is the user's.
        if (node instanceof RowFilterMarker) {
            return;
        }
        addAll(node.references().toSeq(), used);
        for (LogicalPlan child : list(node.children())) {
            collectUsed(child, used);
        }
        for (LogicalPlan subquery : list(node.subqueries())) {
            addAll(subquery.output(), used);
            collectUsed(subquery, used);
        }
    }

    private static void collectReads(LogicalPlan node, Set<ExprId> used, Map<TableIdentifier, Set<String>> reads) {
        if (node instanceof PermanentViewMarker marker) {
            record(marker.table(), marker.output(), used, reads);
            return;
        }
        Optional<CatalogTable> table = CatalogTables.scannedBy(node);
        if (table.isPresent()) {
            record(table.get(), node.output(), used, reads);
            return;
        }
        for (LogicalPlan child : list(node.children())) {
            collectReads(child, used, reads);
        }
        for (LogicalPlan subquery : list(node.subqueries())) {
            collectReads(subquery, used, reads);
        }
    }

    private static void record(
            CatalogTable table,
            Seq<? extends Attribute> output,
            Set<ExprId> used,
            Map<TableIdentifier, Set<String>> reads) {
        Set<String> columns = reads.computeIfAbsent(table.identifier(), identifier -> new TreeSet<>());
        for (Attribute attribute : list(output)) {
            if (used.contains(attribute.exprId())) {
                columns.add(attribute.name());
            }
        }
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
