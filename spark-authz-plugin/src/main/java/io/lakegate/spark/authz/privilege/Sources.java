package io.lakegate.spark.authz.privilege;

import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.TableName;
import io.lakegate.spark.authz.marker.PermanentViewMarker;
import io.lakegate.spark.authz.plan.Subqueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedNamespace;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import org.apache.spark.sql.execution.datasources.v2.FileTable;
import scala.collection.JavaConverters;

/**
 * What a plan reads besides catalog tables, found in one walk: files outside the catalog ({@code parquet.`path`},
 * {@code spark.read.parquet}, through DataSource V1 or V2, and tables loaded by path such as Iceberg's), as Hadoop
 * names them; Iceberg metadata tables; sources no Ranger resource names (JDBC through {@code spark.read}, V2
 * sources outside any catalog), which are refused; and the V2 catalogs it uses. Files and metadata tables under a
 * permanent view are the view's: the view is what is authorized.
 */
record Sources(
        List<String> files,
        List<MetadataTableRead> metadataTables,
        List<String> refused,
        List<CatalogPlugin> catalogs) {

    /** An Iceberg metadata table, which shows values of every column of its table. */
    record MetadataTableRead(String name, TableName table, List<String> columns) {}

    static Sources of(LogicalPlan plan, UnaryOperator<String> qualify) {
        Walk walk = new Walk(qualify);
        walk.visit(plan, false);
        return new Sources(
                List.copyOf(walk.files),
                List.copyOf(walk.metadataTables),
                List.copyOf(walk.refused),
                List.copyOf(walk.catalogs));
    }

    Sources plus(Sources other) {
        return new Sources(
                concat(files, other.files),
                concat(metadataTables, other.metadataTables),
                concat(refused, other.refused),
                concat(catalogs, other.catalogs));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        Set<T> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    private static final class Walk {
        private final UnaryOperator<String> qualify;
        private final Set<String> files = new LinkedHashSet<>();
        private final List<MetadataTableRead> metadataTables = new ArrayList<>();
        private final Set<String> refused = new LinkedHashSet<>();
        private final Set<CatalogPlugin> catalogs = new LinkedHashSet<>();

        Walk(UnaryOperator<String> qualify) {
            this.qualify = qualify;
        }

        void visit(LogicalPlan node, boolean underView) {
            boolean viewBelow = underView || node instanceof PermanentViewMarker;
            collect(node, viewBelow);
            for (LogicalPlan child : JavaConverters.seqAsJavaList(node.children())) {
                visit(child, viewBelow);
            }
            for (LogicalPlan subquery : Subqueries.of(node)) {
                visit(subquery, viewBelow);
            }
        }

        private void collect(LogicalPlan node, boolean underView) {
            if (node instanceof LogicalRelation v1 && v1.catalogTable().isEmpty()) {
                if (!(v1.relation() instanceof HadoopFsRelation fs)) {
                    refused.add(v1.relation().toString());
                } else if (!underView) {
                    for (Path path : JavaConverters.seqAsJavaList(fs.location().rootPaths())) {
                        files.add(path.toString());
                    }
                }
                return;
            }
            if (node instanceof ResolvedTable resolved) {
                catalogs.add(resolved.catalog());
            } else if (node instanceof ResolvedIdentifier resolved) {
                catalogs.add(resolved.catalog());
            } else if (node instanceof ResolvedNamespace resolved) {
                catalogs.add(resolved.catalog());
            }
            // With spark.sql.sources.useV1SourceList changed, the DataFrame reader reads files through DataSource V2.
            LogicalPlan v2 = node instanceof DataSourceV2ScanRelation scan ? scan.relation() : node;
            if (!(v2 instanceof DataSourceV2Relation relation)) {
                return;
            }
            if (relation.catalog().isDefined()) {
                catalogs.add(relation.catalog().get());
            }
            if (relation.table() instanceof FileTable fileTable) {
                if (!underView) {
                    for (Path path :
                            JavaConverters.seqAsJavaList(fileTable.fileIndex().rootPaths())) {
                        files.add(path.toString());
                    }
                }
                return;
            }
            if (relation.identifier().isEmpty()) {
                refused.add(relation.table().name());
                return;
            }
            Optional<String> location =
                    CatalogTables.location(relation.identifier().get());
            if (location.isPresent()) {
                if (!underView) {
                    files.add(qualify.apply(location.get()));
                }
                return;
            }
            Optional<TableName> metadataOf = CatalogTables.metadataTableOf(relation);
            if (metadataOf.isPresent() && !underView) {
                metadataTables.add(new MetadataTableRead(
                        relation.table().name(),
                        metadataOf.get(),
                        List.copyOf(new TreeSet<>(CatalogTables.baseColumns(relation)))));
            }
        }
    }
}
