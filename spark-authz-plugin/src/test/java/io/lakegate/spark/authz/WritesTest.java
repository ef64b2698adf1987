package io.lakegate.spark.authz;

import static io.lakegate.policyserver.HivePolicies.url;
import static io.lakegate.spark.authz.SparkWithRanger.ADMIN;
import static io.lakegate.spark.authz.SparkWithRanger.sqlAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes are checked on what they write: an overwrite that writes back what the user reads of the table through a
 * row filter or mask is refused (uma sees sales.ledger filtered, vic masked), a table the statement creates takes
 * its data without further privilege (cora may only create tables in sandbox), and a local directory is the local
 * file system's, whatever the default file system is (here an in-process HDFS).
 */
class WritesTest {
    private static final List<String> LEDGER =
            List.of("[1,111-11-1111,10.0]", "[2,222-22-2222,20.0]", "[3,333-33-3333,30.0]");

    private static MiniDFSCluster dfs;

    @BeforeAll
    static void createIcebergLedger() {
        sqlAs(ADMIN, "CREATE TABLE IF NOT EXISTS lake.sales.ledger USING iceberg AS SELECT * FROM sales.ledger");
    }

    @AfterEach
    void restore() throws InterruptedException {
        sqlAs(
                ADMIN,
                "INSERT OVERWRITE sales.ledger SELECT * FROM VALUES (1, '111-11-1111', 10.0D),"
                        + " (2, '222-22-2222', 20.0D), (3, '333-33-3333', 30.0D)");
        for (String table : List.of("cora_ds", "cora_hive", "cora_parts", "cora_located")) {
            sqlAs(ADMIN, "DROP TABLE IF EXISTS sandbox." + table);
        }
        SparkWithRanger.servePolicies();
    }

    @AfterAll
    static void stopDfs() {
        if (dfs != null) {
            SparkWithRanger.spark().sparkContext().hadoopConfiguration().set("fs.defaultFS", "file:///");
            dfs.shutdown();
        }
    }

    @Test
    void anOverwriteWithWhatAFilterOrMaskLetsTheUserSeeIsRefused() {
        for (String user : List.of("uma", "vic")) {
            for (String statement : List.of(
                    "INSERT OVERWRITE sales.ledger SELECT * FROM sales.ledger",
                    "INSERT OVERWRITE TABLE sales.ledger SELECT id, ssn, amount FROM (SELECT * FROM sales.ledger)",
                    "WITH l AS (SELECT * FROM sales.ledger) INSERT OVERWRITE sales.ledger SELECT * FROM l",
                    "INSERT OVERWRITE sales.ledger SELECT * FROM sales.ledger UNION ALL SELECT 9, 'x', 1.0",
                    "INSERT OVERWRITE lake.sales.ledger SELECT * FROM lake.sales.ledger",
                    "INSERT OVERWRITE lake.sales.ledger SELECT * FROM sales.ledger")) {
                assertThatExceptionOfType(AccessControlException.class)
                        .as(user + ": " + statement)
                        .isThrownBy(() -> sqlAs(user, statement))
                        .withMessageEndingWith("may not overwrite [sales/ledger] with what the statement reads of it:"
                                + " Ranger filters or masks what the user sees of it, and Spark would write that over"
                                + " all of it");
            }
        }
        assertThat(rows("sales.ledger")).containsExactlyElementsOf(LEDGER);
        assertThat(rows("lake.sales.ledger")).containsExactlyElementsOf(LEDGER);
        // Appending writes nothing over what the user cannot see.
        sqlAs("uma", "INSERT INTO sales.ledger SELECT id + 10, ssn, amount FROM sales.ledger");
        assertThat(rows("sales.ledger")).hasSize(5).containsAll(LEDGER);
    }

    @Test
    void aTableCreatedFromAQueryTakesItsDataWithTheCreatePrivilegeAlone() {
        sqlAs("cora", "CREATE TABLE sandbox.cora_ds USING parquet AS SELECT id, region FROM sales.orders");
        sqlAs("cora", "CREATE TABLE sandbox.cora_hive STORED AS PARQUET AS SELECT id FROM sales.orders");
        sqlAs(
                "cora",
                "CREATE TABLE sandbox.cora_parts USING parquet PARTITIONED BY (region) AS SELECT id, region FROM"
                        + " sales.orders");
        for (String table : List.of("cora_ds", "cora_hive", "cora_parts")) {
            assertThat(sqlAs(ADMIN, "SELECT count(*) FROM sandbox." + table)
                            .first()
                            .getLong(0))
                    .as(table)
                    .isEqualTo(3);
        }
        assertThat(sqlAs(ADMIN, "SHOW PARTITIONS sandbox.cora_parts").collectAsList())
                .hasSize(2);
        // What the statement creates is all it may write: no other write, and no location of the user's choosing.
        assertThatThrownBy(() -> sqlAs("cora", "INSERT INTO sandbox.cora_ds SELECT id, region FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [cora] does not have [update] privilege on [sandbox/cora_ds]");
        String directory = SparkWithRanger.warehouse() + "/sandbox.db/cora_copy";
        assertThatThrownBy(() -> sqlAs(
                        "cora",
                        "INSERT OVERWRITE DIRECTORY '" + directory + "' USING parquet SELECT id FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [cora] does not have [write] privilege on [" + directory + "]");
        assertThatThrownBy(() -> sqlAs(
                        "cora",
                        "CREATE TABLE sandbox.cora_located USING parquet LOCATION '/tmp/lakegate-cora' AS SELECT id"
                                + " FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessageStartingWith("Permission denied: user [cora] does not have [read] privilege on"
                        + " [file:/tmp/lakegate-cora]");
        assertThat(SparkWithRanger.spark().catalog().tableExists("sandbox.cora_located"))
                .isFalse();
        // A table the user may create, from what they may not read, is not created.
        assertThatThrownBy(() -> sqlAs("cora", "CREATE TABLE sandbox.cora_hive2 AS SELECT ssn FROM sales.orders"))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [cora] does not have [select] privilege on [sales/orders/ssn]");
        assertThat(SparkWithRanger.spark().catalog().tableExists("sandbox.cora_hive2"))
                .isFalse();
    }

    @Test
    void aLocalDirectoryIsAuthorizedOnTheLocalFileSystem() throws Exception {
        Configuration hadoopConf = SparkWithRanger.spark().sparkContext().hadoopConfiguration();
        Configuration dfsConf = new Configuration(hadoopConf);
        dfsConf.set(
                MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
                Files.createTempDirectory(
                                Files.createDirectories(Path.of("target", "dfs"))
                                        .toAbsolutePath(),
                                "cluster")
                        .toString());
        dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).build();
        String hdfs = dfs.getFileSystem().getUri().toString();
        hadoopConf.set("fs.defaultFS", hdfs);
        Path local = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "local-writes")).toAbsolutePath(), "out");
        String localDirectory = local.resolve("ids").toString();
        String local0 = "INSERT OVERWRITE LOCAL DIRECTORY '" + localDirectory + "' STORED AS TEXTFILE SELECT id FROM"
                + " sales.orders ORDER BY id";

        // bob may write the same path on HDFS, not on the local file system.
        SparkWithRanger.servePolicies(url(81, hdfs + local, "write", List.of("bob")));
        assertThatThrownBy(() -> sqlAs("bob", local0))
                .isInstanceOf(AccessControlException.class)
                .hasMessage("Permission denied: user [bob] does not have [write] privilege on [file:" + localDirectory
                        + "]");
        assertThat(Files.exists(local.resolve("ids"))).isFalse();
        sqlAs(
                "bob",
                "INSERT OVERWRITE DIRECTORY '" + local + "/on-hdfs' STORED AS TEXTFILE SELECT id FROM sales.orders");
        assertThat(dfsText(FileSystem.get(hadoopConf), new org.apache.hadoop.fs.Path(local + "/on-hdfs")))
                .containsExactlyInAnyOrder("1", "2", "3");

        SparkWithRanger.servePolicies(url(81, "file:" + local, "write", List.of("bob")));
        sqlAs("bob", local0);
        assertThat(localText(local.resolve("ids"))).containsExactlyInAnyOrder("1", "2", "3");
    }

    private static List<String> rows(String table) {
        return sqlAs(ADMIN, "SELECT * FROM " + table + " ORDER BY id").collectAsList().stream()
                .map(Row::toString)
                .toList();
    }

    private static List<String> dfsText(FileSystem fs, org.apache.hadoop.fs.Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        for (FileStatus file : fs.listStatus(directory)) {
            if (file.getPath().getName().startsWith("part-")) {
                try (var in = fs.open(file.getPath())) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    text.lines().filter(line -> !line.isEmpty()).forEach(lines::add);
                }
            }
        }
        return lines;
    }

    private static List<String> localText(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .toList()) {
                Files.readAllLines(file).stream()
                        .filter(line -> !line.isEmpty())
                        .forEach(lines::add);
            }
        }
        return lines;
    }
}
