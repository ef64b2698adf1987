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
import scala.runtime.AbstractFunction1;

/**
 * The tables a plan reads, each with exactly the columns the plan uses anywhere: in projections, filters, join
 * conditions, groupings, orderings, windows and subqueries, and the plan's own output. Permanent views (under
 * their {@link PermanentViewMarker}) count as the table read; temporary views are already looked through. The
 * columns of a Ranger row filter or mask (under the scan's {@link ReaderScanMarker}) are Ranger's, not the user's.
 */
final class TableReads {
    private TableReads() {}

    static List<TableRead> of(LogicalPlan plan) {
        return of(plan, false);
    }

    /**
     * The reads of an analysed plan that are not authorized yet: a scan under a {@link ReaderTag} was authorized
     * when the plan holding it was analysed (a DataFrame, now part of this plan), for every column it offers. Only
     * on analysed plans: the optimizer moves tags.
     */
    static List<TableRead> notYetAuthorized(LogicalPlan analysed) {
        return of(analysed, true);
    }

    private static List<TableRead> of(LogicalPlan plan, boolean skipAuthorized) {
        Set<ExprId> used = new HashSet<>();
        addAll(plan.output(), used);
        collectUsed(plan, used, skipAuthorized);
        Map<TableName, Set<String>> reads = new LinkedHashMap<>();
        collectReads(plan, used, reads, skipAuthorized);
        List<TableRead> result = new ArrayList<>();
        reads.forEach(
                (table, columns) -> result.add(new TableRead(table.database(), table.table(), List.copyOf(columns))));
        return result;
    }

    private static void collectUsed(LogicalPlan node, Set<ExprId> used, boolean skipAuthorized) {
        // Below a scan's marker (or its tag) there is only Ranger's row filter and masks, and the scan: nothing
        // there is the user's.
        if (node instanceof ReaderScanMarker || skipAuthorized && ReaderTag.tags(node)) {
            return;
        }
        node.references().foreach(new AbstractFunction1<Attribute, Object>() {
            @Override
            public Object apply(Attribute attribute) {
                return used.add(attribute.exprId());
            }
        });
        for (LogicalPlan child : list(node.children())) {
            collectUsed(child, used, skipAuthorized);
        }
        for (LogicalPlan subquery : pendingSubqueries(node)) {
            addAll(subquery.output(), used);
            collectUsed(subquery, used, skipAuthorized);
        }
    }

    private static void collectReads(
            LogicalPlan node, Set<ExprId> used, Map<TableName, Set<String>> reads, boolean skipAuthorized) {
        if (skipAuthorized && ReaderTag.tags(node)) {
            return;
        }
        // A masked table's columns are the mask's output: the user reads them masked, but reads them.
        if (node instanceof PermanentViewMarker || node instanceof ReaderScanMarker) {
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
            collectReads(child, used, reads, skipAuthorized);
        }
        for (LogicalPlan subquery : pendingSubqueries(node)) {
            collectReads(subquery, used, reads, skipAuthorized);
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
