package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attempts to read what a user may not: every one must be refused with Lakegate's AccessControlException, or
 * return nothing protected. Any other failure (a typo, an analysis error) fails the attempt, so none can pass
 * without having run. bob may read sales.orders' id, customer_id and region but not ssn or amount; ivan reads
 * ssn hashed, region nulled and only rows with amount above 15 (ids 2 and 3).
 */
class BypassSuiteTest {
    private static final List<String> STORED_SSNS = List.of("111-11-1111", "222-22-2222", "333-33-3333");
    // As Spark renders the doubles, and their sum.
    private static final List<String> STORED_AMOUNTS = List.of("10.0", "20.0", "30.0", "60.0");

    @AfterEach
    void resetSession() {
        SparkSession spark = SparkWithRanger.spark();
        spark.conf().unset("spark.sql.optimizer.excludedRules");
        spark.conf().unset("spark.sql.sources.useV1SourceList");
        spark.catalog().dropTempView("leak");
        sqlAs(SparkWithRanger.ADMIN, "DROP TABLE IF EXISTS sandbox.leak");
    }

    static Stream<String> bobsAttempts() {
        String location = SparkWithRanger.warehouse() + "/sales.db/orders";
        String files = "parquet.`" + location + "`";
        return Stream.of(
                "SELECT ssn FROM sales.orders",
                "SELECT * FROM sales.orders",
                "SELECT upper(ssn) FROM sales.orders",
                "SELECT concat(ssn, '') FROM sales.orders",
                "SELECT id FROM sales.orders WHERE ssn LIKE '1%'",
                "SELECT max(ssn) FROM sales.orders",
                "SELECT collect_list(ssn) FROM sales.orders",
                "SELECT to_json(struct(*)) FROM sales.orders",
                "SELECT hash(ssn) FROM sales.orders",
                "SELECT length(ssn) FROM sales.orders",
                "WITH t AS (SELECT * FROM sales.orders) SELECT ssn FROM t",
                "SELECT s FROM (SELECT ssn AS s FROM sales.orders)",
                "SELECT id FROM sales.orders ORDER BY ssn",
                "SELECT id FROM sales.orders GROUP BY id, ssn",
                "SELECT first(ssn) OVER (ORDER BY id) FROM sales.orders",
                "SELECT id FROM sales.orders o WHERE EXISTS (SELECT 1 FROM sales.orders p WHERE p.ssn = o.ssn)",
                "SELECT (SELECT min(ssn) FROM sales.orders)",
                "SELECT explode(array(ssn)) FROM sales.orders",
                "SELECT ssn FROM sales.orders UNION SELECT 'x'",
                "SELECT ssn FROM sales.orders INTERSECT SELECT ssn FROM sales.orders",
                "SELECT * FROM sales.orders_eu",
                "SELECT ssn FROM " + files,
                "SELECT * FROM " + files,
                "CREATE OR REPLACE TEMPORARY VIEW leak AS SELECT ssn FROM sales.orders; SELECT * FROM leak",
                "CACHE TABLE leak AS SELECT ssn FROM sales.orders",
                "CREATE TABLE sales.leak STORED AS PARQUET AS SELECT ssn FROM sales.orders",
                "SELECT ssn FROM sales.orders TABLESAMPLE (100 PERCENT)",
                "SELECT ssn FROM sales.orders LIMIT 1",
                "SELECT id, ssn IS NULL FROM sales.orders",
                "SELECT CASE WHEN ssn = '111-11-1111' THEN 1 ELSE 0 END FROM sales.orders",
                "SELECT count(DISTINCT ssn) FROM sales.orders",
                "SELECT sort_array(collect_set(ssn)) FROM sales.orders",
                "SELECT struct(ssn).ssn FROM sales.orders",
                "SELECT map('k', ssn)['k'] FROM sales.orders",
                "SELECT o.ssn FROM sales.orders o JOIN sales.customers c ON o.customer_id = c.id",
                "SELECT ssn FROM spark_catalog.sales.orders",
                "SELECT `ssn` FROM sales.`orders`",
                "SELECT SSN FROM SALES.ORDERS",
                "SELECT transform(array(ssn), x -> x) FROM sales.orders",
                "SELECT id FROM sales.orders WHERE substring(ssn, 1, 1) = '1'",
                "SELECT id FROM sales.orders WHERE ssn IN ('111-11-1111')",
                "SELECT ssn FROM sales.orders DISTRIBUTE BY ssn",
                "SELECT named_struct('a', ssn) FROM sales.orders",
                "SELECT stack(1, ssn) FROM sales.orders",
                "SELECT id FROM sales.orders WHERE rlike(ssn, '^1')",
                "SELECT inline(array(struct(ssn))) FROM sales.orders",
                "SELECT sum(amount) FROM sales.orders",
                "SELECT id FROM sales.orders WHERE amount > 15",
                "SET spark.sql.optimizer.excludedRules=io.lakegate.spark.authz.AuthorizeStatement;"
                        + " SELECT ssn FROM sales.orders",
                "SET spark.sql.optimizer.excludedRules=io.lakegate.spark.authz.ApplyRowFiltersAndMasks;"
                        + " SELECT ssn FROM sales.orders",
                "SET spark.sql.sources.useV1SourceList=; SELECT ssn FROM " + files,
                "INSERT OVERWRITE DIRECTORY 'file:/tmp/lakegate-bypass' USING parquet SELECT ssn FROM sales.orders",
                "SELECT * FROM (SELECT id, ssn FROM sales.orders) PIVOT (count(*) FOR ssn IN ('111-11-1111'))",
                "CREATE OR REPLACE TEMPORARY VIEW leak USING parquet OPTIONS (path '" + location
                        + "'); SELECT ssn FROM leak",
                "CREATE TABLE sandbox.leak USING parquet OPTIONS (path '" + location
                        + "'); SELECT ssn FROM sandbox.leak",
                "CREATE TABLE sandbox.leak (id INT, customer_id INT, region STRING, ssn STRING, amount DOUBLE)"
                        + " STORED AS PARQUET LOCATION '" + location + "'; SELECT ssn FROM sandbox.leak",
                "CREATE TABLE sandbox.leak (ssn STRING) PARTITIONED BY (p STRING) STORED AS PARQUET;"
                        + " ALTER TABLE sandbox.leak ADD PARTITION (p = '1') LOCATION '" + location + "';"
                        + " SELECT ssn FROM sandbox.leak",
                "CREATE TABLE sandbox.leak (id INT, customer_id INT, region STRING, ssn STRING, amount DOUBLE) USING"
                        + " parquet; ALTER TABLE sandbox.leak SET SERDEPROPERTIES ('path' = '" + location + "');"
                        + " SELECT ssn FROM sandbox.leak",
                // A script reads the table's files from the engine's file system.
                "SELECT TRANSFORM(id) USING 'cat " + SparkWithRanger.warehouse().substring("file:".length())
                        + "/sales.db/orders/*' AS (line) FROM sales.orders");
    }

    static Stream<String> ivansAttempts() {
        return Stream.of(
                "SELECT ssn FROM sales.orders",
                "SELECT * FROM sales.orders",
                "SELECT id FROM sales.orders WHERE ssn = '111-11-1111'",
                "SELECT id FROM sales.orders WHERE amount < 15",
                "SELECT id, amount FROM sales.orders",
                "SELECT region FROM sales.orders WHERE region IS NOT NULL",
                "SELECT count(*) FROM sales.orders WHERE ssn LIKE '1%'",
                "WITH t AS (SELECT * FROM sales.orders) SELECT ssn, id FROM t",
                "SELECT o.ssn, o.id FROM sales.orders o JOIN sales.orders p ON o.id = p.id",
                "SELECT (SELECT max(ssn) FROM sales.orders)",
                "SELECT id FROM sales.orders WHERE id IN (SELECT id FROM sales.orders WHERE amount <= 15)",
                "CACHE TABLE ivans AS SELECT * FROM sales.orders; SELECT * FROM ivans");
    }

    @ParameterizedTest
    @MethodSource("bobsAttempts")
    void bobCannotReadSsnOrAmount(String attempt) {
        assertRefusedOrHarmless("bob", attempt, row -> {
            assertThat(row.toString()).doesNotContain(STORED_SSNS).doesNotContain(STORED_AMOUNTS);
        });
    }

    @ParameterizedTest
    @MethodSource("ivansAttempts")
    void ivanSeesOnlyMaskedSsnsOfHisRows(String attempt) {
        assertRefusedOrHarmless("ivan", attempt, row -> {
            assertThat(row.toString())
                    .doesNotContain(STORED_SSNS)
                    .doesNotContain("EU")
                    .doesNotContain("US");
            assertThat(row.toString()).doesNotContain("10.0");
        });
        sqlAs("ivan", "UNCACHE TABLE IF EXISTS ivans");
    }

    private static void assertRefusedOrHarmless(String user, String attempt, Consumer<Row> check) {
        List<Row> rows;
        try {
            rows = runAll(user, attempt);
        } catch (AccessControlException refused) {
            return;
        }
        assertThat(rows).as(attempt).allSatisfy(check);
    }

    private static List<Row> runAll(String user, String statements) {
        List<Row> rows = List.of();
        for (String statement : statements.split(";")) {
            rows = sqlAs(user, statement.trim()).collectAsList();
        }
        return rows;
    }
}
