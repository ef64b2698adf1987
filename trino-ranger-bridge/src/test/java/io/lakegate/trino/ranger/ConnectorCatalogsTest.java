package io.lakegate.trino.ranger;

import static io.lakegate.trino.ranger.Fixture.ADMIN;
import static io.lakegate.trino.ranger.Fixture.ALICE;
import static io.lakegate.trino.ranger.Fixture.BOB;
import static io.lakegate.trino.ranger.HiveServicePoliciesTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trino.Session;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Hive and Iceberg connectors, on a metastore and files: the same policies as any governed catalog, and the ways
 * in only they have (metadata tables, hidden columns, time travel, their procedures and functions, locations) meet
 * the filter, the mask or the denial a plain query meets.
 */
class ConnectorCatalogsTest {
    private static final TrinoWithRanger TRINO = TrinoWithRanger.get();
    private static final Session GINA = TrinoWithRanger.session("gina");

    @ParameterizedTest
    @ValueSource(strings = {"hive", "iceberg"})
    void aTableHasThePoliciesOfItsHiveNameInEveryConnector(String catalog) {
        assertThat(values(ALICE, "SELECT DISTINCT region FROM " + catalog + ".sales.orders"))
                .containsExactly("EU");
        assertThat(values(ALICE, "SELECT email FROM " + catalog + ".sales.customers WHERE customer_id = 1"))
                .containsExactly(sha256("anna.schmidt@example.de"));
        assertThatThrownBy(() ->
                        TRINO.run(TrinoWithRanger.session("mallory"), "SELECT * FROM " + catalog + ".sales.orders"))
                .hasMessageContaining("Access Denied: Cannot select from columns")
                .hasMessageContaining("user [mallory] does not have [select] privilege on [sales/orders/");
        assertThat(values(ALICE, "SHOW TABLES FROM " + catalog + ".sales")).contains("orders", "customers");
        assertThat(values(TrinoWithRanger.session("mallory"), "SHOW SCHEMAS FROM " + catalog))
                .containsExactly("information_schema");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hive.sales.\"orders$partitions\"",
                "hive.sales.\"orders$properties\"",
                "iceberg.sales.\"orders$partitions\"",
                "iceberg.sales.\"orders$files\"",
                "iceberg.sales.\"orders$entries\"",
                "iceberg.sales.\"orders$snapshots\"",
                "iceberg.sales.\"orders$history\"",
                "iceberg.sales.\"orders$manifests\"",
                "iceberg.sales.\"orders$properties\"",
                "iceberg.sales.\"orders$refs\""
            })
    void metadataTablesShowingWhatTheFilterHidesAreForAdministratorsOnly(String metadataTable) {
        // $partitions lists every region, $files and $entries hold each file's bounds of every column.
        assertThatThrownBy(() -> TRINO.run(ALICE, "SELECT * FROM " + metadataTable))
                .hasMessageContaining("Access Denied")
                .hasMessageContaining("user [alice] does not have [serviceadmin] privilege on [*]")
                .hasMessageContaining("(metadata table of sales.orders)");
        assertThat(TRINO.run(ADMIN, "SELECT * FROM " + metadataTable).getRowCount())
                .isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hive", "iceberg"})
    void hiddenColumnsOfAMaskedTableReadAsNull(String catalog) {
        // customers is partitioned by country, which shows in a file's path.
        assertThat(values(ALICE, "SELECT DISTINCT \"$path\" FROM " + catalog + ".sales.customers"))
                .containsExactly((Object) null);
        assertThat(values(ADMIN, "SELECT \"$path\" FROM " + catalog + ".sales.customers WHERE customer_id = 1"))
                .singleElement()
                .asString()
                .contains("country=DE");
    }

    @Test
    void hivePartitionColumnOfAMaskedTableReadsAsNull() {
        assertThat(values(ALICE, "SELECT DISTINCT \"$partition\" FROM hive.sales.customers"))
                .containsExactly((Object) null);
        assertThat(values(ADMIN, "SELECT \"$partition\" FROM hive.sales.customers WHERE customer_id = 1"))
                .containsExactly("country=DE");
    }

    @Test
    void timeTravelReadsThroughTheSameFilter() {
        Object snapshot = values(ADMIN, "SELECT snapshot_id FROM iceberg.sales.\"orders$snapshots\" LIMIT 1")
                .get(0);
        assertThat(values(ALICE, "SELECT DISTINCT region FROM iceberg.sales.orders FOR VERSION AS OF " + snapshot))
                .containsExactly("EU");
        Object committed = values(
                        ADMIN,
                        "SELECT CAST(committed_at AS varchar) FROM iceberg.sales.\"orders$snapshots\" WHERE snapshot_id = "
                                + snapshot)
                .get(0);
        assertThat(values(
                        ALICE,
                        "SELECT DISTINCT region FROM iceberg.sales.orders FOR TIMESTAMP AS OF TIMESTAMP '" + committed
                                + "'"))
                .containsExactly("EU");
    }

    @Test
    void icebergTableChangesReadsNoRowsPastTheFilter() {
        // table_changes reads the table's files itself: no row filter applies to what it returns. (alice reads only
        // EU rows of sales.orders, whichever catalog it is in.)
        TRINO.run(ADMIN, "CREATE TABLE iceberg.sales.orders_changes AS SELECT * FROM lake.sales.orders WHERE false");
        try {
            TRINO.run(ADMIN, "INSERT INTO iceberg.sales.orders_changes SELECT * FROM lake.sales.orders");
            List<Object> snapshots = values(
                    ADMIN, "SELECT snapshot_id FROM iceberg.sales.\"orders_changes$snapshots\" ORDER BY committed_at");
            String changes = "SELECT count(*) FROM TABLE(iceberg.system.table_changes('sales', 'orders_changes', "
                    + snapshots.get(0) + ", " + snapshots.get(1) + "))";
            assertThatThrownBy(() -> TRINO.run(ALICE, changes))
                    .hasMessageContaining("Access Denied")
                    .hasMessageContaining("table_changes");
            // gina may run every function of every database: not a connector's own.
            assertThatThrownBy(() -> TRINO.run(GINA, changes)).hasMessageContaining("Access Denied");
            assertThat(values(ADMIN, changes)).containsExactly(10L);
        } finally {
            TRINO.run(ADMIN, "DROP TABLE iceberg.sales.orders_changes");
        }
    }

    @Test
    void connectorProceduresAreForAdministratorsOnly() {
        long snapshots = count(ADMIN, "SELECT count(*) FROM iceberg.sales.\"orders$snapshots\"");
        // bob may write orders; rolling the table back or expiring its history is Ranger's administrators'.
        assertThatThrownBy(() -> TRINO.run(
                        BOB, "ALTER TABLE iceberg.sales.orders EXECUTE expire_snapshots(retention_threshold => '0s')"))
                .hasMessageContaining("Access Denied")
                .hasMessageContaining("user [bob] does not have [serviceadmin] privilege on [*]");
        assertThatThrownBy(() -> TRINO.run(BOB, "CALL hive.system.sync_partition_metadata('sales', 'orders', 'FULL')"))
                .hasMessageContaining("Access Denied")
                .hasMessageContaining("user [bob] does not have [serviceadmin] privilege on [*]");
        assertThatThrownBy(() ->
                        TRINO.run(BOB, "CALL hive.system.drop_stats(schema_name => 'sales', table_name => 'orders')"))
                .hasMessageContaining("Access Denied");
        assertThat(count(ADMIN, "SELECT count(*) FROM iceberg.sales.\"orders$snapshots\""))
                .isEqualTo(snapshots);
    }

    @Test
    void anOverwritingInsertCannotBeSwitchedOn() {
        // bob may insert into orders, and reads all of it; erin reads only NA rows: an overwrite would remove the rest.
        Session erin = Fixture.ERIN;
        assertThatThrownBy(() -> TRINO.run(erin, "SET SESSION hive.insert_existing_partitions_behavior = 'OVERWRITE'"))
                .hasMessageContaining("Access Denied: Cannot set catalog session property"
                        + " hive.insert_existing_partitions_behavior")
                .hasMessageContaining("user [erin] does not have [serviceadmin] privilege on [*]");
        assertThat(count(ADMIN, "SELECT count(*) FROM hive.sales.orders")).isEqualTo(10L);
    }

    @Test
    void aTableCannotBePointedAtAnotherTablesFiles() {
        String ordersFiles = values(ADMIN, "SELECT \"$path\" FROM iceberg.sales.orders LIMIT 1")
                .get(0)
                .toString();
        String ordersLocation = ordersFiles.substring(0, ordersFiles.indexOf("/data/"));
        // alice may create in scratch; a table on orders' files would read them without orders' row filter.
        assertThatThrownBy(() -> TRINO.run(
                        ALICE,
                        "CREATE TABLE iceberg.scratch.mine (order_id bigint) WITH (location = '" + ordersLocation
                                + "')"))
                .hasMessageContaining("Access Denied: Cannot create table iceberg.scratch.mine")
                .hasMessageContaining("user [alice] does not have [read] privilege on [" + ordersLocation + "]");
        assertThatThrownBy(() -> TRINO.run(
                        ALICE,
                        "CREATE TABLE hive.scratch.mine (order_id bigint, region varchar) WITH (external_location ="
                                + " 'local:///hive/sales/orders')"))
                .hasMessageContaining("Access Denied: Cannot create table hive.scratch.mine")
                .hasMessageContaining("user [alice] does not have [read] privilege on [local:///hive/sales/orders]");
        assertThat(values(ADMIN, "SHOW TABLES FROM iceberg.scratch")).doesNotContain("mine");
    }

    @Test
    void aCopyOfLikePropertiesGetsNoOtherTablesFiles() {
        try {
            TRINO.run(ALICE, "CREATE TABLE hive.scratch.like_orders (LIKE hive.sales.orders INCLUDING PROPERTIES)");
            assertThat(count(ALICE, "SELECT count(*) FROM hive.scratch.like_orders"))
                    .isZero();
            assertThat(count(ADMIN, "SELECT count(*) FROM hive.scratch.like_orders"))
                    .isZero();
        } finally {
            TRINO.run(ADMIN, "DROP TABLE IF EXISTS hive.scratch.like_orders");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hive", "iceberg"})
    void aCopyMadeByAMaskedUserHoldsTheMaskedValues(String catalog) {
        String copy = catalog + ".scratch.emails";
        try {
            TRINO.run(
                    ALICE,
                    "CREATE TABLE " + copy + " AS SELECT customer_id, email FROM " + catalog + ".sales.customers");
            assertThat(values(ADMIN, "SELECT email FROM " + copy + " WHERE customer_id = 1"))
                    .containsExactly(sha256("anna.schmidt@example.de"));
            assertThat(count(ADMIN, "SELECT count(*) FROM " + copy)).isEqualTo(4L);
        } finally {
            TRINO.run(ADMIN, "DROP TABLE IF EXISTS " + copy);
        }
    }

    @Test
    void materializedViewsAreFilledAndRefreshedByAdministratorsOnly() {
        // Trino refreshes with the refresher's rights: alice's view of customers, refreshed by admin, would hold the
        // e-mail addresses her mask hides, and serve them to her.
        String view = "iceberg.scratch.customer_emails";
        String create =
                "CREATE MATERIALIZED VIEW " + view + " AS SELECT customer_id, email FROM iceberg.sales.customers";
        try {
            assertThatThrownBy(() -> TRINO.run(ALICE, create))
                    .hasMessageContaining("Access Denied: Cannot create materialized view " + view)
                    .hasMessageContaining("user [alice] does not have [serviceadmin] privilege on [*]")
                    .hasMessageContaining("Trino fills a materialized view with what its refresher may read");
            TRINO.run(ADMIN, create);
            assertThatThrownBy(() -> TRINO.run(ALICE, "REFRESH MATERIALIZED VIEW " + view))
                    .hasMessageContaining("Access Denied: Cannot refresh materialized view " + view)
                    .hasMessageContaining("user [alice] does not have [serviceadmin] privilege on [*]");
            assertThat(count(ADMIN, "REFRESH MATERIALIZED VIEW " + view)).isEqualTo(4L);
        } finally {
            TRINO.run(ADMIN, "DROP MATERIALIZED VIEW IF EXISTS " + view);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hive", "iceberg"})
    void statisticsShowNoMaskedValue(String catalog) {
        String stats;
        try {
            stats = TRINO.run(ALICE, "SHOW STATS FOR " + catalog + ".sales.customers")
                    .getMaterializedRows()
                    .toString();
        } catch (RuntimeException refused) {
            assertThat(refused).hasMessageContaining("SHOW STATS");
            return;
        }
        assertThat(stats).doesNotContain("anna", "+49 30 1234 5678");
    }

    private static List<Object> values(Session session, String sql) {
        return TRINO.run(session, sql).getMaterializedRows().stream()
                .map(row -> row.getField(0))
                .toList();
    }

    private static long count(Session session, String sql) {
        return (Long) Objects.requireNonNull(values(session, sql).get(0));
    }
}
