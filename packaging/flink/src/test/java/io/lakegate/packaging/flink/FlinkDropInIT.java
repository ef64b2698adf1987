package io.lakegate.packaging.flink;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.flink.authz.testing.ThriftMetastore;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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
 * The drop-in jar in the host as an operator deploys it: a Flink JVM whose class path is exactly a Flink 1.20
 * distribution's {@code lib/}, the Hive connector and Hadoop's client beside it, plus that one jar; the catalog from
 * the operator's catalog store, Ranger's files in {@code $FLINK_CONF_DIR}, a real Hive metastore and the policy
 * server over HTTP.
 */
final class FlinkDropInIT {
    private static final String SERVICE = "hive_prod";

    private static final Path FLINK_JARS = Path.of(property("lakegate.flink.home.jars"));
    private static final Path DROP_IN = Path.of(property("lakegate.dropin.jar"));

    @TempDir
    static Path work;

    private static PolicyServer server;

    @BeforeAll
    static void startServersAndCreateData() throws IOException {
        Path policies = Files.createDirectories(work.resolve("policies"));
        writeAtomically(
                policies.resolve(SERVICE + ".json"),
                export(
                        SERVICE,
                        access(1, "*", "*", "*", "all", List.of("admin"), List.of()),
                        access(2, "sales", "orders", "*", "select", List.of("alice"), List.of()),
                        mask(3, "sales", "orders", "ssn", List.of("alice"), "MASK_SHOW_LAST_4"),
                        rowFilter(4, "sales", "orders", List.of("alice"), "region = 'EU'")));
        server = PolicyServer.start(PolicyServerConfig.onLoopback(policies));
        Path conf = Files.createDirectories(work.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), "parallelism.default: 1\n");
        RangerPluginFiles.securityXml(
                conf,
                "flink",
                RangerPluginFiles.standardKeys(
                        "flink", SERVICE, server.baseUrl(), 1_000, Files.createDirectories(work.resolve("cache"))));
        String metastore = ThriftMetastore.start(work.resolve("metastore"), work.resolve("warehouse"));
        Path hiveConf = Files.createDirectories(work.resolve("hive-conf"));
        Files.writeString(
                hiveConf.resolve("hive-site.xml"),
                "<configuration><property><name>hive.metastore.uris</name><value>" + metastore
                        + "</value></property></configuration>");
        Files.writeString(
                Files.createDirectories(work.resolve("catalogs")).resolve("lake.yaml"),
                "type: lakegate-hive\nhive-conf-dir: " + hiveConf + "\nhive-version: 2.3.10\n");

        List<String> admin = flinkSql(
                "admin",
                "CREATE DATABASE sales",
                "CREATE TABLE sales.orders (id INT, region STRING, ssn STRING) WITH ('connector' = 'hive')",
                "INSERT INTO sales.orders VALUES (1, 'EU', '111-11-1111'), (2, 'US', '222-22-2222')",
                "SELECT id, region, ssn FROM sales.orders ORDER BY id");
        assertThat(admin).containsExactly("OK", "OK", "OK", "ROW\t1\tEU\t111-11-1111", "ROW\t2\tUS\t222-22-2222");
    }

    @AfterAll
    static void stopPolicyServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void filtersAndMasksForAUserWithARowFilterAndAMask() {
        assertThat(flinkSql("alice", "SELECT id, region, ssn FROM sales.orders ORDER BY id"))
                .containsExactly("ROW\t1\tEU\txxx-xx-1111");
    }

    @Test
    void refusesAUserWithoutPrivilegeNamingUserPrivilegeAndResource() {
        assertThat(flinkSql("bob", "SELECT id FROM sales.orders"))
                .singleElement()
                .asString()
                .startsWith("ERROR\t")
                .contains("Permission denied: user [bob] does not have [select] privilege on [sales/orders/id]");
    }

    @Test
    void refusesAUsersOwnHiveCatalog() {
        assertThat(flinkSql(
                        "alice",
                        "CREATE CATALOG mine WITH ('type' = 'hive', 'hive-conf-dir' = '" + work.resolve("hive-conf")
                                + "')"))
                .singleElement()
                .asString()
                .contains("Permission denied: user [alice] may not create or alter catalog [mine]");
    }

    @Test
    void sharesNoClassWithFlinksDistributionAndTheHiveConnector() throws IOException {
        Set<String> hostClasses = new HashSet<>();
        try (Stream<Path> jars = Files.list(FLINK_JARS)) {
            for (Path jar : jars.toList()) {
                hostClasses.addAll(classesIn(jar));
            }
        }
        Set<String> clashes = new HashSet<>(classesIn(DROP_IN));
        clashes.retainAll(hostClasses);

        assertThat(hostClasses).hasSizeGreaterThan(10_000);
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

    /**
     * Runs {@code statements} in a Flink JVM as {@code user}; returns its result lines, after checking the guard
     * was loaded from the drop-in jar.
     */
    private static List<String> flinkSql(String user, String... statements) {
        try {
            Path run = Files.createTempDirectory(work, "run-" + user);
            Files.write(run.resolve("statements"), Arrays.asList(statements));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(property("lakegate.flink.jvm.args").split("\\s+")));
            command.addAll(List.of(
                    "-cp",
                    FLINK_JARS + "/*" + File.pathSeparator + DROP_IN + File.pathSeparator
                            + property("lakegate.flink.driver.classes"),
                    FlinkSqlDriver.class.getName(),
                    user,
                    work.resolve("catalogs").toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(run.toFile())
                    .redirectInput(run.resolve("statements").toFile())
                    .redirectOutput(run.resolve("stdout").toFile())
                    .redirectError(run.resolve("stderr").toFile());
            builder.environment().put("FLINK_CONF_DIR", work.resolve("conf").toString());
            builder.environment().remove("FLINK_HOME");
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("Flink as " + user + " did not finish in 5 minutes; see " + run);
            }
            List<String> lines = Files.readAllLines(run.resolve("stdout"));
            assertThat(process.exitValue())
                    .as(Files.readString(run.resolve("stderr")))
                    .isZero();
            assertThat(lines).as(Files.readString(run.resolve("stderr"))).isNotEmpty();
            assertThat(lines.get(0)).startsWith("FACTORY\t");
            assertThat(Path.of(URI.create(lines.get(0).substring("FACTORY\t".length()))))
                    .isEqualTo(DROP_IN);
            return lines.subList(1, lines.size()).stream()
                    .filter(line -> line.startsWith("ROW\t") || line.startsWith("OK") || line.startsWith("ERROR\t"))
                    .toList();
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
}
