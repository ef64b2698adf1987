package io.lakegate.spark.authz.privilege;

import io.lakegate.spark.authz.plan.Subqueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.connector.catalog.CatalogV2Util;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import org.apache.spark.sql.execution.datasources.v2.FileTable;
import scala.collection.JavaConverters;

/**
 * What a statement touches that Lakegate cannot authorize, and so refuses: sources outside any catalog other than
 * files, through DataSource V1 (JDBC, say) or V2 (no Ranger resource names them), and commands on the tables or
 * namespaces of V2 catalogs other than those {@link CommandPrivileges} knows.
 */
public final class RefusedSources {
    private RefusedSources() {}

    public static List<String> of(LogicalPlan plan, boolean commandAuthorized) {
        Set<String> names = new LinkedHashSet<>();
        boolean unknownCommand = !commandAuthorized
                && plan instanceof Command
                && !(plan instanceof ShowTables)
                && !(plan instanceof ShowNamespaces);
        visit(plan, unknownCommand, names);
        return new ArrayList<>(names);
    }

    private static void visit(LogicalPlan node, boolean unknownCommand, Set<String> names) {
        collect(node, unknownCommand, names);
        for (LogicalPlan child : JavaConverters.seqAsJavaList(node.children())) {
            visit(child, unknownCommand, names);
        }
        for (LogicalPlan subquery : Subqueries.of(node)) {
            visit(subquery, unknownCommand, names);
        }
    }

    private static void collect(LogicalPlan node, boolean unknownCommand, Set<String> names) {
        if (node instanceof LogicalRelation v1
                && v1.catalogTable().isEmpty()
                && !(v1.relation() instanceof HadoopFsRelation)) {
            names.add(v1.relation().toString());
        }
        LogicalPlan relation = node instanceof DataSourceV2ScanRelation scan ? scan.relation() : node;
        if (relation instanceof DataSourceV2Relation v2
                && v2.identifier().isEmpty()
                && !(v2.table() instanceof FileTable)) {
            names.add(v2.table().name());
        }
        if (node instanceof V2WriteCommand write
                && CommandPrivileges.writeTarget(write.table()).isEmpty()) {
            names.add(write.table().name());
        }
        if (!unknownCommand) {
            return;
        }
        if (node instanceof ResolvedIdentifier resolved && !CatalogV2Util.isSessionCatalog(resolved.catalog())) {
            names.add(resolved.catalog().name() + "." + resolved.identifier());
        }
        if (node instanceof ResolvedTable resolved && !CatalogV2Util.isSessionCatalog(resolved.catalog())) {
            names.add(resolved.catalog().name() + "." + resolved.identifier());
        }
        if (node instanceof ResolvedNamespace resolved && !CatalogV2Util.isSessionCatalog(resolved.catalog())) {
            names.add(resolved.catalog().name() + "."
                    + String.join(".", JavaConverters.seqAsJavaList(resolved.namespace())));
        }
    }
}
