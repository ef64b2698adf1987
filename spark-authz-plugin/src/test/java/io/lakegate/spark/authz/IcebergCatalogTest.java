package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.spark.authz.identity.SessionUser;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tables of an Iceberg catalog ({@code lake}) are governed by the very Hive-service policies of the session
 * catalog's tables of the same database and name: {@code lake.sales.orders} is {@code sales/orders} in Ranger.
 * {@code lake.sales.shipments} (ids 1, 2, 3): lena and mike may read and update it, lena through the row filter
 * {@code id > 1}; bob may only read it.
 */
class IcebergCatalogTest {
    @BeforeAll
    static void createIcebergTables() {
        sqlAs(ADMIN, "CREATE TABLE IF NOT EXISTS lake.sales.orders USING iceberg AS SELECT * FROM sales.orders");
    }

    private static void resetShipments() {
        sqlAs(ADMIN, "CREATE OR REPLACE TABLE lake.sales.shipments (id INT, qty INT) USING iceberg");
        sqlAs(ADMIN, "INSERT INTO lake.sales.shipments VALUES (1, 10), (2, 20), (3, 30)");
    }

    private static List<String> shipments() {
        return sqlAs(ADMIN, "SELECT id, qty FROM lake.sales.shipments ORDER BY id").collectAsList().stream()
                .map(row -> row.getInt(0) + ":" + row.getInt(1))
                .toList();
    }

    @Test
    void readsSeeWhatTheSamePoliciesShowOfTheSessionCatalogTable() {
        for (String user : List.of("alice", "erin", "ivan", "kate")) {
            String columns = user.equals("erin") ? "id, customer_id" : "*";
            List<Row> iceberg = sqlAs(user, "SELECT " + columns + " FROM lake.sales.orders ORDER BY id")
                    .collectAsList();
            List<Row> hive = sqlAs(user, "SELECT " + columns + " FROM sales.orders ORDER BY id")
                    .collectAsList();
            assertThat(iceberg).as(user).isEqualTo(hive);
        }
        // erin's row filter (region = 'EU'); ivan's filter (amount > 15) and masks (ssn hashed, region nulled,
        // customer_id 99).
        assertThat(sqlAs("erin", "SELECT id FROM lake.sales.orders ORDER BY id").collectAsList())
                .extracting(row -> row.getInt(0))
                .containsExactly(1, 3);
        List<Row> ivan = sqlAs("ivan", "SELECT id, customer_id, region, ssn FROM lake.sales.orders ORDER BY id")
                .collectAsList();
        assertThat(ivan).extracting(row -> row.getInt(0)).containsExactly(2, 3);
        assertThat(ivan).allSatisfy(row -> {
            assertThat(row.getInt(1)).isEqualTo(99);
            assertThat(row.isNullAt(2)).isTrue();
            assertThat(row.getString(3)).hasSize(64).doesNotContain("-");
        });
    }

    @Test
    void maskedColumnsOfIcebergTablesLeakNothingThroughPredicates() {
        assertThat(sqlAs("ivan", "SELECT id FROM lake.sales.orders WHERE ssn = '333-33-3333' OR region = 'EU'")
                        .collectAsList())
                .isEmpty();
    }

    @Test
    void columnsAreCheckedOneByOne() {
        assertThat(sqlAs("bob", "SELECT id, region FROM lake.sales.orders ORDER BY id")
                        .collectAsList())
                .hasSize(3);
        assertThatThrownBy(() ->
                        sqlAs("bob", "SELECT id, ssn FROM lake.sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
    }

    @Test
    void insertsNeedUpdateAndReadTheSourceThroughItsFilters() {
        resetShipments();
        // lena reads sales.orders not at all: the source is checked too.
        assertThatThrownBy(() -> sqlAs("lena", "INSERT INTO lake.sales.shipments SELECT id, 0 FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [lena] does not have [select] privilege on [sales/orders/id]");
        assertThatThrownBy(() -> sqlAs("bob", "INSERT INTO lake.sales.shipments VALUES (4, 40)"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [update] privilege on [sales/shipments]");
        sqlAs("mike", "INSERT INTO lake.sales.shipments VALUES (4, 40)");
        sqlAs(ADMIN, "CREATE OR REPLACE TABLE lake.sales.order_ids (id INT) USING iceberg");
        // frank may update sales.order_ids and reads sales.orders through the filter amount > 15.
        sqlAs("frank", "INSERT INTO lake.sales.order_ids SELECT id FROM sales.orders");
        assertThat(sqlAs(ADMIN, "SELECT id FROM lake.sales.order_ids ORDER BY id")
                        .collectAsList())
                .extracting(row -> row.getInt(0))
                .containsExactly(2, 3);
        assertThat(shipments()).containsExactly("1:10", "2:20", "3:30", "4:40");
    }

    @Test
    void insertOverwriteNeedsUpdate() {
        resetShipments();
        assertThatThrownBy(() -> sqlAs("bob", "INSERT OVERWRITE lake.sales.shipments VALUES (9, 90)"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [update] privilege on [sales/shipments]");
        assertThat(shipments()).containsExactly("1:10", "2:20", "3:30");
        sqlAs("mike", "INSERT OVERWRITE lake.sales.shipments VALUES (9, 90)");
        assertThat(shipments()).containsExactly("9:90");
    }

    @Test
    void deleteUpdateAndMergeNeedUpdate() {
        resetShipments();
        for (String statement : List.of(
                "DELETE FROM lake.sales.shipments WHERE id = 1",
                "UPDATE lake.sales.shipments SET qty = 0 WHERE id = 1",
                "MERGE INTO lake.sales.shipments t USING (SELECT 1 AS id) s ON t.id = s.id"
                        + " WHEN MATCHED THEN DELETE")) {
            assertThatThrownBy(() -> sqlAs("bob", statement))
                    .as(statement)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [bob] does not have [update] privilege on [sales/shipments]");
        }
        assertThat(shipments()).containsExactly("1:10", "2:20", "3:30");

        sqlAs("mike", "DELETE FROM lake.sales.shipments WHERE id = 1");
        sqlAs("mike", "UPDATE lake.sales.shipments SET qty = qty + 1 WHERE id = 2");
        sqlAs(
                "mike",
                "MERGE INTO lake.sales.shipments t USING (SELECT * FROM VALUES (3, 33), (5, 50) AS v(id, qty)) s"
                        + " ON t.id = s.id WHEN MATCHED THEN UPDATE SET qty = s.qty"
                        + " WHEN NOT MATCHED THEN INSERT (id, qty) VALUES (s.id, s.qty)");
        assertThat(shipments()).containsExactly("2:21", "3:33", "5:50");
    }

    // frank may update sales.order_ids but read none of it: a DELETE's condition would tell him which ids it holds,
    // an UPDATE could copy a column he may not read into one he may.
    @Test
    void deleteUpdateAndMergeNeedSelectOnTheColumnsOfTheirTarget() {
        sqlAs(ADMIN, "CREATE OR REPLACE TABLE lake.sales.order_ids (id INT) USING iceberg");
        sqlAs(ADMIN, "INSERT INTO lake.sales.order_ids VALUES (1), (2), (3)");
        try {
            for (String statement : List.of(
                    "DELETE FROM lake.sales.order_ids WHERE id > 1",
                    "UPDATE lake.sales.order_ids SET id = id + 100",
                    "MERGE INTO lake.sales.order_ids t USING (SELECT 1 AS id) s ON t.id = s.id"
                            + " WHEN MATCHED THEN DELETE")) {
                assertThatThrownBy(() -> sqlAs("frank", statement))
                        .as(statement)
                        .isInstanceOf(AccessControlException.class)
                        .hasMessage("Permission denied: user [frank] does not have [select] privilege on"
                                + " [sales/order_ids/id]");
            }
            sqlAs("frank", "INSERT INTO lake.sales.order_ids VALUES (4)");
            assertThat(sqlAs(ADMIN, "SELECT id FROM lake.sales.order_ids ORDER BY id")
                            .collectAsList())
                    .extracting(row -> row.getInt(0))
                    .containsExactly(1, 2, 3, 4);
        } finally {
            sqlAs(ADMIN, "DROP TABLE IF EXISTS lake.sales.order_ids");
        }
    }

    // Iceberg writes a table's files wherever its write.data.path (or write.metadata.path) says: into another table's
    // directory, they would become that table's rows.
    @Test
    void icebergsDataAndMetadataPathsNeedReadAndWriteOnTheirUrl() {
        String elsewhere = SparkWithRanger.spark().conf().get("spark.sql.catalog.lake.warehouse") + "/sales/shipments";
        sqlAs("bob", "CREATE TABLE IF NOT EXISTS lake.sandbox.plain (id INT) USING iceberg");
        try {
            for (String statement : List.of(
                    "CREATE TABLE lake.sandbox.redirected (id INT) USING iceberg"
                            + " TBLPROPERTIES ('write.data.path' = '" + elsewhere + "/data')",
                    "ALTER TABLE lake.sandbox.plain SET TBLPROPERTIES ('write.data.path' = '" + elsewhere + "/data')",
                    "ALTER TABLE lake.sandbox.plain SET TBLPROPERTIES ('write.metadata.path' = '" + elsewhere
                            + "/metadata')")) {
                assertThatThrownBy(() -> sqlAs("bob", statement))
                        .as(statement)
                        .isInstanceOf(AccessControlException.class)
                        .hasMessageStartingWith("Permission denied: user [bob] does not have [read] privilege on [file:"
                                + elsewhere + "/");
            }
            assertThat(sqlAs(ADMIN, "SHOW TABLES IN lake.sandbox").collectAsList())
                    .extracting(row -> row.getString(1))
                    .containsExactly("plain");
            sqlAs("bob", "ALTER TABLE lake.sandbox.plain SET TBLPROPERTIES ('comment' = 'plain')");
        } finally {
            sqlAs(ADMIN, "DROP TABLE IF EXISTS lake.sandbox.plain");
        }
    }

    @Test
    void mergeReadsItsSourceUnderTheSourcePolicies() {
        resetShipments();
        assertThatThrownBy(() -> sqlAs(
                        "mike",
                        "MERGE INTO lake.sales.shipments t USING sales.orders s ON t.id = s.id"
                                + " WHEN MATCHED THEN UPDATE SET qty = s.customer_id"))
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith(
                        "Permission denied: user [mike] does not have [select] privilege on" + " [sales/orders/");
        assertThat(shipments()).containsExactly("1:10", "2:20", "3:30");
    }

    @Test
    void rowChangesThroughARowFilterAreRefusedAndChangeNothing() {
        resetShipments();
        assertThat(sqlAs("lena", "SELECT id FROM lake.sales.shipments ORDER BY id")
                        .collectAsList())
                .extracting(row -> row.getInt(0))
                .containsExactly(2, 3);
        for (String statement : List.of(
                "DELETE FROM lake.sales.shipments WHERE qty > 0",
                "UPDATE lake.sales.shipments SET qty = 0",
                "MERGE INTO lake.sales.shipments t USING (SELECT 2 AS id) s ON t.id = s.id"
                        + " WHEN MATCHED THEN UPDATE SET qty = 0")) {
            assertThatThrownBy(() -> sqlAs("lena", statement))
                    .as(statement)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [lena] may not update, delete or merge rows of"
                            + " [sales/shipments]: Ranger filters or masks what the user sees of it, and Spark would"
                            + " write that back");
        }
        assertThat(shipments()).containsExactly("1:10", "2:20", "3:30");
        // Appending writes nothing back that the user cannot see.
        sqlAs("lena", "INSERT INTO lake.sales.shipments VALUES (4, 40)");
        assertThat(shipments()).containsExactly("1:10", "2:20", "3:30", "4:40");
    }

    @Test
    void ddlNeedsCreateAlterAndDrop() {
        assertThatThrownBy(() -> sqlAs("bob", "CREATE TABLE lake.sales.scratch (id INT) USING iceberg"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [create] privilege on [sales/scratch]");
        sqlAs(ADMIN, "CREATE TABLE lake.sales.scratch (id INT) USING iceberg");
        assertThatThrownBy(() -> sqlAs("bob", "ALTER TABLE lake.sales.scratch ADD COLUMN note STRING"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [alter] privilege on [sales/scratch]");
        assertThatThrownBy(() -> sqlAs("bob", "DROP TABLE lake.sales.scratch"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [drop] privilege on [sales/scratch]");
        assertThatThrownBy(() -> sqlAs("bob", "CREATE NAMESPACE lake.bobs"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [create] privilege on [bobs]");
        assertThat(sqlAs(ADMIN, "SHOW TABLES IN lake.sales").collectAsList())
                .extracting(row -> row.getString(1))
                .contains("scratch", "orders");
        assertThat(sqlAs("bob", "SHOW TABLES IN lake.sales").collectAsList())
                .extracting(row -> row.getString(1))
                .contains("orders")
                .doesNotContain("scratch");
        assertThat(sqlAs("carol", "SHOW TABLES IN lake.sales").collectAsList()).isEmpty();
        assertThat(sqlAs("carol", "SHOW NAMESPACES IN lake").collectAsList()).isEmpty();
        assertThat(sqlAs("bob", "SHOW NAMESPACES IN lake").collectAsList())
                .extracting(row -> row.getString(0))
                .contains("sales");
        // A location is a url: admin holds none.
        assertThatThrownBy(() -> sqlAs(
                        ADMIN,
                        "CREATE TABLE lake.sales.located (id INT) USING iceberg LOCATION '/tmp/lakegate-located'"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [admin] does not have [read] privilege on"
                        + " [file:/tmp/lakegate-located], [write] privilege on [file:/tmp/lakegate-located]");
        sqlAs(ADMIN, "ALTER TABLE lake.sales.scratch ADD COLUMN note STRING");
        sqlAs(ADMIN, "DROP TABLE lake.sales.scratch");
    }

    @Test
    void describingATableNeedsSelect() {
        assertThatThrownBy(
                        () -> sqlAs("dave", "DESCRIBE TABLE lake.sales.orders").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [dave] does not have [select] privilege on [sales/orders]");
        assertThat(sqlAs("alice", "DESCRIBE TABLE lake.sales.orders").collectAsList())
                .extracting(row -> row.getString(0))
                .contains("id", "ssn");
    }

    @Test
    void metadataTablesNeedEveryColumnOfTheirTableUnfilteredAndUnmasked() {
        assertThat(sqlAs(ADMIN, "SELECT count(*) FROM lake.sales.orders.snapshots")
                        .first()
                        .getLong(0))
                .isPositive();
        assertThat(sqlAs(ADMIN, "SELECT file_path FROM lake.sales.orders.files").collectAsList())
                .isNotEmpty();
        assertThatThrownBy(() ->
                        sqlAs("bob", "SELECT * FROM lake.sales.orders.files").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on"
                        + " [sales/orders/amount,ssn]; [lake.sales.orders.files] is an Iceberg metadata table, which"
                        + " shows values of every column of [sales/orders]");
        // ivan may select every column, through masks and a row filter; a metadata table would show the stored
        // values' bounds.
        assertThatThrownBy(() ->
                        sqlAs("ivan", "SELECT * FROM lake.sales.orders.files").collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [ivan] may not read [lake.sales.orders.files]: Ranger filters"
                        + " or masks what the user sees of it, and an Iceberg metadata table shows values of every"
                        + " column of [sales/orders] unfiltered and unmasked");
        // Time-travel names of Iceberg's (a table's name followed by branch_, tag_, snapshot_id_ ...) have no
        // name in Ranger's Hive service.
        assertThatThrownBy(() -> sqlAs(ADMIN, "SELECT * FROM lake.sales.orders.branch_main")
                        .collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: [lake.sales.orders.branch_main] has a namespace of 2 levels, which"
                        + " Ranger's Hive service cannot name; Lakegate refuses it");
    }

    @Test
    void icebergTablesReadByPathNeedReadOnTheirLocation() {
        String location = sqlAs(ADMIN, "DESCRIBE TABLE EXTENDED lake.sales.orders").collectAsList().stream()
                .filter(row -> row.getString(0).equals("Location"))
                .map(row -> row.getString(1))
                .findFirst()
                .orElseThrow();
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "ivan");
        assertThatThrownBy(() -> spark.read().format("iceberg").load(location).collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [ivan] does not have [read] privilege on [file:" + location + "]");
        // alice may read files under the warehouse, nowhere else.
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "alice");
        assertThatThrownBy(() -> spark.read().format("iceberg").load(location).collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage(
                        "Permission denied: user [alice] does not have [read] privilege on [file:" + location + "]");
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, ADMIN);
        assertThatThrownBy(() -> spark.table("sales.orders")
                        .write()
                        .format("iceberg")
                        .mode("append")
                        .save(location))
                .isInstanceOf(AccessControlException.class)
                .hasMessageContaining("Lakegate cannot authorize this source, so it refuses it");
        assertThat(sqlAs(ADMIN, "SELECT count(*) FROM lake.sales.orders").collectAsList())
                .extracting(row -> row.getLong(0))
                .containsExactly(3L);
    }

    @Test
    void icebergProceduresNeedServiceadmin() {
        resetShipments();
        for (String call : List.of(
                "CALL lake.system.expire_snapshots(table => 'sales.shipments', retain_last => 1)",
                "CALL lake.system.rollback_to_snapshot('sales.shipments', 1)",
                "CALL lake.system.remove_orphan_files(table => 'sales.shipments', dry_run => true)")) {
            assertThatThrownBy(() -> sqlAs("mike", call))
                    .as(call)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [mike] does not have [serviceadmin] privilege on [*]");
        }
        assertThat(shipments()).containsExactly("1:10", "2:20", "3:30");
        // A procedure that works on the table's metadata only runs for a serviceadmin.
        assertThat(sqlAs(ADMIN, "CALL lake.system.ancestors_of('sales.shipments')")
                        .collectAsList())
                .isNotEmpty();
        // Those that read the table through Spark read Iceberg's metadata tables by location, which no Ranger
        // resource names: refused even then.
        assertThatThrownBy(() ->
                        sqlAs(ADMIN, "CALL lake.system.expire_snapshots(table => 'sales.shipments', retain_last => 1)"))
                .isInstanceOf(AccessControlException.class)
                .hasMessageContaining("Lakegate cannot authorize this source");
    }
}
