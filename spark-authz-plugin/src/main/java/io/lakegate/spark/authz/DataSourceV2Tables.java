package io.lakegate.spark.authz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.NamedRelation;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.CatalogV2Util;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import org.apache.spark.sql.execution.datasources.v2.FileTable;
import scala.collection.JavaConverters;
import scala.runtime.BoxedUnit;

/**
 * What a statement touches through DataSource V2 beyond files and the session catalog: tables of other catalogs
 * (Iceberg, JDBC, ...) read, written or named by DDL, and V2 sources. Lakegate does not authorize these yet, so
 * they are refused rather than let through unchecked.
 */
final class DataSourceV2Tables {
    private DataSourceV2Tables() {}

    static List<String> of(LogicalPlan plan) {
        Set<String> names = new LinkedHashSet<>();
        List<LogicalPlan> plans = new ArrayList<>();
        plans.add(plan);
        plans.addAll(JavaConverters.seqAsJavaList(plan.subqueriesAll()));
        for (LogicalPlan each : plans) {
            each.foreach(node -> {
                collect(node, names);
                return BoxedUnit.UNIT;
            });
        }
        return new ArrayList<>(names);
    }

    private static void collect(LogicalPlan node, Set<String> names) {
        LogicalPlan relation = node instanceof DataSourceV2ScanRelation scan ? scan.relation() : node;
        if (relation instanceof DataSourceV2Relation v2 && !(v2.table() instanceof FileTable)) {
            names.add(
                    v2.catalog().isDefined() && v2.identifier().isDefined()
                            ? v2.catalog().get().name() + "." + v2.identifier().get()
                            : v2.table().name());
        }
        if (node instanceof V2WriteCommand write) {
            NamedRelation target = write.table();
            names.add(target.name());
        }
        if (node instanceof ResolvedIdentifier resolved && !isSessionCatalog(resolved.catalog())) {
            names.add(resolved.catalog().name() + "." + resolved.identifier());
        }
        if (node instanceof ResolvedTable resolved && !isSessionCatalog(resolved.catalog())) {
            names.add(resolved.catalog().name() + "." + resolved.identifier());
        }
        if (node instanceof ResolvedNamespace resolved && !isSessionCatalog(resolved.catalog())) {
            names.add(resolved.catalog().name() + "."
                    + String.join(".", JavaConverters.seqAsJavaList(resolved.namespace())));
        }
    }

    private static boolean isSessionCatalog(CatalogPlugin catalog) {
        return CatalogV2Util.isSessionCatalog(catalog);
    }
}
