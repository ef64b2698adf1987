package io.lakegate.kyuubi.routing.kyuubi;

import static io.lakegate.kyuubi.routing.kyuubi.KyuubiHost.advisor;
import static io.lakegate.kyuubi.routing.kyuubi.KyuubiHost.merged;
import static io.lakegate.kyuubi.routing.kyuubi.KyuubiHost.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.kyuubi.authn.conf.ConfigException;
import io.lakegate.kyuubi.routing.decision.RoutingRefusedException;
import io.lakegate.kyuubi.routing.launch.LaunchInjection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kyuubi.plugin.SessionConfAdvisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advisor as Kyuubi creates and calls it, against the shipped example rules file and files of the tests'. */
class LakegateSessionConfAdvisorTest {
    private static final Path EXAMPLE = Path.of("examples/lakegate-routing.yaml");

    @TempDir
    Path dir;

    private SessionConfAdvisor example(Map<String, String> moreDefaults) {
        Map<String, String> defaults = new HashMap<>(moreDefaults);
        defaults.put(RoutingService.RULES, EXAMPLE.toAbsolutePath().toString());
        return advisor(dir.resolve("conf"), defaults);
    }

    private SessionConfAdvisor withRules(String rules) throws IOException {
        Path file = dir.resolve("rules-" + System.nanoTime() + ".yaml");
        Files.writeString(file, rules);
        return advisor(dir.resolve("conf-" + System.nanoTime()), Map.of(RoutingService.RULES, file.toString()));
    }

    /** A derived engine name: the prefix, the rule's fingerprint, then {@code suffix}. */
    private static Consumer<String> derived(String prefix, String suffix) {
        return value -> assertThat(value).matches(Pattern.quote(prefix) + "-[0-9a-f]{8}" + Pattern.quote(suffix));
    }

    private static Consumer<String> derived(String prefix) {
        return derived(prefix, "");
    }

    @Test
    void analystsGetTheirOwnSparkEngineWithLakegateAndLineage() {
        Map<String, String> overlay =
                example(Map.of()).getConfOverlay("alice", session("alice", "192.168.1.5", Map.of()));

        assertThat(overlay)
                .containsEntry("kyuubi.engine.type", "SPARK_SQL")
                .containsEntry("kyuubi.engine.share.level", "USER")
                .hasEntrySatisfying("kyuubi.engine.share.level.subdomain", derived("lakegate-analysts"))
                .containsEntry("kyuubi.session.engine.idle.timeout", "PT30M")
                .containsEntry("spark.yarn.queue", "analysts")
                .containsEntry("spark.executor.memory", "4g")
                .containsEntry("spark.sql.extensions", "io.lakegate.spark.authz.LakegateSparkExtension")
                .containsEntry("spark.extraListeners", "io.openlineage.spark.agent.OpenLineageSparkListener")
                .containsEntry(
                        "spark.jars",
                        "/opt/lakegate/spark/lakegate-spark-runtime-3.5_2.12.jar,"
                                + "/opt/lakegate/spark/openlineage-spark_2.12-1.53.0.jar")
                .containsEntry("spark.openlineage.transport.type", "http")
                .containsEntry("spark.openlineage.transport.url", "http://marquez.internal:5000")
                .containsEntry("spark.openlineage.transport.endpoint", "/api/v1/lineage")
                .containsEntry("spark.openlineage.namespace", "lakegate")
                .containsEntry("spark.openlineage.job.owners.user", "alice")
                .containsEntry("spark.lakegate.ranger.conf.dir", "/etc/lakegate/ranger")
                .containsEntry("spark.lakegate.ranger.policy.cache.dir", "/var/lib/lakegate/ranger-cache/alice")
                .containsEntry("kyuubi.session.user", "alice");
    }

    @Test
    void streamingSessionsGoToFlinkInTheGuardedCatalog() {
        Map<String, String> overlay = example(Map.of())
                .getConfOverlay("bob", session("bob", "192.168.1.6", Map.of("lakegate.workload", "streaming")));

        assertThat(overlay)
                .containsEntry("kyuubi.engine.type", "FLINK_SQL")
                .hasEntrySatisfying("kyuubi.engine.share.level.subdomain", derived("lakegate-streaming"))
                .containsEntry("flink.parallelism.default", "2")
                .containsEntry("flink.table.catalog-store.kind", "lakegate")
                .containsEntry("flink.table.catalog-store.lakegate.catalog.lakegate.type", "lakegate-hive")
                .containsEntry("flink.table.catalog-store.lakegate.catalog.lakegate.hive-conf-dir", "/etc/hive/conf")
                .containsEntry("flink.table.builtin-catalog-name", "lakegate")
                .containsEntry("flink.table.catalog-modification.listeners", "lakegate")
                .doesNotContainKey("kyuubi.session.engine.flink.initialize.sql")
                .containsEntry("flink.openlineage.transport.url", "http://marquez.internal:5000")
                .containsEntry("flink.openlineage.job.owners.user", "bob")
                .containsEntry("kyuubi.session.user", "bob")
                .doesNotContainKeys("spark.sql.extensions", "spark.jars");
    }

    @Test
    void dashboardsOfTheBiGroupGoToOneTrinoEngineOnlyFromTheOfficeNetwork() {
        SessionConfAdvisor advisor = example(Map.of());

        Map<String, String> office = advisor.getConfOverlay("carol", session("carol", "10.20.3.4", Map.of()));
        Map<String, String> elsewhere = advisor.getConfOverlay("carol", session("carol", "10.21.3.4", Map.of()));

        assertThat(office)
                .containsEntry("kyuubi.engine.type", "TRINO")
                .containsEntry("kyuubi.engine.share.level", "GROUP")
                .containsEntry("kyuubi.session.user", "carol");
        assertThat(elsewhere).containsEntry("kyuubi.engine.type", "SPARK_SQL");
    }

    @Test
    void aTrinoSessionCannotClaimAnotherUser() {
        // Kyuubi's Trino engine takes its principal from the session conf's kyuubi.session.user (TrinoSessionImpl).
        Map<String, String> session = session("carol", "10.20.3.4", Map.of("kyuubi.session.user", "admin"));

        Map<String, String> conf = merged(List.of(example(Map.of())), "carol", session);

        assertThat(conf).containsEntry("kyuubi.session.user", "carol");
    }

    @Test
    void regexUsersGetAPoolThatAClientSubdomainCannotLeave() {
        Map<String, String> overlay = example(Map.of())
                .getConfOverlay(
                        "svc_etl_7",
                        session("svc_etl_7", "10.1.1.1", Map.of("kyuubi.engine.share.level.subdomain", "analysts")));

        assertThat(overlay)
                .containsEntry("kyuubi.engine.share.level", "SERVER")
                .containsEntry("kyuubi.engine.pool.name", "etl")
                .containsEntry("kyuubi.engine.pool.size", "3")
                .containsEntry("kyuubi.engine.pool.ignoreSubdomain", "true")
                .containsEntry("spark.yarn.queue", "etl")
                .containsEntry("spark.dynamicAllocation.maxExecutors", "40");
    }

    @Test
    void aClientCannotPickAnotherRulesEngineWithASubdomainOrAPool() {
        Map<String, String> overlay = example(Map.of())
                .getConfOverlay(
                        "alice",
                        session(
                                "alice",
                                "10.1.1.1",
                                Map.of(
                                        "kyuubi.engine.share.level.subdomain", "lakegate-etl",
                                        "kyuubi.engine.pool.name", "etl",
                                        "kyuubi.engine.pool.size", "3")));

        assertThat(overlay)
                .hasEntrySatisfying(
                        "kyuubi.engine.share.level.subdomain", derived("lakegate-analysts", ".lakegate-etl"))
                .containsEntry("kyuubi.engine.pool.size", "-1");
    }

    @Test
    void clientResourcesOverTheLimitAreClampedUnderEverySpelling() {
        Map<String, String> overlay = example(Map.of())
                .getConfOverlay(
                        "alice",
                        session(
                                "alice",
                                "10.1.1.1",
                                Map.of(
                                        "spark.executor.memory", "64g",
                                        "executor.cores", "32",
                                        "spark.dynamicAllocation.maxExecutors", "15",
                                        "spark.driver.memory", "8192")));

        assertThat(overlay)
                .containsEntry("spark.executor.memory", "8g")
                .containsEntry("executor.cores", "4")
                .containsEntry("spark.driver.memory", "4g")
                .doesNotContainKey("spark.dynamicAllocation.maxExecutors");
    }

    @Test
    void eachLimitComesFromTheFirstSetOfTheUsersGroupsThatNamesIt() throws IOException {
        Path groups = dir.resolve("groups.txt");
        Files.writeString(groups, "dave: data-engineering\n");
        Map<String, String> defaults = Map.of(
                RoutingService.RULES,
                EXAMPLE.toAbsolutePath().toString(),
                "kyuubi.session.group.lakegate.sources",
                "file",
                "kyuubi.session.group.lakegate.file.path",
                groups.toString());
        SessionConfAdvisor advisor = advisor(dir.resolve("conf-groups"), defaults);

        Map<String, String> dave = advisor.getConfOverlay(
                "dave",
                session("dave", "10.1.1.1", Map.of("spark.executor.memory", "64g", "spark.driver.memory", "8g")));
        Map<String, String> erin =
                advisor.getConfOverlay("erin", session("erin", "10.1.1.1", Map.of("spark.executor.memory", "12g")));

        // The group's set raises the executors' memory; the set for every user still caps the driver's.
        assertThat(dave).containsEntry("spark.executor.memory", "16g").containsEntry("spark.driver.memory", "4g");
        assertThat(erin).containsEntry("spark.executor.memory", "8g");
    }

    @Test
    void aResourceThatIsNoSizeIsRefusedRatherThanGuessed() {
        SessionConfAdvisor advisor = example(Map.of());

        assertThatThrownBy(() -> advisor.getConfOverlay(
                        "alice", session("alice", "10.1.1.1", Map.of("spark.executor.memory", "lots"))))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("[alice]")
                .hasMessageContaining("spark.executor.memory [lots]")
                .hasMessageContaining("8g");
    }

    @Test
    void aStreamingClientCannotReplaceTheFlinkGuardsCatalogStoreListenerOrBuiltInCatalog() {
        Map<String, String> session = session(
                "bob",
                "192.168.1.6",
                Map.of(
                        "lakegate.workload", "streaming",
                        "flink.table.catalog-store.kind", "generic_in_memory",
                        "table.catalog-modification.listeners", "",
                        "flink.table.builtin-catalog-name", "default_catalog",
                        "flink.lakegate.session-user", "admin"));
        Map<String, String> conf = merged(List.of(example(Map.of())), "bob", session);

        assertThat(conf)
                .containsEntry("flink.table.catalog-store.kind", "lakegate")
                .containsEntry("flink.table.catalog-modification.listeners", "lakegate")
                .containsEntry("flink.table.builtin-catalog-name", "lakegate")
                .doesNotContainEntry("flink.lakegate.session-user", "admin")
                .doesNotContainEntry("table.catalog-modification.listeners", "");
    }

    @Test
    void guardedSettingsGetThePlatformsValueWhateverSpellingTheClientUses() {
        Map<String, String> defaults = Map.of(
                "spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
                "___alice___.spark.driver.extraJavaOptions", "-Dfile.encoding=UTF-8");

        Map<String, String> session = session(
                "alice",
                "10.1.1.1",
                Map.of(
                        "sql.extensions", "org.example.Evil",
                        "spark.sql.optimizer.excludedRules", "io.lakegate.spark.authz.plan.AuthorizeStatement",
                        "spark.driver.extraJavaOptions", "-javaagent:/tmp/evil.jar",
                        "spark.driver.userClassPathFirst", "true",
                        "kyuubi.engineEnv.SPARK_HOME", "/tmp/evil-spark",
                        "kyuubi.session.engine.spark.main.resource", "/tmp/evil.jar",
                        "lakegate.ranger.conf.dir", "/tmp/open-policies"));
        Map<String, String> conf = merged(List.of(example(defaults)), "alice", session);

        String extensions = "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
                + "io.lakegate.spark.authz.LakegateSparkExtension";
        assertThat(conf)
                .containsEntry("spark.sql.extensions", extensions)
                .containsEntry("sql.extensions", extensions)
                .containsEntry("spark.sql.optimizer.excludedRules", "")
                .containsEntry("spark.driver.extraJavaOptions", "-Dfile.encoding=UTF-8")
                .containsEntry("spark.driver.userClassPathFirst", "false")
                .containsEntry("kyuubi.engineEnv.SPARK_HOME", "")
                .containsEntry("kyuubi.session.engine.spark.main.resource", "")
                .containsEntry("lakegate.ranger.conf.dir", "/etc/lakegate/ranger")
                .containsEntry("spark.lakegate.ranger.conf.dir", "/etc/lakegate/ranger");
    }

    @Test
    void everySparkSettingReachesTheEngineWithOneValueWhateverTheClientsSpellings() {
        Map<String, String> session = session(
                "alice",
                "10.1.1.1",
                Map.of(
                        "sql.extensions", "org.example.Evil",
                        "extraListeners", "org.example.Spy",
                        "executor.memory", "64g",
                        "spark.executor.memory", "2g",
                        "openlineage.transport.url", "http://attacker:1"));

        Map<String, String> conf = merged(List.of(example(Map.of())), "alice", session);

        // SparkProcessBuilder passes every key as --conf convertConfigKey(key)=value; which duplicate wins is map
        // order.
        Map<String, java.util.Set<String>> values = new HashMap<>();
        conf.forEach((key, value) -> values.computeIfAbsent(
                        io.lakegate.kyuubi.routing.rules.EngineType.SPARK_SQL.engineKey(key),
                        k -> new java.util.HashSet<>())
                .add(value));
        assertThat(values)
                .allSatisfy((key, distinct) -> assertThat(distinct).as(key).hasSize(1));
        assertThat(values.get("spark.sql.extensions"))
                .containsExactly("io.lakegate.spark.authz.LakegateSparkExtension");
        assertThat(values.get("spark.extraListeners"))
                .containsExactly("io.openlineage.spark.agent.OpenLineageSparkListener");
        assertThat(values.get("spark.openlineage.transport.url")).containsExactly("http://marquez.internal:5000");
        assertThat(values.get("spark.executor.memory")).containsExactly("8g");
    }

    @Test
    void launchInjectionAppendsToTheOperatorsSparkDefaultsAndKeepsTheClientsJarsLast() throws IOException {
        Path sparkConf = Files.createDirectories(dir.resolve("spark-conf"));
        Files.writeString(
                sparkConf.resolve("spark-defaults.conf"),
                "spark.extraListeners com.example.AuditListener\nspark.jars /opt/udf/company-udfs.jar\n");
        Path rules = dir.resolve("jars.yaml");
        Files.writeString(
                rules,
                """
                clientKeys:
                  allow: [spark.jars]
                launch:
                  spark: {jars: [/opt/lakegate/runtime.jar]}
                  lineage: {url: "http://receiver:5000"}
                rules:
                  - name: everyone
                """);
        Map<String, String> overlay = advisor(
                        dir.resolve("conf-jars"),
                        Map.of(
                                RoutingService.RULES,
                                rules.toString(),
                                "kyuubi.engineEnv.SPARK_CONF_DIR",
                                sparkConf.toString()))
                .getConfOverlay("alice", session("alice", "10.1.1.1", Map.of("spark.jars", "/home/alice/mine.jar")));

        assertThat(overlay)
                .containsEntry(
                        "spark.extraListeners",
                        "com.example.AuditListener,io.openlineage.spark.agent.OpenLineageSparkListener")
                .containsEntry(
                        "spark.jars", "/opt/udf/company-udfs.jar,/opt/lakegate/runtime.jar,/home/alice/mine.jar");
    }

    @Test
    void keysNoClientMaySetRefuseTheSessionNamingThem() {
        SessionConfAdvisor advisor = example(Map.of());
        for (String key : List.of(
                "kyuubi.ha.addresses",
                "kyuubi.engine.security.enabled",
                "spark.kyuubi.ha.namespace",
                "spark.executor.memoryOverhead",
                "spark.yarn.appMasterEnv.JAVA_TOOL_OPTIONS",
                "spark.sql.queryExecutionListeners",
                "spark.jars",
                "kyuubi.engine.single.spark.session",
                "kyuubi.session.engine.initialize.timeout",
                "table.exec.resource.default-parallelism",
                "spark.sql.adaptive.customCostEvaluatorClass")) {
            assertThatThrownBy(() -> advisor.getConfOverlay("alice", session("alice", "10.1.1.1", Map.of(key, "x"))))
                    .as(key)
                    .isInstanceOf(RoutingRefusedException.class)
                    .hasMessageContaining("Session of user [alice] refused: it sets [" + key + "], which clients may"
                            + " not set here")
                    .hasMessageContaining("clientKeys: allow:");
        }
    }

    @Test
    void aGuardedKeySentUnderBothSpellingsIsReplacedUnderBoth() {
        Map<String, String> conf = merged(
                List.of(example(Map.of())),
                "alice",
                session(
                        "alice",
                        "10.1.1.1",
                        Map.of(
                                "spark.driver.extraJavaOptions", "-javaagent:/tmp/x.jar",
                                "driver.extraJavaOptions", "-javaagent:/tmp/x.jar",
                                "spark.plugins", "org.example.Evil",
                                "plugins", "org.example.Evil")));

        assertThat(conf)
                .containsEntry("spark.driver.extraJavaOptions", "")
                .containsEntry("driver.extraJavaOptions", "")
                .containsEntry("spark.plugins", "")
                .containsEntry("plugins", "");
    }

    @Test
    void controlCharactersAndOddKeysAreRefused() {
        SessionConfAdvisor advisor = example(Map.of());

        assertThatThrownBy(() -> advisor.getConfOverlay(
                        "bob",
                        session(
                                "bob",
                                "10.1.1.1",
                                Map.of(
                                        "lakegate.workload", "streaming",
                                        "flink.pipeline.name", "x\nenv.java.opts.taskmanager: -javaagent:/tmp/x.jar"))))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("the value of [flink.pipeline.name] holds a control character");
        assertThatThrownBy(() -> advisor.getConfOverlay(
                        "alice", session("alice", "10.1.1.1", Map.of("spark.executor.memory ", "1g"))))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("key [spark.executor.memory ] is not of");
    }

    @Test
    void dynamicAllocationIsHeldToTheExecutorLimits() {
        SessionConfAdvisor advisor = example(Map.of());

        Map<String, String> asked = advisor.getConfOverlay(
                "carol",
                session(
                        "carol",
                        "10.1.1.1",
                        Map.of(
                                "spark.dynamicAllocation.enabled", "true",
                                "spark.dynamicAllocation.minExecutors", "500",
                                "spark.dynamicAllocation.initialExecutors", "400")));

        assertThat(asked)
                .containsEntry("spark.dynamicAllocation.minExecutors", "20")
                .containsEntry("spark.dynamicAllocation.initialExecutors", "20");
    }

    @Test
    void anUnsetExecutorMaximumBecomesTheLimit() throws IOException {
        SessionConfAdvisor advisor = withRules(
                """
                rules:
                  - name: everyone
                    engine: {type: SPARK_SQL}
                limits:
                  - max: {spark.dynamicAllocation.maxExecutors: "12"}
                """);

        assertThat(advisor.getConfOverlay(
                        "ann", session("ann", "10.1.1.1", Map.of("spark.dynamicAllocation.enabled", "true"))))
                .containsEntry("spark.dynamicAllocation.maxExecutors", "12");
    }

    @Test
    void aFlinkSessionCannotNameAnotherCatalogThroughItsDatabase() {
        assertThatThrownBy(() -> example(Map.of())
                        .getConfOverlay(
                                "bob",
                                session(
                                        "bob",
                                        "10.1.1.1",
                                        Map.of(
                                                "lakegate.workload", "streaming",
                                                "use:database", "default_catalog.default_database"))))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("use:database [default_catalog.default_database] must name a database");
    }

    @Test
    void anOperatorsOtherSpellingOfAnInjectedSettingGetsTheInjectedValue() {
        Map<String, String> overlay = example(Map.of("sql.extensions", "com.example.Operator"))
                .getConfOverlay("alice", session("alice", "10.1.1.1", Map.of()));

        String extensions = "com.example.Operator,io.lakegate.spark.authz.LakegateSparkExtension";
        assertThat(overlay)
                .containsEntry("spark.sql.extensions", extensions)
                .containsEntry("sql.extensions", extensions);
    }

    @Test
    void aGuardedShareLevelDoesNotNameTheCacheDirectory() throws IOException {
        SessionConfAdvisor advisor = withRules(
                """
                launch:
                  spark: {policyCacheDir: "/var/cache/{user}"}
                rules:
                  - name: everyone
                    engine: {type: SPARK_SQL}
                guardrails:
                  - keys: [kyuubi.engine.share.level]
                    value: SERVER
                """);

        assertThat(advisor.getConfOverlay(
                        "ann", session("ann", "10.1.1.1", Map.of("kyuubi.engine.share.level", "USER"))))
                .containsEntry("kyuubi.engine.share.level", "SERVER")
                .hasEntrySatisfying("spark.lakegate.ranger.policy.cache.dir", derived("/var/cache/lakegate-everyone"));
    }

    @Test
    void aFlink120EngineGetsLakegatesLineageListenerAfterTheOperators() throws IOException {
        Path rules = dir.resolve("flink.yaml");
        Files.writeString(
                rules,
                """
                launch:
                  lineage: {url: "http://receiver:5000", namespace: lake}
                rules:
                  - name: everyone
                    engine: {type: FLINK_SQL}
                """);
        SessionConfAdvisor advisor = advisor(
                dir.resolve("conf-flink"),
                Map.of(
                        RoutingService.RULES,
                        rules.toString(),
                        "flink.execution.job-listeners",
                        "com.example.AuditListener"));

        Map<String, String> overlay = advisor.getConfOverlay(
                "ann",
                session(
                        "ann",
                        "10.1.1.1",
                        Map.of(
                                LaunchInjection.PARENT_NAMESPACE, "airflow",
                                LaunchInjection.PARENT_NAME, "nightly.load",
                                LaunchInjection.PARENT_RUN_ID, "01a23ce0-5255-7ce4-9c7d-5887193006f2")));
        assertThat(overlay)
                .containsEntry(
                        "flink.execution.job-listeners",
                        "com.example.AuditListener;io.lakegate.flink.lineage.job.LineageJobListener")
                .containsEntry("flink.openlineage.transport.type", "http")
                .containsEntry("flink.openlineage.transport.url", "http://receiver:5000")
                .containsEntry("flink.openlineage.namespace", "lake")
                .containsEntry("flink.openlineage.parent.job-namespace", "airflow")
                .containsEntry("flink.openlineage.parent.job-name", "nightly.load")
                .containsEntry("flink.openlineage.parent.run-id", "01a23ce0-5255-7ce4-9c7d-5887193006f2")
                .doesNotContainKey("flink.execution.job-status-changed-listeners");
    }

    @Test
    void aFlink2EngineGetsOpenLineagesOwnListenerAndKeys() throws IOException {
        Path rules = dir.resolve("flink2.yaml");
        Files.writeString(
                rules,
                """
                launch:
                  lineage: {url: "http://receiver:5000", namespace: lake}
                  flink: {version: "2.0"}
                rules:
                  - name: everyone
                    engine: {type: FLINK_SQL}
                """);
        SessionConfAdvisor advisor =
                advisor(dir.resolve("conf-flink2"), Map.of(RoutingService.RULES, rules.toString()));

        assertThat(advisor.getConfOverlay("ann", session("ann", "10.1.1.1", Map.of())))
                .containsEntry(
                        "flink.execution.job-status-changed-listeners",
                        "io.openlineage.flink.listener.OpenLineageJobStatusChangedListenerFactory")
                .containsEntry("flink.openlineage.transport.url", "http://receiver:5000")
                .containsEntry("flink.openlineage.job.namespace", "lake")
                .containsEntry("flink.openlineage.job.owners.user", "ann")
                .doesNotContainKey("flink.execution.job-listeners");
    }

    @Test
    void aFlinkVersionThatIsNotMajorMinorStopsTheRulesNamingIt() throws IOException {
        Path rules = dir.resolve("flink-bad.yaml");
        Files.writeString(
                rules,
                """
                launch:
                  flink: {version: "latest"}
                rules:
                  - name: everyone
                    engine: {type: FLINK_SQL}
                """);
        assertThatThrownBy(() -> advisor(dir.resolve("conf-flink-bad"), Map.of(RoutingService.RULES, rules.toString())))
                .hasStackTraceContaining("Flink version [latest] must be major.minor, such as 1.20");
    }

    @Test
    void aPerUserDefaultUnderAnotherSpellingGetsTheInjectedValueToo() {
        Map<String, String> overlay = example(Map.of("___alice___.sql.extensions", "com.example.Mine"))
                .getConfOverlay("alice", session("alice", "10.1.1.1", Map.of()));

        String extensions = "com.example.Mine,io.lakegate.spark.authz.LakegateSparkExtension";
        assertThat(overlay)
                .containsEntry("spark.sql.extensions", extensions)
                .containsEntry("sql.extensions", extensions);
    }

    @Test
    void kyuubisOwnKeysAreCheckedForControlCharactersToo() {
        Map<String, String> session = new HashMap<>(session("alice", "10.1.1.1", Map.of()));
        session.put("kyuubi.client.ipAddress", "10.0.0.1\npipeline.classpaths: file:///tmp/x.jar");

        assertThatThrownBy(() -> example(Map.of()).getConfOverlay("alice", session))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("the value of [kyuubi.client.ipAddress] holds a control character");
    }

    @Test
    void aGuardrailsValueBeatsTheLimit() throws IOException {
        SessionConfAdvisor advisor = withRules(
                """
                groups: {ivy: [interns]}
                rules:
                  - name: everyone
                limits:
                  - max: {spark.executor.memory: 8g}
                guardrails:
                  - keys: [spark.executor.memory]
                    groups: [interns]
                    value: 2g
                """);

        assertThat(advisor.getConfOverlay("ivy", session("ivy", "10.1.1.1", Map.of("spark.executor.memory", "64g"))))
                .containsEntry("spark.executor.memory", "2g");
        assertThat(advisor.getConfOverlay("ann", session("ann", "10.1.1.1", Map.of("spark.executor.memory", "64g"))))
                .containsEntry("spark.executor.memory", "8g");
    }

    @Test
    void executorInstancesAreHeldToTheMaximumExecutorsLimit() throws IOException {
        SessionConfAdvisor advisor = withRules(
                """
                rules:
                  - name: everyone
                    engine: {type: SPARK_SQL}
                limits:
                  - max: {spark.dynamicAllocation.maxExecutors: "12"}
                """);

        assertThat(advisor.getConfOverlay(
                        "ann",
                        session(
                                "ann",
                                "10.1.1.1",
                                Map.of("spark.dynamicAllocation.enabled", "true", "spark.executor.instances", "500"))))
                .containsEntry("spark.executor.instances", "12")
                .containsEntry("spark.dynamicAllocation.maxExecutors", "12");
    }

    @Test
    void batchesAreRefused() {
        Map<String, String> batch =
                session("alice", "10.1.1.1", Map.of("kyuubi.batch.id", "3f5e9a4e-4b8e-4c1f-9f0e-2a8f1b7c6d5e"));

        assertThatThrownBy(() -> example(Map.of()).getConfOverlay("alice", batch))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("Batch of user [alice] refused: Kyuubi batches run the client's own code");
    }

    @Test
    void aSettingWithoutAValueIsRefused() {
        Map<String, String> session = new HashMap<>(session("alice", "10.1.1.1", Map.of()));
        session.put("spark.executor.memory", null);

        assertThatThrownBy(() -> example(Map.of()).getConfOverlay("alice", session))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("setting [spark.executor.memory] has no value");
    }

    @Test
    void aSessionCannotSwitchKyuubisEngineToScala() {
        assertThat(example(Map.of())
                        .getConfOverlay(
                                "alice", session("alice", "10.1.1.1", Map.of("kyuubi.operation.language", "SCALA"))))
                .containsEntry("kyuubi.operation.language", "SQL");
    }

    @Test
    void anOutsizedValueIsRefused() {
        assertThatThrownBy(() -> example(Map.of())
                        .getConfOverlay(
                                "alice",
                                session("alice", "10.1.1.1", Map.of("spark.executor.memory", "9".repeat(20_000)))))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("[spark.executor.memory] is longer than 16384 characters");
    }

    @Test
    void aFlinkSessionCannotLeaveTheGuardedCatalog() {
        SessionConfAdvisor advisor = example(Map.of());
        Map<String, String> streaming = Map.of("lakegate.workload", "streaming", "use:catalog", "default_catalog");

        assertThatThrownBy(() -> advisor.getConfOverlay("bob", session("bob", "10.1.1.1", streaming)))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("use:catalog [default_catalog] would leave the guarded catalog [lakegate]");
        assertThat(advisor.getConfOverlay(
                        "bob",
                        session(
                                "bob",
                                "10.1.1.1",
                                Map.of("lakegate.workload", "streaming", "use:catalog", "lakegate"))))
                .containsEntry("kyuubi.engine.type", "FLINK_SQL");
    }

    @Test
    void aClientSubdomainMustBeAName() {
        assertThatThrownBy(() -> example(Map.of())
                        .getConfOverlay(
                                "alice",
                                session("alice", "10.1.1.1", Map.of("kyuubi.engine.share.level.subdomain", "../x"))))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("kyuubi.engine.share.level.subdomain [../x] must be");
    }

    @Test
    void aSharedEnginesPolicyCacheIsNamedByItsSubdomainNotByTheFirstUser() throws IOException {
        SessionConfAdvisor advisor = withRules(
                """
                launch:
                  spark: {policyCacheDir: "/var/cache/{user}"}
                rules:
                  - name: shared
                    match: {users: [ann]}
                    engine: {type: SPARK_SQL, shareLevel: GROUP}
                  - name: everyone
                    engine: {type: SPARK_SQL, shareLevel: USER}
                """);

        assertThat(advisor.getConfOverlay("ann", session("ann", "10.1.1.1", Map.of())))
                .hasEntrySatisfying("spark.lakegate.ranger.policy.cache.dir", derived("/var/cache/lakegate-shared"));
        assertThat(advisor.getConfOverlay("ben", session("ben", "10.1.1.1", Map.of())))
                .containsEntry("spark.lakegate.ranger.policy.cache.dir", "/var/cache/ben");
    }

    @Test
    void groupGuardrailsApplyOnlyToTheirGroups() throws IOException {
        SessionConfAdvisor advisor = withRules(
                """
                groups:
                  ann: [analysts]
                clientKeys:
                  allow: [kyuubi.engine.share.level]
                rules:
                  - name: everyone
                guardrails:
                  - keys: [kyuubi.engine.share.level]
                    groups: [analysts]
                    value: USER
                """);
        Map<String, String> asked = Map.of("kyuubi.engine.share.level", "SERVER");

        assertThat(advisor.getConfOverlay("ann", session("ann", "10.1.1.1", asked)))
                .containsEntry("kyuubi.engine.share.level", "USER");
        assertThat(advisor.getConfOverlay("ben", session("ben", "10.1.1.1", asked)))
                .doesNotContainKey("kyuubi.engine.share.level");
    }

    @Test
    void aParentRunFromASchedulerReachesOpenLineageWhenValid() {
        SessionConfAdvisor advisor = example(Map.of());
        Map<String, String> parent = Map.of(
                "lakegate.parent.job.namespace", "airflow",
                "lakegate.parent.job.name", "nightly.load_orders",
                "lakegate.parent.run.id", "3f5e9a4e-4b8e-4c1f-9f0e-2a8f1b7c6d5e");

        assertThat(advisor.getConfOverlay("alice", session("alice", "10.1.1.1", parent)))
                .containsEntry("spark.openlineage.parentJobNamespace", "airflow")
                .containsEntry("spark.openlineage.parentJobName", "nightly.load_orders")
                .containsEntry("spark.openlineage.parentRunId", "3f5e9a4e-4b8e-4c1f-9f0e-2a8f1b7c6d5e");
        assertThatThrownBy(() -> advisor.getConfOverlay(
                        "alice",
                        session(
                                "alice",
                                "10.1.1.1",
                                Map.of(
                                        "lakegate.parent.job.namespace", "airflow",
                                        "lakegate.parent.job.name", "x",
                                        "lakegate.parent.run.id", "not-a-uuid"))))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("lakegate.parent.run.id [not-a-uuid] is no UUID");
    }

    @Test
    void aRuleCanSwitchAuthzAndLineageOff() throws IOException {
        SessionConfAdvisor advisor = withRules(
                """
                launch:
                  lineage: {url: "http://receiver:5000"}
                rules:
                  - name: sandbox
                    match: {users: ["tmp-*"]}
                    engine: {type: SPARK_SQL}
                    launch: {authz: false, lineage: false}
                  - name: everyone
                """);

        Map<String, String> sandbox = advisor.getConfOverlay(
                "tmp-1", session("tmp-1", "10.1.1.1", Map.of("spark.sql.extensions", "org.example.Evil")));
        Map<String, String> everyone = advisor.getConfOverlay("ann", session("ann", "10.1.1.1", Map.of()));

        assertThat(sandbox)
                .containsEntry("spark.sql.extensions", "")
                .doesNotContainKeys("spark.extraListeners", "spark.openlineage.transport.url");
        assertThat(everyone).containsKeys("spark.sql.extensions", "spark.openlineage.transport.url");
    }

    @Test
    void anEngineTypeLakegateDoesNotGovernIsRefused() throws IOException {
        SessionConfAdvisor advisor = withRules("rules:\n  - name: everyone\n");

        assertThatThrownBy(() ->
                        advisor.getConfOverlay("ann", session("ann", "10.1.1.1", Map.of("kyuubi.engine.type", "JDBC"))))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("[ann]")
                .hasMessageContaining("engine type [JDBC]");
        assertThat(advisor.getConfOverlay("ann", session("ann", "10.1.1.1", Map.of("kyuubi.engine.type", "flink_sql"))))
                .containsEntry("kyuubi.engine.type", "FLINK_SQL");
    }

    @Test
    void groupsThatCannotBeLookedUpRefuseTheSession() throws IOException {
        Path groups = dir.resolve("groups.txt");
        Files.writeString(groups, "dave: data-engineering\n");
        SessionConfAdvisor advisor = advisor(
                dir.resolve("conf-missing-groups"),
                Map.of(
                        RoutingService.RULES,
                        EXAMPLE.toAbsolutePath().toString(),
                        "kyuubi.session.group.lakegate.sources",
                        "ldap",
                        "kyuubi.authentication.lakegate.ldap.url",
                        "ldap://127.0.0.1:1",
                        "kyuubi.authentication.lakegate.ldap.userDnPatterns",
                        "uid=%s,ou=people,dc=example",
                        "kyuubi.authentication.lakegate.ldap.connectTimeout",
                        "PT0.2S"));

        assertThatThrownBy(() -> advisor.getConfOverlay("dave", session("dave", "10.1.1.1", Map.of())))
                .isInstanceOf(RoutingRefusedException.class)
                .hasMessageContaining("[dave]")
                .hasMessageContaining("groups cannot be looked up");
    }

    @Test
    void anAdvisorListedAfterLakegatesWinsAsKyuubiMergesOverlaysInOrder() {
        SessionConfAdvisor lakegate = example(Map.of());
        SessionConfAdvisor other = new SessionConfAdvisor() {
            @Override
            public Map<String, String> getConfOverlay(String user, Map<String, String> conf) {
                return Map.of("spark.sql.extensions", "org.example.Other");
            }
        };
        Map<String, String> session = session("alice", "10.1.1.1", Map.of());

        assertThat(merged(List.of(other, lakegate), "alice", session))
                .containsEntry("spark.sql.extensions", "io.lakegate.spark.authz.LakegateSparkExtension");
        assertThat(merged(List.of(lakegate, other), "alice", session))
                .containsEntry("spark.sql.extensions", "org.example.Other");
    }

    @Test
    void anInvalidRulesFileStopsTheServerNamingFileLineAndProblem() throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "rules:\n  - name: everyone\n    mtach: {users: [alice]}\n");

        assertThatThrownBy(() -> advisor(dir.resolve("conf-broken"), Map.of(RoutingService.RULES, file.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RoutingService.RULES)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3: unknown key [mtach] in a rule");
        assertThatThrownBy(() -> advisor(
                        dir.resolve("conf-absent"),
                        Map.of(RoutingService.RULES, dir.resolve("absent.yaml").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.yaml")
                .hasMessageContaining("not a readable file");
    }

    @Test
    void anEditedRulesSessionsGetNewEnginesButAMovedMatchKeepsThem() throws IOException {
        String before = withRules("rules:\n  - name: everyone\n    conf: {spark.executor.cores: \"2\"}\n")
                .getConfOverlay("ann", session("ann", "10.1.1.1", Map.of()))
                .get("kyuubi.engine.share.level.subdomain");
        String sameSettings = withRules("rules:\n  - name: x\n    match: {users: [zed]}\n  - name: everyone\n"
                        + "    conf: {spark.executor.cores: \"2\"}\n")
                .getConfOverlay("ann", session("ann", "10.1.1.1", Map.of()))
                .get("kyuubi.engine.share.level.subdomain");
        String edited = withRules("rules:\n  - name: everyone\n    conf: {spark.executor.cores: \"4\"}\n")
                .getConfOverlay("ann", session("ann", "10.1.1.1", Map.of()))
                .get("kyuubi.engine.share.level.subdomain");
        String lineageOn = withRules("launch:\n  lineage: {url: \"http://r:1\"}\nrules:\n  - name: everyone\n"
                        + "    conf: {spark.executor.cores: \"2\"}\n")
                .getConfOverlay("ann", session("ann", "10.1.1.1", Map.of()))
                .get("kyuubi.engine.share.level.subdomain");

        assertThat(sameSettings).isEqualTo(before);
        assertThat(edited).isNotEqualTo(before).startsWith("lakegate-everyone-");
        assertThat(lineageOn).isNotEqualTo(before);
    }

    @Test
    void theFileIsLookedAtOncePerCheckInterval() throws IOException {
        Path file = dir.resolve("slow.yaml");
        Files.writeString(file, "rules:\n  - name: everyone\n    engine: {type: SPARK_SQL}\n");
        SessionConfAdvisor advisor = advisor(
                dir.resolve("conf-slow"),
                Map.of(RoutingService.RULES, file.toString(), RoutingService.CHECK_INTERVAL, "PT1H"));

        Files.writeString(file, "rules:\n  - name: everyone\n    engine: {type: TRINO, shareLevel: SERVER}\n");

        assertThat(advisor.getConfOverlay("ann", session("ann", "10.1.1.1", Map.of())))
                .containsEntry("kyuubi.engine.type", "SPARK_SQL");
    }

    @Test
    void aChangedFileIsReadAgainAndAnInvalidChangeKeepsTheLastGoodRules() throws IOException {
        Path file = dir.resolve("live.yaml");
        Files.writeString(file, "rules:\n  - name: everyone\n    engine: {type: SPARK_SQL}\n");
        SessionConfAdvisor advisor = advisor(
                dir.resolve("conf-live"),
                Map.of(RoutingService.RULES, file.toString(), RoutingService.CHECK_INTERVAL, "0"));
        Map<String, String> session = session("ann", "10.1.1.1", Map.of());
        assertThat(advisor.getConfOverlay("ann", session)).containsEntry("kyuubi.engine.type", "SPARK_SQL");

        Files.writeString(file, "rules:\n  - name: everyone\n    engine: {type: TRINO, shareLevel: SERVER}\n");
        assertThat(advisor.getConfOverlay("ann", session)).containsEntry("kyuubi.engine.type", "TRINO");

        Files.writeString(file, "rules:\n  - name: everyone\n    engine: {type: HIVE_SQL, shareLevel: SERVER}\n#\n");
        assertThat(advisor.getConfOverlay("ann", session)).containsEntry("kyuubi.engine.type", "TRINO");

        Files.writeString(file, "rules:\n  - name: everyone\n    engine: {type: FLINK_SQL}\n");
        assertThat(advisor.getConfOverlay("ann", session)).containsEntry("kyuubi.engine.type", "FLINK_SQL");
    }
}
