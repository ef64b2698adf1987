package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attempts to read what a user may not: every one must be refused with Lakegate's AccessControlException, or
 * return nothing protected, and leave nothing protected written anywhere (every table of sandbox, the directories
 * the attempts write, the governed tables themselves are read back as admin). Any other failure (a typo, an analysis
 * error) fails the attempt, so none can pass without having run. bob may read sales.orders' id, customer_id and
 * region but not ssn or amount, and holds all of the sandbox database; ivan reads ssn hashed, region nulled and only
 * rows with amount above 15 (ids 2 and 3); uma and vic may change sales.ledger, which they see filtered and masked;
 * rita's row filter holds a subquery, and her errors may carry no value of a row it removes.
 */
class BypassSuiteTest {
    private static final List<String> STORED_SSNS = List.of("111-11-1111", "222-22-2222", "333-33-3333");
    // As Spark renders the doubles, and their sum.
    private static final List<String> STORED_AMOUNTS = List.of("10.0", "20.0", "30.0", "60.0");

    private static final Path WRITTEN = Path.of("/tmp/lakegate-bypass");
    private static final List<String> LEDGER =
            List.of("[1,111-11-1111,10.0]", "[2,222-22-2222,20.0]", "[3,333-33-3333,30.0]");
    private static Path evilWarehouse;

    @BeforeAll
    static void createIcebergTablesAndAWarehouseOverThem() throws IOException {
        sqlAs(ADMIN, "CREATE TABLE IF NOT EXISTS lake.sales.orders USING iceberg AS SELECT * FROM sales.orders");
        // A warehouse whose sandbox namespace is lake's sales: a catalog over it would name sales' tables sandbox's.
        evilWarehouse = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "bypass")).toAbsolutePath(), "evil");
        Files.createSymbolicLink(
                evilWarehouse.resolve("sandbox"),
                Path.of(SparkWithRanger.spark().conf().get("spark.sql.catalog.lake.warehouse"), "sales"));
    }

    @AfterEach
    void nothingProtectedWasWrittenAndTheSessionIsReset() throws IOException {
        SparkSession spark = SparkWithRanger.spark();
        for (String key : List.of(
                "spark.sql.optimizer.excludedRules",
                "spark.sql.sources.useV1SourceList",
                "spark.sql.legacy.useV1Command",
                "spark.sql.ansi.enabled",
                "spark.sql.cbo.enabled",
                "spark.sql.defaultCatalog")) {
            spark.conf().unset(key);
        }
        spark.catalog().dropTempView("leak");
        for (Row table : sqlAs(ADMIN, "SHOW TABLES IN sandbox").collectAsList()) {
            if (!table.getBoolean(2)) {
                String name = "sandbox." + table.getString(1);
                assertThat(sqlAs(ADMIN, "SELECT * FROM " + name).collectAsList())
                        .as("what was written to " + name)
                        .extracting(Row::toString)
                        .allSatisfy(row -> assertThat(row).doesNotContain(STORED_SSNS));
            }
        }
        assertThat(writtenFiles()).as("files written under " + WRITTEN).doesNotContain(STORED_SSNS);
        assertThat(sqlAs(ADMIN, "SELECT * FROM sales.ledger ORDER BY id").collectAsList())
                .extracting(Row::toString)
                .containsExactlyElementsOf(LEDGER);
        assertThat(sqlAs(ADMIN, "SELECT count(*) FROM sales.orders").first().getLong(0))
                .isEqualTo(3);
        sqlAs(ADMIN, "DROP TABLE IF EXISTS sandbox.leak");
        sqlAs(ADMIN, "DROP TABLE IF EXISTS sandbox.orders");
        deleteRecursively(WRITTEN);
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
                "SET spark.sql.optimizer.excludedRules=io.lakegate.spark.authz.privilege.AuthorizeStatement;"
                        + " SELECT ssn FROM sales.orders",
                "SET spark.sql.optimizer.excludedRules=io.lakegate.spark.authz.protection.ApplyRowFiltersAndMasks;"
                        + " SELECT ssn FROM sales.orders",
                "SET spark.sql.sources.useV1SourceList=; SELECT ssn FROM " + files,
                "INSERT OVERWRITE DIRECTORY 'file:" + WRITTEN + "' USING csv SELECT ssn FROM sales.orders",
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

    /** Issue 11's classes: reads during analysis, metadata and statistics, commands, catalogs, writes, code. */
    static Stream<String> bobsNewerAttempts() {
        String location = SparkWithRanger.warehouse() + "/sales.db/orders";
        String files = "parquet.`" + location + "`";
        String lake = SparkWithRanger.spark().conf().get("spark.sql.catalog.lake.warehouse");
        return Stream.of(
                // Reads while Spark analyses the statement.
                "SELECT * FROM lake.sales.orders TIMESTAMP AS OF (SELECT max(ssn) FROM sales.orders)",
                "SELECT * FROM lake.sales.orders TIMESTAMP AS OF (SELECT CAST(sum(amount) AS STRING) FROM"
                        + " sales.orders)",
                "SELECT * FROM lake.sales.orders TIMESTAMP AS OF (SELECT first(ssn) FROM " + files + ")",
                "SELECT * FROM lake.sales.orders TIMESTAMP AS OF (SELECT max(value) FROM text.`" + location + "`)",
                "DESCRIBE QUERY SELECT * FROM " + files,
                "DESCRIBE QUERY SELECT ssn FROM sales.orders",
                "DESCRIBE QUERY SELECT * FROM sales.orders_eu",
                "EXPLAIN SELECT * FROM " + files,
                "CREATE OR REPLACE TEMPORARY VIEW leak USING csv OPTIONS (path '" + location
                        + "', header 'true'); DESCRIBE leak",
                "CREATE OR REPLACE TEMPORARY VIEW leak USING text OPTIONS (paths '[\"" + location
                        + "\"]'); SELECT * FROM leak",
                "CREATE OR REPLACE TEMPORARY VIEW leak AS SELECT * FROM text.`" + location + "`; SELECT * FROM leak",
                // Metadata and statistics of what bob may not read.
                "DESCRIBE EXTENDED sales.orders ssn",
                "DESCRIBE EXTENDED sales.orders amount",
                "EXPLAIN COST SELECT id FROM sales.orders WHERE ssn = '111-11-1111'",
                "SELECT * FROM lake.sales.orders.files",
                "SELECT lower_bounds, upper_bounds FROM lake.sales.orders.files",
                "SELECT readable_metrics FROM lake.sales.orders.entries",
                "SELECT * FROM lake.sales.orders.partitions",
                // Commands Lakegate checks by their V1 form, or does not know.
                "ALTER DATABASE sandbox SET LOCATION '" + SparkWithRanger.warehouse() + "/sales.db'; CREATE TABLE"
                        + " sandbox.orders (id INT, customer_id INT, region STRING, ssn STRING, amount DOUBLE) STORED"
                        + " AS PARQUET; SELECT ssn FROM sandbox.orders",
                "SET spark.sql.legacy.useV1Command=true; ALTER DATABASE sandbox SET LOCATION '"
                        + SparkWithRanger.warehouse() + "/sales.db'; CREATE TABLE sandbox.orders (id INT, customer_id"
                        + " INT, region STRING, ssn STRING, amount DOUBLE) STORED AS PARQUET; SELECT ssn FROM"
                        + " sandbox.orders",
                "CREATE DATABASE IF NOT EXISTS sandbox LOCATION '" + SparkWithRanger.warehouse() + "/sales.db';"
                        + " CREATE TABLE sandbox.orders (id INT, customer_id INT, region STRING, ssn STRING, amount"
                        + " DOUBLE) STORED AS PARQUET; SELECT ssn FROM sandbox.orders",
                "CREATE INDEX leak ON sales.orders (ssn)",
                "CREATE TABLE sandbox.leak USING csv OPTIONS (path '" + location + "', 'fs.file.impl'"
                        + " 'org.apache.hadoop.fs.RawLocalFileSystem')",
                // Catalogs of the session's making.
                "SET spark.sql.catalog.evil=org.apache.iceberg.spark.SparkCatalog; SET"
                        + " spark.sql.catalog.evil.type=hadoop; SET spark.sql.catalog.evil.warehouse=" + evilWarehouse
                        + "; SELECT ssn FROM evil.sandbox.orders",
                "SET spark.sql.catalog.lake.warehouse=" + evilWarehouse + "; SELECT ssn FROM lake.sandbox.orders",
                "SET spark.sql.catalog.spark_catalog=org.apache.iceberg.spark.SparkSessionCatalog; SELECT ssn FROM"
                        + " sales.orders",
                "SET spark.sql.defaultCatalog=lake; SELECT ssn FROM sales.orders",
                // Identity and the settings Lakegate's decisions rest on.
                "SET kyuubi.session.user=admin; SELECT ssn FROM sales.orders",
                "SET fs.file.impl=org.apache.hadoop.fs.RawLocalFileSystem; SELECT ssn FROM " + files,
                // Writes of what bob may not read, to where he may not write.
                "INSERT OVERWRITE LOCAL DIRECTORY '" + WRITTEN + "' STORED AS TEXTFILE SELECT ssn FROM sales.orders",
                "INSERT OVERWRITE LOCAL DIRECTORY '" + WRITTEN + "' STORED AS TEXTFILE SELECT id FROM " + files,
                "CREATE TABLE sandbox.leak USING csv LOCATION 'file:" + WRITTEN + "' AS SELECT id FROM sales.orders",
                "CREATE TABLE sandbox.leak AS SELECT * FROM sales.orders_eu",
                "CREATE TABLE sandbox.leak TBLPROPERTIES ('x' = 'y') AS SELECT ssn FROM sales.orders",
                // Code of his choosing.
                "SELECT java_method('java.lang.String', 'valueOf', ssn) FROM sales.orders",
                "SELECT id FROM sales.orders WHERE reflect('java.lang.String', 'valueOf', ssn) LIKE '1%'");
    }

    static Stream<String> ivansNewerAttempts() {
        return Stream.of(
                "DESCRIBE EXTENDED sales.orders amount",
                "DESCRIBE EXTENDED sales.orders ssn",
                "DESCRIBE TABLE EXTENDED sales.orders",
                "SHOW TABLE EXTENDED IN sales LIKE 'orders'",
                "SET spark.sql.cbo.enabled=true; EXPLAIN COST SELECT * FROM sales.orders WHERE amount < 15",
                "SELECT * FROM lake.sales.orders.files",
                "SELECT * FROM lake.sales.orders.all_data_files",
                "SELECT * FROM lake.sales.orders.snapshots",
                "SELECT ssn FROM lake.sales.orders WHERE amount < 15",
                "DESCRIBE QUERY SELECT * FROM sales.orders WHERE amount < 15");
    }

    static Stream<String> ledgerChangersAttempts() {
        return Stream.of("uma", "vic").flatMap(user -> Stream.of(
                        "INSERT OVERWRITE sales.ledger SELECT * FROM sales.ledger",
                        "INSERT OVERWRITE TABLE sales.ledger SELECT * FROM (SELECT * FROM sales.ledger)",
                        "WITH l AS (SELECT * FROM sales.ledger) INSERT OVERWRITE sales.ledger SELECT * FROM l",
                        "INSERT OVERWRITE sales.ledger SELECT * FROM sales.ledger WHERE id > 0",
                        "ANALYZE TABLE sales.ledger COMPUTE STATISTICS FOR ALL COLUMNS",
                        "ANALYZE TABLE sales.ledger COMPUTE STATISTICS")
                .map(attempt -> user + ": " + attempt));
    }

    static Stream<String> ritasAttempts() {
        return Stream.of(
                "SELECT id FROM sales.orders WHERE CAST(ssn AS INT) = 1",
                "SELECT id FROM sales.orders WHERE CAST(region AS INT) = 1",
                "SELECT id FROM sales.orders WHERE assert_true(amount < 15, ssn) IS NULL",
                "SELECT id FROM sales.orders WHERE raise_error(concat(ssn, region)) IS NULL",
                "SELECT id FROM sales.orders o WHERE CAST(o.ssn AS INT) = 1 AND EXISTS (SELECT 1)",
                "SELECT count(*) FROM sales.orders GROUP BY CAST(ssn AS INT)");
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

    @ParameterizedTest
    @MethodSource("bobsNewerAttempts")
    void bobCannotReadSsnOrAmountDuringAnalysisOrThroughMetadataCommandsCatalogsOrWrites(String attempt) {
        bobCannotReadSsnOrAmount(attempt);
    }

    @ParameterizedTest
    @MethodSource("ivansNewerAttempts")
    void ivanSeesNoStatisticsOrMetadataOfWhatIsFilteredOrMasked(String attempt) {
        assertRefusedOrHarmless("ivan", attempt, row -> assertThat(row.toString())
                .doesNotContain(STORED_SSNS)
                .doesNotContain("10.0")
                .doesNotContain("3 rows")
                .doesNotContain("rowCount=3")
                .doesNotContain("[min,")
                .doesNotContain("[max,"));
    }

    @ParameterizedTest
    @MethodSource("ledgerChangersAttempts")
    void aFilteredOrMaskedUserCannotWriteTheirViewOverTheTable(String attempt) {
        String user = attempt.substring(0, attempt.indexOf(':'));
        assertRefusedOrHarmless(user, attempt.substring(user.length() + 2), row -> {});
    }

    @ParameterizedTest
    @MethodSource("ritasAttempts")
    void anErrorCarriesNoValueOfARowTheFilterRemoves(String attempt) {
        SparkWithRanger.spark().conf().set("spark.sql.ansi.enabled", "true");
        List<String> hidden = List.of("111-11-1111", "333-33-3333", "'EU'", "EU/");
        try {
            List<Row> rows = runAll("rita", attempt);
            assertThat(rows).extracting(Row::toString).allSatisfy(row -> assertThat(row)
                    .doesNotContain(hidden));
        } catch (AccessControlException refused) {
            return;
        } catch (Exception error) {
            for (Throwable each = error; each != null; each = each.getCause()) {
                assertThat(String.valueOf(each.getMessage())).as(attempt).doesNotContain(hidden);
            }
        }
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

    private static String writtenFiles() throws IOException {
        if (!Files.exists(WRITTEN)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(WRITTEN)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return text.toString();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static List<Row> runAll(String user, String statements) {
        List<Row> rows = List.of();
        for (String statement : statements.split(";")) {
            rows = sqlAs(user, statement.trim()).collectAsList();
        }
        return rows;
    }
}
