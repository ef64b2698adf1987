package io.lakegate.spark.authz;

import io.lakegate.ranger.RangerResource;
import java.util.Optional;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.LogicalRelation;

/** The session-catalog tables a plan node scans, and their names as Ranger's Hive service has them. */
final class CatalogTables {
    private CatalogTables() {}

    static Optional<CatalogTable> scannedBy(LogicalPlan node) {
        if (node instanceof HiveTableRelation relation) {
            return Optional.of(relation.tableMeta());
        }
        if (node instanceof LogicalRelation relation && relation.catalogTable().isDefined()) {
            return Optional.of(relation.catalogTable().get());
        }
        return Optional.empty();
    }

    static String database(TableIdentifier identifier) {
        return identifier.database().isDefined() ? identifier.database().get() : "default";
    }

    static RangerResource resource(CatalogTable table) {
        return RangerResource.table(
                database(table.identifier()), table.identifier().table());
    }
}
