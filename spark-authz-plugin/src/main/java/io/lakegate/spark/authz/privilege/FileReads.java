package io.lakegate.spark.authz.privilege;

import io.lakegate.spark.authz.catalog.CatalogTables;
import io.lakegate.spark.authz.catalog.Locations;
import io.lakegate.spark.authz.marker.PermanentViewMarker;
import io.lakegate.spark.authz.plan.Subqueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import org.apache.spark.sql.execution.datasources.v2.FileTable;
import scala.collection.JavaConverters;

/**
 * The paths a plan reads files from outside the catalog ({@code parquet.`path`}, {@code spark.read.parquet},
 * through DataSource V1 or V2, and tables loaded by path such as Iceberg's), as Hadoop names them. Files read through a catalog table, or under a permanent
 * view, are not listed: the table or view is what is authorized.
 */
public final class FileReads {
    private FileReads() {}

    public static List<String> of(LogicalPlan plan, Configuration hadoopConf) {
        Set<String> paths = new LinkedHashSet<>();
        collect(plan, hadoopConf, paths);
        return new ArrayList<>(paths);
    }

    private static void collect(LogicalPlan node, Configuration hadoopConf, Set<String> paths) {
        if (node instanceof PermanentViewMarker) {
            return;
        }
        if (node instanceof LogicalRelation relation
                && relation.catalogTable().isEmpty()
                && relation.relation() instanceof HadoopFsRelation files) {
            for (Path path : JavaConverters.seqAsJavaList(files.location().rootPaths())) {
                paths.add(path.toString());
            }
            return;
        }
        // With spark.sql.sources.useV1SourceList changed, the DataFrame reader reads files through DataSource V2.
        LogicalPlan v2 = node instanceof DataSourceV2ScanRelation scan ? scan.relation() : node;
        if (v2 instanceof DataSourceV2Relation relation && relation.table() instanceof FileTable files) {
            for (Path path : JavaConverters.seqAsJavaList(files.fileIndex().rootPaths())) {
                paths.add(path.toString());
            }
            return;
        }
        if (v2 instanceof DataSourceV2Relation relation && relation.identifier().isDefined()) {
            Optional<String> location =
                    CatalogTables.location(relation.identifier().get());
            if (location.isPresent()) {
                paths.add(Locations.qualified(location.get(), hadoopConf));
                return;
            }
        }
        for (LogicalPlan child : JavaConverters.seqAsJavaList(node.children())) {
            collect(child, hadoopConf, paths);
        }
        for (LogicalPlan subquery : Subqueries.of(node)) {
            collect(subquery, hadoopConf, paths);
        }
    }
}
