package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.spark.authz.identity.SessionUser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Writes and DDL need Ranger's Hive privileges on their targets, and are refused before they change anything.
 * admin has {@code all} on the sales database (the fixture creates and fills it as admin); bob may only read
 * some columns of sales.orders and all of sales.customers.
 */
class WriteAndDdlTest {
    @Test
    void insertNeedsUpdateOnTheTableAndChangesNothingWhenRefused() {
        assertThatThrownBy(() -> sqlAs("bob", "INSERT INTO sales.customers VALUES (30, 'Linus')"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [update] privilege on [sales/customers]");
        assertThatThrownBy(() -> sqlAs("bob", "INSERT INTO sales.orders VALUES (4, 10, 'EU', '444-44-4444', 40.0)"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [update] privilege on [sales/orders]");
        assertThatThrownBy(() -> sqlAs("bob", "TRUNCATE TABLE sales.customers"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [update] privilege on [sales/customers]");

        assertThat(sqlAs("alice", "SELECT count(*) FROM sales.customers")
                        .first()
                        .getLong(0))
                .isEqualTo(2);
        assertThat(sqlAs("alice", "SELECT count(*) FROM sales.orders").first().getLong(0))
                .isEqualTo(3);
    }

    @Test
    void createAndDropNeedTheirPrivileges() {
        assertThatThrownBy(() -> sqlAs("bob", "CREATE TABLE sales.bobs (x INT) USING parquet"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [create] privilege on [sales/bobs]");
        assertThatThrownBy(
                        () -> sqlAs("bob", "CREATE TABLE sales.bobs STORED AS PARQUET AS SELECT id FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [create] privilege on [sales/bobs]");
        assertThatThrownBy(() -> sqlAs("bob", "DROP TABLE sales.customers"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [drop] privilege on [sales/customers]");
        assertThatThrownBy(() -> sqlAs("bob", "CREATE DATABASE bobs"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [create] privilege on [bobs]");
        assertThatThrownBy(() -> sqlAs("bob", "DROP DATABASE sales CASCADE"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [drop] privilege on [sales]");

        SparkSession spark = SparkWithRanger.spark();
        assertThat(spark.catalog().tableExists("sales.customers")).isTrue();
        assertThat(spark.catalog().tableExists("sales.bobs")).isFalse();
        assertThat(spark.catalog().databaseExists("bobs")).isFalse();
    }

    @Test
    void describingATableOrItsColumnsNeedsSelect() {
        assertThat(sqlAs("bob", "DESCRIBE TABLE sales.customers").collectAsList())
                .hasSize(2);
        assertThatThrownBy(() -> sqlAs("carol", "DESCRIBE TABLE sales.customers"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [carol] does not have [select] privilege on [sales/customers]");
        assertThatThrownBy(() -> sqlAs("bob", "DESCRIBE TABLE sales.orders ssn"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
        assertThat(sqlAs("bob", "DESCRIBE TABLE sales.orders id").collectAsList())
                .isNotEmpty();
        assertThatThrownBy(() -> sqlAs("carol", "SHOW COLUMNS IN sales.customers"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [carol] does not have [select] privilege on [sales/customers]");
        for (String statement : new String[] {
            "SHOW CREATE TABLE sales.customers",
            "SHOW CREATE TABLE sales.orders AS SERDE",
            "SHOW TBLPROPERTIES sales.customers",
            "SHOW PARTITIONS sales.customers"
        }) {
            assertThatThrownBy(() -> sqlAs("carol", statement))
                    .as(statement)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessageStartingWith(
                            "Permission denied: user [carol] does not have [select] privilege on [sales/");
        }
    }

    @Test
    void describeAndShowColumnsListOnlyTheColumnsTheUserMaySelect() {
        // bob may select id, customer_id and region of sales.orders, not ssn or amount.
        assertThat(sqlAs("bob", "DESCRIBE TABLE sales.orders").collectAsList())
                .extracting(row -> row.getString(0))
                .containsExactly("id", "customer_id", "region");
        assertThat(sqlAs("bob", "SHOW COLUMNS IN sales.orders").collectAsList())
                .extracting(row -> row.getString(0).trim())
                .containsExactly("id", "customer_id", "region");
        assertThat(sqlAs("alice", "SHOW COLUMNS IN sales.orders").collectAsList())
                .extracting(row -> row.getString(0).trim())
                .containsExactly("id", "customer_id", "region", "ssn", "amount");
        sqlAs(SparkWithRanger.ADMIN, "CREATE TABLE IF NOT EXISTS lake.sales.shipments (id INT, qty INT) USING iceberg");
        assertThat(sqlAs("bob", "DESCRIBE TABLE lake.sales.shipments").collectAsList())
                .extracting(row -> row.getString(0))
                .contains("id", "qty");
        assertThatThrownBy(() -> sqlAs("carol", "DESCRIBE TABLE lake.sales.shipments"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [carol] does not have [select] privilege on [sales/shipments]");
    }

    @Test
    void adminCreatesFillsAndDropsWithItsGrants() {
        sqlAs(SparkWithRanger.ADMIN, "CREATE TABLE sales.scratch STORED AS PARQUET AS SELECT id FROM sales.orders");
        sqlAs(SparkWithRanger.ADMIN, "INSERT INTO sales.scratch VALUES (4)");

        assertThat(sqlAs(SparkWithRanger.ADMIN, "SELECT count(*) FROM sales.scratch")
                        .first()
                        .getLong(0))
                .isEqualTo(4);
        sqlAs(SparkWithRanger.ADMIN, "DROP TABLE sales.scratch");
        assertThat(SparkWithRanger.spark().catalog().tableExists("sales.scratch"))
                .isFalse();
    }

    @Test
    void writingFilesOutsideTheCatalogNeedsWriteOnTheUrl() throws Exception {
        Path directory =
                Files.createTempDirectory(Path.of("target"), "bob-export").toAbsolutePath();
        String url = "file:" + directory;

        assertThatThrownBy(() -> sqlAs(
                        "bob",
                        "INSERT OVERWRITE DIRECTORY '" + url + "' USING parquet" + " SELECT id FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [write] privilege on [" + url + "]");
        SparkSession spark = SparkWithRanger.spark();
        spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "bob");
        assertThatThrownBy(() ->
                        spark.table("sales.customers").write().mode("overwrite").parquet(url))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [write] privilege on [" + url + "]");
        try (var files = Files.list(directory)) {
            assertThat(files).as("nothing written").isEmpty();
        }
    }
}
