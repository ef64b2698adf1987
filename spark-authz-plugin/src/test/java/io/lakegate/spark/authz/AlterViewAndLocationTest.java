package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ALTER, views, LOCATION clauses and LOAD DATA in the session catalog. bob has {@code all} on the sandbox database
 * but only some columns of sales.orders and no url; admin has {@code all} on sales and sandbox.
 */
class AlterViewAndLocationTest {
    @BeforeAll
    static void createSandbox() {
        sqlAs(ADMIN, "CREATE DATABASE IF NOT EXISTS sandbox");
    }

    @Test
    void alterNeedsAlterAndChangesNothingWhenRefused() {
        for (String statement : new String[] {
            "ALTER TABLE sales.customers ADD COLUMNS (vip BOOLEAN)",
            "ALTER TABLE sales.customers SET TBLPROPERTIES ('steward' = 'bob')",
            "ALTER TABLE sales.customers UNSET TBLPROPERTIES ('comment')",
            "ALTER TABLE sales.customers RENAME TO sales.clients",
            "ALTER TABLE sales.customers ALTER COLUMN name COMMENT 'mine'",
            "ALTER TABLE sales.customers SET LOCATION '/tmp/bobs'",
            "MSCK REPAIR TABLE sales.customers"
        }) {
            assertThatThrownBy(() -> sqlAs("bob", statement))
                    .as(statement)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessageStartingWith(
                            "Permission denied: user [bob] does not have [alter] privilege on [sales/customers]");
        }
        for (String statement : new String[] {
            "ANALYZE TABLE sales.customers COMPUTE STATISTICS",
            "ANALYZE TABLE sales.customers COMPUTE STATISTICS FOR COLUMNS name"
        }) {
            assertThatThrownBy(() -> sqlAs("bob", statement))
                    .as(statement)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage("Permission denied: user [bob] does not have [update] privilege on [sales/customers]");
        }
        assertThatThrownBy(() -> sqlAs("bob", "ALTER DATABASE sales SET DBPROPERTIES ('steward' = 'bob')"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [alter] privilege on [sales]");
        SparkSession spark = SparkWithRanger.spark();
        assertThat(spark.catalog().tableExists("sales.customers")).isTrue();
        assertThat(spark.table("sales.customers").columns()).containsExactly("id", "name");
    }

    @Test
    void alterAndRenameWorkWithTheirGrants() {
        sqlAs(ADMIN, "CREATE TABLE sales.draft (id INT) USING parquet");
        sqlAs(ADMIN, "ALTER TABLE sales.draft ADD COLUMNS (note STRING)");
        sqlAs(ADMIN, "ALTER TABLE sales.draft RENAME TO sales.final");
        SparkSession spark = SparkWithRanger.spark();
        assertThat(spark.table("sales.final").columns()).containsExactly("id", "note");
        // Renaming needs create on the new name: bob may alter his sandbox table, not create in sales.
        sqlAs("bob", "CREATE TABLE IF NOT EXISTS sandbox.movable (id INT) USING parquet");
        assertThatThrownBy(() -> sqlAs("bob", "ALTER TABLE sandbox.movable RENAME TO sales.moved"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [create] privilege on [sales/moved]");
        sqlAs(ADMIN, "DROP TABLE sales.final");
    }

    @Test
    void aViewCanOnlyBeDefinedOverWhatItsCreatorMayRead() {
        assertThatThrownBy(() -> sqlAs("bob", "CREATE VIEW sales.bobs AS SELECT id FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [create] privilege on [sales/bobs]");
        assertThatThrownBy(() -> sqlAs("bob", "CREATE VIEW sandbox.ssns AS SELECT id, ssn FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
        assertThatThrownBy(() -> sqlAs(
                        "bob",
                        "CREATE VIEW sandbox.files AS SELECT * FROM parquet.`" + SparkWithRanger.warehouse()
                                + "/sales.db/customers`"))
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: user [bob] does not have [read] privilege on [");

        sqlAs("bob", "CREATE OR REPLACE VIEW sandbox.regions AS SELECT id, region FROM sales.orders");
        assertThat(sqlAs("bob", "SELECT count(*) FROM sandbox.regions").first().getLong(0))
                .isEqualTo(3);
        assertThatThrownBy(() -> sqlAs("bob", "ALTER VIEW sandbox.regions AS SELECT id, ssn FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
        assertThat(SparkWithRanger.spark().table("sandbox.regions").columns()).containsExactly("id", "region");
        assertThatThrownBy(() -> sqlAs("bob", "DROP VIEW sales.orders_eu"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [drop] privilege on [sales/orders_eu]");
        sqlAs("bob", "DROP VIEW sandbox.regions");
        assertThat(SparkWithRanger.spark().catalog().tableExists("sandbox.regions"))
                .isFalse();
    }

    @Test
    void aLocationNeedsReadAndWriteOnIt() {
        String orders = SparkWithRanger.warehouse() + "/sales.db/orders";
        // bob may create tables in sandbox, but not over the files of sales.orders.
        assertThatThrownBy(() -> sqlAs(
                        "bob",
                        "CREATE TABLE sandbox.stolen (id INT, customer_id INT, region STRING, ssn STRING, amount"
                                + " DOUBLE) STORED AS PARQUET LOCATION '" + orders + "'"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [read] privilege on [" + orders + "], [write]"
                        + " privilege on [" + orders + "]");
        assertThatThrownBy(() -> sqlAs(
                        "bob", "CREATE TABLE sandbox.stolen USING parquet LOCATION '" + orders + "' AS SELECT 1 AS id"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [read] privilege on [" + orders + "], [write]"
                        + " privilege on [" + orders + "]");
        assertThatThrownBy(
                        () -> sqlAs("bob", "CREATE TABLE sandbox.stolen USING parquet OPTIONS (path '" + orders + "')"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [read] privilege on [" + orders + "], [write]"
                        + " privilege on [" + orders + "]");
        assertThatThrownBy(() ->
                        sqlAs("bob", "CREATE TABLE sandbox.stolen LIKE sales.customers LOCATION '" + orders + "'"))
                .isInstanceOf(AccessControlException.class)
                .hasMessageContaining("user [bob] does not have");
        assertThat(SparkWithRanger.spark().catalog().tableExists("sandbox.stolen"))
                .isFalse();
    }

    @Test
    void aPartitionLocationNeedsReadAndWriteOnIt() {
        String orders = SparkWithRanger.warehouse() + "/sales.db/orders";
        sqlAs(
                "bob",
                "CREATE TABLE IF NOT EXISTS sandbox.parts (id INT, customer_id INT, region STRING, ssn STRING,"
                        + " amount DOUBLE) PARTITIONED BY (day STRING) STORED AS PARQUET");
        assertThatThrownBy(() ->
                        sqlAs("bob", "ALTER TABLE sandbox.parts ADD PARTITION (day = '1') LOCATION '" + orders + "'"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [read] privilege on [" + orders + "], [write]"
                        + " privilege on [" + orders + "]");
        assertThat(sqlAs("bob", "SELECT count(*) FROM sandbox.parts").first().getLong(0))
                .isZero();
    }

    @Test
    void loadDataNeedsUpdateOnTheTableAndReadOnThePath() throws Exception {
        Path file = Files.createTempDirectory(Path.of("target"), "load").resolve("ids.txt");
        Files.writeString(file, "7\n8\n");
        sqlAs("bob", "CREATE TABLE IF NOT EXISTS sandbox.loaded (id INT) STORED AS TEXTFILE");
        assertThatThrownBy(() -> sqlAs(
                        "bob", "LOAD DATA LOCAL INPATH '" + file.toAbsolutePath() + "' INTO TABLE sandbox.loaded"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [read] privilege on [file:"
                        + file.toAbsolutePath() + "]");
        assertThatThrownBy(() -> sqlAs(
                        "bob", "LOAD DATA LOCAL INPATH '" + file.toAbsolutePath() + "' INTO TABLE sales.customers"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage(
                        "Permission denied: user [bob] does not have [update] privilege on [sales/customers], [read]"
                                + " privilege on [file:" + file.toAbsolutePath() + "]");
        assertThat(sqlAs("bob", "SELECT count(*) FROM sandbox.loaded").first().getLong(0))
                .isZero();
    }
}
