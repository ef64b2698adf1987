package io.lakegate.spark.authz;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import io.lakegate.spark.authz.identity.SessionUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * An engine launched the way Kyuubi's engine-launch injection launches one: {@code spark-submit --conf} names a
 * Ranger conf dir of the engine's own ({@value SparkRangerPlugin#RANGER_CONF_DIR}) and a policy cache dir of its
 * own ({@value SparkRangerPlugin#POLICY_CACHE_DIR}), over the files of Spark's conf dir that the host's engines
 * share. This class starts its own SparkContext, so it runs in a JVM of its own (see the module's pom).
 */
class LaunchedEngineTest {
    private static final String SHARED_SERVICE = "hive_shared";
    private static final String ENGINE_SERVICE = "hive_engine";

    @Test
    void theLaunchersConfDirAndPolicyCacheDirWinOverSparksConfDir() throws IOException {
        Path work = Files.createDirectories(Path.of("target", "spark-test")).toAbsolutePath();
        Path policies = Files.createTempDirectory(work, "launched-policies");
        writeAtomically(
                policies.resolve(ENGINE_SERVICE + ".json"),
                export(ENGINE_SERVICE, access(1, "sales", "*", "*", "all", List.of("admin"), List.of())));
        try (PolicyServer server = PolicyServer.start(PolicyServerConfig.onLoopback(policies))) {
            // Spark's conf dir, shared by the host's engines: a service with no policies here, one cache dir for all.
            Path sharedCache = Files.createTempDirectory(work, "shared-cache");
            RangerPluginFiles.securityXml(
                    Files.createDirectories(Path.of(System.getenv("SPARK_CONF_DIR"))),
                    SparkRangerPlugin.PLUGIN_TYPE,
                    RangerPluginFiles.standardKeys(
                            SparkRangerPlugin.PLUGIN_TYPE, SHARED_SERVICE, server.baseUrl(), 1_000, sharedCache));
            // The launcher's, for this engine only; everything it does not set comes from Spark's conf dir.
            Path engineConf = Files.createTempDirectory(work, "engine-conf");
            RangerPluginFiles.securityXml(
                    engineConf,
                    SparkRangerPlugin.PLUGIN_TYPE,
                    Map.of("ranger.plugin.spark.service.name", ENGINE_SERVICE));
            // Not created beforehand: Ranger creates it.
            Path engineCache = Files.createTempDirectory(work, "engine").resolve("policy-cache");

            SparkSession spark = SparkSession.builder()
                    .master("local[1]")
                    .appName("lakegate-launched-engine-test")
                    .config("spark.sql.extensions", LakegateSparkExtension.class.getName())
                    .config(SparkRangerPlugin.RANGER_CONF_DIR, engineConf.toString())
                    .config(SparkRangerPlugin.POLICY_CACHE_DIR, engineCache.toString())
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "1")
                    .config(
                            "spark.sql.warehouse.dir",
                            Files.createTempDirectory(work, "launched-warehouse")
                                    .toString())
                    .getOrCreate();
            try {
                assertThat(SparkRangerPlugin.authorizer().serviceName()).isEqualTo(ENGINE_SERVICE);
                // The session holds the launcher's keys, as the engine does: its statements run.
                spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "admin");
                spark.sql("CREATE DATABASE sales");
                spark.sql("CREATE TABLE sales.orders (id INT) USING parquet");
                spark.sql("INSERT INTO sales.orders VALUES (1), (2)");
                assertThat(spark.sql("SELECT id FROM sales.orders").collectAsList())
                        .hasSize(2);
                spark.sparkContext().setLocalProperty(SessionUser.KYUUBI_SESSION_USER, "bob");
                assertThatThrownBy(
                                () -> spark.sql("SELECT id FROM sales.orders").collectAsList())
                        .isInstanceOf(AccessControlException.class)
                        .hasMessage(
                                "Permission denied: user [bob] does not have [select] privilege on [sales/orders/id]");
                assertThatThrownBy(() -> spark.sql("SET " + SparkRangerPlugin.POLICY_CACHE_DIR + "=" + sharedCache))
                        .isInstanceOf(AccessControlException.class)
                        .hasMessageStartingWith("Permission denied: [" + SparkRangerPlugin.POLICY_CACHE_DIR
                                + "] may not be changed in a session");

                assertThat(fileNames(engineCache)).anyMatch(name -> name.contains(ENGINE_SERVICE));
                assertThat(fileNames(sharedCache)).isEmpty();
            } finally {
                spark.stop();
            }
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
