package io.lakegate.packaging.spark;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in jar in the host as an operator runs it: Spark's {@code spark-sql} CLI on the jars of Spark's binary
 * distribution plus that one jar, nothing else, configured by {@code spark.sql.extensions} and
 * {@code ranger-spark-security.xml} in {@code $SPARK_CONF_DIR}, the user being the Hadoop user.
 */
final class SparkDropInIT {
    private static final String SERVICE = "hive_prod";
    private static final String EXTENSION = "io.lakegate.spark.authz.LakegateSparkExtension";

    private static final Path SPARK_JARS = Path.of(property("lakegate.spark.home.jars"));
    private static final Path DROP_IN = Path.of(property("lakegate.dropin.jar"));

    @TempDir
    static Path work;

    private static PolicyServer server;

    @BeforeAll
    static void startPolicyServerAndCreateData() throws IOException {
        Path policies = Files.createDirectories(work.resolve("policies"));
        writeAtomically(
                policies.resolve(SERVICE + ".json"),
                export(
                        SERVICE,
                        access(1, "sales", "*", "*", "all", List.of("admin"), List.of()),
                        access(2, "sales", "orders", "*", "select", List.of("alice"), List.of()),
                        mask(3, "sales", "orders", "ssn", List.of("alice"), "MASK_SHOW_LAST_4"),
                        rowFilter(4, "sales", "orders", List.of("alice"), "region = 'EU'")));
        server = PolicyServer.start(PolicyServerConfig.onLoopback(policies));
        Path conf = Files.createDirectories(work.resolve("conf"));
        RangerPluginFiles.securityXml(
                conf,
                "spark",
                RangerPluginFiles.standardKeys(
                        "spark", SERVICE, server.baseUrl(), 1_000, Files.createDirectories(work.resolve("cache"))));

        SparkSql admin = sparkSql(
                "admin",
                "CREATE DATABASE sales;"
                        + " CREATE TABLE sales.orders (id INT, region STRING, ssn STRING) STORED AS PARQUET;"
                        + " INSERT INTO sales.orders VALUES (1, 'EU', '111-11-1111'), (2, 'US', '222-22-2222');"
                        + " SELECT id, region, ssn FROM sales.orders ORDER BY id;");
        assertThat(admin.exitCode()).as(admin.stderr()).isZero();
        assertThat(admin.rows()).containsExactly("1\tEU\t111-11-1111", "2\tUS\t222-22-2222");
    }

    @AfterAll
    static void stopPolicyServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void filtersAndMasksForAUserWithARowFilterAndAMask() {
        SparkSql alice = sparkSql("alice", "SELECT id, region, ssn FROM sales.orders ORDER BY id;");

        assertThat(alice.exitCode()).as(alice.stderr()).isZero();
        assertThat(alice.rows()).containsExactly("1\tEU\txxx-xx-1111");
    }

    @Test
    void refusesAUserWithoutPrivilegeNamingUserPrivilegeAndResource() {
        SparkSql bob = sparkSql("bob", "SELECT id FROM sales.orders;");

        assertThat(bob.exitCode()).isNotZero();
        assertThat(bob.rows()).isEmpty();
        assertThat(bob.stderr())
                .contains("Permission denied: user [bob] does not have [select] privilege on [sales/orders/id]");
    }

    @Test
    void sharesNoClassWithSparksDistribution() throws IOException {
        Set<String> sparkClasses = new HashSet<>();
        try (Stream<Path> jars = Files.list(SPARK_JARS)) {
            for (Path jar : jars.toList()) {
                sparkClasses.addAll(classesIn(jar));
            }
        }

        Set<String> clashes = new HashSet<>(classesIn(DROP_IN));
        clashes.retainAll(sparkClasses);

        assertThat(sparkClasses).hasSizeGreaterThan(10_000);
        assertThat(clashes).isEmpty();
    }

    private static Set<String> classesIn(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> classes = new HashSet<>();
            zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class"))
                    .forEach(classes::add);
            return classes;
        }
    }

    /** Runs {@code bin/spark-sql -e statements} as {@code user}, as Spark's launcher would start it. */
    private static SparkSql sparkSql(String user, String statements) {
        try {
            Path run = Files.createTempDirectory(work, "run-" + user);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(property("lakegate.spark.jvm.args").split("\\s+")));
            command.addAll(List.of(
                    "-cp",
                    SPARK_JARS + "/*" + java.io.File.pathSeparator + DROP_IN,
                    "org.apache.spark.deploy.SparkSubmit",
                    "--master",
                    "local[1]",
                    "--conf",
                    "spark.sql.extensions=" + EXTENSION,
                    "--conf",
                    "spark.ui.enabled=false",
                    "--conf",
                    "spark.sql.warehouse.dir=" + work.resolve("warehouse"),
                    "--conf",
                    "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=" + work.resolve("metastore")
                            + ";create=true",
                    "--class",
                    "org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver",
                    "spark-internal",
                    "-e",
                    statements));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(run.toFile())
                    .redirectOutput(run.resolve("stdout").toFile())
                    .redirectError(run.resolve("stderr").toFile());
            Map<String, String> environment = builder.environment();
            environment.put("SPARK_CONF_DIR", work.resolve("conf").toString());
            environment.put("HADOOP_USER_NAME", user);
            environment.remove("SPARK_HOME");
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("spark-sql as " + user + " did not finish in 5 minutes; see " + run);
            }
            return new SparkSql(
                    process.exitValue(),
                    Files.readAllLines(run.resolve("stdout")),
                    Files.readString(run.resolve("stderr")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String property(String name) {
        return requireNonNull(System.getProperty(name), name + " is set by the failsafe configuration");
    }

    private record SparkSql(int exitCode, List<String> rows, String stderr) {
        SparkSql {
            rows = List.copyOf(rows);
        }
    }
}
