package io.lakegate.spark.authz;

import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark reads data while it analyses some statements, before any optimizer rule runs: subqueries of time-travel
 * clauses are planned and run, a query on files by path infers their schema from them, {@code CREATE TEMPORARY VIEW
 * ... USING} reads its files, {@code DESCRIBE QUERY} shows the schema of what it would read. Every such read is
 * authorized before Spark performs it. bob may read only id, customer_id and region of sales.orders, and no file;
 * alice may read the files under the warehouse.
 */
class AnalysisTimeReadsTest {
    private static final String SECRET_HEADER = "secret_one,secret_two";
    private static Path csv;
    private static Path json;

    @BeforeAll
    static void createFilesAndTable() throws IOException {
        Path work = Files.createDirectories(Path.of("target", "analysis-reads")).toAbsolutePath();
        csv = Files.createTempDirectory(work, "csv");
        Files.writeString(csv.resolve("part.csv"), SECRET_HEADER + "\n1,2\n");
        json = Files.createTempDirectory(work, "json");
        Files.writeString(json.resolve("part.json"), "{\"secret_key\": 1}\n");
        sqlAs(ADMIN, "CREATE TABLE IF NOT EXISTS lake.sales.travel USING iceberg AS SELECT * FROM sales.orders");
    }

    @AfterEach
    void dropView() {
        SparkWithRanger.spark().catalog().dropTempView("header_view");
    }

    @Test
    void aTimeTravelSubqueryIsAuthorizedBeforeSparkRunsIt() {
        // Spark runs the subquery while it analyses the statement, and would show its result in the error on a
        // value that is no timestamp.
        assertThatThrownBy(() -> sqlAs(
                                "bob",
                                "SELECT * FROM lake.sales.travel TIMESTAMP AS OF (SELECT max(ssn) FROM sales.orders)")
                        .collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [select] privilege on [sales/orders/ssn]");
        assertThatThrownBy(() -> sqlAs(
                                "bob",
                                "SELECT * FROM lake.sales.travel TIMESTAMP AS OF (SELECT max(value) FROM text.`" + csv
                                        + "`)")
                        .collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [read] privilege on [file:" + csv + "]");
        assertThatThrownBy(() -> sqlAs(
                                "bob",
                                "SELECT * FROM lake.sales.travel TIMESTAMP AS OF (SELECT reflect('java.lang.System',"
                                        + " 'getenv', 'HOME'))")
                        .collectAsList())
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: user [bob] does not have [tempudfadmin] privilege on [*]");
        // What Spark can run there still runs.
        assertThat(sqlAs(ADMIN, "SELECT count(*) FROM lake.sales.travel TIMESTAMP AS OF (SELECT current_timestamp())")
                        .first()
                        .getLong(0))
                .isEqualTo(3);
    }

    @Test
    void queryingFilesByPathIsAuthorizedBeforeSparkInfersTheirSchema() {
        for (String statement : List.of(
                "DESCRIBE QUERY SELECT * FROM json.`" + json + "`",
                "SELECT * FROM json.`" + json + "`",
                "EXPLAIN SELECT * FROM json.`" + json + "`",
                "CREATE TEMPORARY VIEW header_view AS SELECT * FROM json.`" + json + "`",
                "WITH t AS (SELECT * FROM json.`" + json + "`) SELECT 1 FROM t",
                "SELECT 1 WHERE EXISTS (SELECT * FROM json.`" + json + "`)")) {
            assertThatThrownBy(() -> sqlAs("alice", statement).collectAsList())
                    .as(statement)
                    .isInstanceOf(AccessControlException.class)
                    .hasMessage(
                            "Permission denied: user [alice] does not have [read] privilege on [file:" + json + "]");
        }
    }

    @Test
    void aTemporaryViewOverFilesIsAuthorizedBeforeSparkReadsThem() {
        String create = "CREATE TEMPORARY VIEW header_view USING csv OPTIONS (path '" + csv + "', header 'true')";
        assertThatThrownBy(() -> sqlAs("bob", create))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [read] privilege on [file:" + csv + "]")
                .message()
                .doesNotContain("secret_one");
        assertThat(SparkWithRanger.spark().catalog().tableExists("header_view")).isFalse();
        assertThatThrownBy(() -> sqlAs(
                        "bob",
                        "CREATE TEMPORARY VIEW header_view USING csv OPTIONS (paths '[\"" + csv + "\"]', header"
                                + " 'true')"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [read] privilege on [file:" + csv + "]");
        assertThatThrownBy(() -> sqlAs(
                        "bob",
                        "CREATE TEMPORARY VIEW header_view USING csv OPTIONS (path '" + csv + "', 'fs.file.impl'"
                                + " 'org.apache.hadoop.fs.RawLocalFileSystem')"))
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: option [fs.file.impl] would change how Hadoop resolves");
    }

    @Test
    void describeQueryShowsNoSchemaOfWhatTheUserMayNotRead() {
        assertThatThrownBy(() -> sqlAs("carol", "DESCRIBE QUERY SELECT * FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [carol] does not have [select] privilege on"
                        + " [sales/orders/amount,customer_id,id,region,ssn]");
        assertThatThrownBy(() -> sqlAs("bob", "DESCRIBE QUERY SELECT * FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage(
                        "Permission denied: user [bob] does not have [select] privilege on [sales/orders/amount,ssn]");
        List<Row> described = sqlAs("bob", "DESCRIBE QUERY SELECT id, region FROM sales.orders")
                .collectAsList();
        assertThat(described).extracting(row -> row.getString(0)).containsExactly("id", "region");
    }
}
