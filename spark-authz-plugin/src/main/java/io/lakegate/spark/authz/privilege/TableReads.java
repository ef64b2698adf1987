package io.lakegate.spark.authz.privilege;

import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.TableName;
import io.lakegate.spark.authz.marker.AuthzMarker;
import io.lakegate.spark.authz.marker.PermanentViewMarker;
import io.lakegate.spark.authz.marker.RangerNodes;
import io.lakegate.spark.authz.marker.ReaderScanMarker;
import io.lakegate.spark.authz.marker.ReaderTag;
import io.lakegate.spark.authz.plan.Subqueries;
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
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;

/**
 * The tables a plan reads, each with exactly the columns the plan uses anywhere: in projections, filters, join
 * conditions, groupings, orderings, windows and subqueries, and the plan's own output. Permanent views (under
 * their {@link PermanentViewMarker}) count as the table read; temporary views are already looked through. The
 * columns of a Ranger row filter or mask (under the scan's {@link ReaderScanMarker}) are Ranger's, not the user's.
 */
public final class TableReads {
    private TableReads() {}

    public static List<TableRead> of(LogicalPlan plan) {
        return of(plan, false);
    }

    /**
     * The reads of an analysed plan, where a scan that was authorized when the plan holding it was analysed (a
     * DataFrame, now part of this one) stands under a {@link ReaderTag}: it counts again, with the columns this plan
     * uses of it, which may be more than that plan used (Spark resolves a column a DataFrame dropped by adding it
     * back to the DataFrame's projection). Ranger's row filter and masks above it (see {@link RangerNodes}) are not
     * the user's reads. Only on analysed plans: the optimizer merges the user's operators into Ranger's.
     */
    public static List<TableRead> ofAnalysed(LogicalPlan analysed) {
        return of(analysed, true);
    }

    /** Whether an analysed plan, subqueries included, reads a protected table or a permanent view. */
    public static boolean anyInAnalysed(LogicalPlan analysed) {
        return Subqueries.anyNode(analysed, node -> node instanceof AuthzMarker || ReaderTag.tags(node));
    }

    private static List<TableRead> of(LogicalPlan plan, boolean analysed) {
        Set<ExprId> used = new HashSet<>();
        addAll(plan.output(), used);
        collectUsed(plan, used, analysed);
        Map<TableName, Set<String>> reads = new LinkedHashMap<>();
        collectReads(plan, used, reads, analysed);
        List<TableRead> result = new ArrayList<>();
        reads.forEach((table, columns) -> result.add(new TableRead(table, List.copyOf(columns))));
        return result;
    }

    private static void collectUsed(LogicalPlan node, Set<ExprId> used, boolean analysed) {
        // Below a scan's marker (or its tag) there is only Ranger's row filter and masks, and the scan: nothing
        // there is the user's.
        if (node instanceof ReaderScanMarker || analysed && ReaderTag.tags(node)) {
            return;
        }
        // A command consumes every column of what it is given: a write's query, say.
        if (node instanceof Command) {
            for (LogicalPlan child : list(node.children())) {
                addAll(child.output(), used);
            }
        }
        if (!(analysed && RangerNodes.isRangers(node))) {
            node.references().foreach(new AbstractFunction1<Attribute, Object>() {
                @Override
                public Object apply(Attribute attribute) {
                    return used.add(attribute.exprId());
                }
            });
        }
        for (LogicalPlan child : list(node.children())) {
            collectUsed(child, used, analysed);
        }
        for (LogicalPlan subquery : subqueries(node, analysed)) {
            addAll(subquery.output(), used);
            collectUsed(subquery, used, analysed);
        }
    }

    private static void collectReads(
            LogicalPlan node, Set<ExprId> used, Map<TableName, Set<String>> reads, boolean analysed) {
        // A masked table's columns are the mask's output: the user reads them masked, but reads them.
        if (node instanceof PermanentViewMarker || node instanceof ReaderScanMarker) {
            AuthzMarker marker = (AuthzMarker) node;
            record(marker.table(), marker.output(), used, reads);
            return;
        }
        if (analysed && (RangerNodes.isRangers(node) || ReaderTag.tags(node))) {
            record(CatalogTables.protectedBy(scanBelow(node)).orElseThrow(), node.output(), used, reads);
            return;
        }
        Optional<TableName> table = CatalogTables.scannedBy(node);
        if (table.isPresent()) {
            record(table.get(), node.output(), used, reads);
            return;
        }
        for (LogicalPlan child : list(node.children())) {
            collectReads(child, used, reads, analysed);
        }
        for (LogicalPlan subquery : subqueries(node, analysed)) {
            collectReads(subquery, used, reads, analysed);
        }
    }

    // Ranger's row filter and masks, and the tag, are filters and projections right above the scan.
    private static LogicalPlan scanBelow(LogicalPlan node) {
        LogicalPlan scan = node;
        while (scan instanceof Filter || scan instanceof Project) {
            scan = list(scan.children()).get(0);
        }
        return scan;
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

    // The optimizer plans subqueries on their own before their query, authorizing them on the way. An analysed
    // plan's subqueries are all read with it, those of a DataFrame analysed earlier too.
    private static List<LogicalPlan> subqueries(LogicalPlan node, boolean analysed) {
        if (analysed) {
            return Subqueries.of(node);
        }
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
