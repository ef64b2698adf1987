package io.lakegate.spark.authz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The tables an analysed plan reads, each with exactly the columns the plan uses anywhere: in projections,
 * filters, join conditions, groupings, orderings, windows and subqueries. Permanent views (under their
 * {@link PermanentViewMarker}) count as the table read; temporary views are already looked through.
 */
final class TableReads {
    private TableReads() {}

    static List<TableRead> of(LogicalPlan plan) {
        Set<ExprId> used = new HashSet<>();
        for (Attribute attribute : list(plan.output())) {
            used.add(attribute.exprId());
        }
        collectUsed(plan, used);
        Map<TableIdentifier, Set<String>> reads = new LinkedHashMap<>();
        collectReads(plan, used, reads);
        List<TableRead> result = new ArrayList<>();
        reads.forEach((identifier, columns) ->
                result.add(new TableRead(database(identifier), identifier.table(), List.copyOf(columns))));
        return result;
    }

    private static void collectUsed(LogicalPlan node, Set<ExprId> used) {
        for (Attribute attribute : list(node.references().toSeq())) {
            used.add(attribute.exprId());
        }
        for (LogicalPlan child : list(node.children())) {
            collectUsed(child, used);
        }
        for (LogicalPlan subquery : list(node.subqueries())) {
            for (Attribute attribute : list(subquery.output())) {
                used.add(attribute.exprId());
            }
            collectUsed(subquery, used);
        }
    }

    private static void collectReads(LogicalPlan node, Set<ExprId> used, Map<TableIdentifier, Set<String>> reads) {
        if (node instanceof PermanentViewMarker marker) {
            record(marker.view(), marker.output(), used, reads);
            return;
        }
        if (node instanceof HiveTableRelation relation) {
            record(relation.tableMeta(), relation.output(), used, reads);
            return;
        }
        if (node instanceof LogicalRelation relation && relation.catalogTable().isDefined()) {
            record(relation.catalogTable().get(), relation.output(), used, reads);
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

    private static String database(TableIdentifier identifier) {
        return identifier.database().isDefined() ? identifier.database().get() : "default";
    }

    private static <T> List<? extends T> list(Seq<? extends T> seq) {
        return JavaConverters.seqAsJavaList(seq);
    }
}
