package io.lakegate.packaging.kyuubi;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark engine launched the way Kyuubi v1.10.3 launches one for a session, with the drop-in jar's session conf
 * advisor choosing its settings: the advisor is created by class name in a class loader of the drop-in jar and what
 * Kyuubi's jars provide, asked for alice's overlay, and the engine's {@code spark-submit} arguments are built from
 * the server conf, the client's keys and that overlay as Kyuubi builds them ({@link KyuubiSparkLaunch}). Kyuubi's own
 * engine main class is not available, so Spark's SQL CLI runs instead, in a JVM whose classpath is only Spark 3.5.4's
 * distribution jars: Lakegate's Spark runtime jar and OpenLineage's agent reach it through the injected
 * {@code spark.jars} alone, Ranger's files through the injected {@code spark.lakegate.ranger.conf.dir} alone (Spark's
 * conf dir holds none), and lineage goes to a receiver in this JVM.
 */
final class SparkEngineLaunchIT {
    private static final String SERVICE = "hive_it";
    private static final String ADVISOR = "io.lakegate.kyuubi.routing.kyuubi.LakegateSessionConfAdvisor";
    private static final String ADVISOR_INTERFACE = "org.apache.kyuubi.plugin.SessionConfAdvisor";
    private static final String EXTENSION = "io.lakegate.spark.authz.LakegateSparkExtension";
    private static final String LINEAGE_LISTENER = "io.openlineage.spark.agent.OpenLineageSparkListener";
    // In the operator's spark-defaults.conf: the injection appends to it.
    private static final String PLATFORM_LISTENER = "org.apache.spark.scheduler.StatsReportListener";
    private static final String LINEAGE_NAMESPACE = "lakegate-it";
    private static final String HOSTILE_EXTENSION = "org.example.NoAuthorization";
    private static final String HOSTILE_EXCLUDED_RULES = "org.apache.spark.sql.catalyst.optimizer.ConstantFolding";
    private static final String ENGINE_REF_ID = "0f3c5e2a-7d41-4b8e-9a60-2c1d3e4f5a6b";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path SPARK_JARS = Path.of(property("lakegate.spark.home.jars"));
    private static final Path SPARK_RUNTIME = Path.of(property("lakegate.spark.runtime.jar"));
    private static final Path OPENLINEAGE_AGENT = Path.of(property("lakegate.openlineage.spark.jar"));

    @TempDir
    static Path work;

    private static PolicyServer policyServer;
    private static HttpServer lineageReceiver;
    private static final LinkedBlockingQueue<Received> INBOX = new LinkedBlockingQueue<>();
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final List<JsonNode> EVENTS = new CopyOnWriteArrayList<>();

    private static Path rangerConfDir;
    private static Path xmlPolicyCache;
    private static Path warehouse;
    private static Map<String, String> client;
    private static Map<String, String> overlay;
    private static Map<String, String> otherOverlay;
    private static List<String> submitArguments;
    private static Engine engine;

    @BeforeAll
    static void launchAlicesEngine() throws Exception {
        lineageReceiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lineageReceiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                INBOX.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        new String(in.readAllBytes(), UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        lineageReceiver.start();

        Path policies = Files.createDirectories(work.resolve("policies"));
        writeAtomically(
                policies.resolve(SERVICE + ".json"),
                export(
                        SERVICE,
                        // alice may create and write anything in lg, and read two of its tables: not lg.secret.
                        access(1, "lg", "*", "*", "create", List.of("alice"), List.of()),
                        access(2, "lg", "*", "*", "update", List.of("alice"), List.of()),
                        access(3, "lg", "orders", "*", "select", List.of("alice"), List.of()),
                        access(4, "lg", "totals", "*", "select", List.of("alice"), List.of())));
        policyServer = PolicyServer.start(PolicyServerConfig.onLoopback(policies));

        // The operator's Ranger files for Spark engines, which only the launch injection points the engine at.
        rangerConfDir = Files.createDirectories(work.resolve("ranger-spark"));
        xmlPolicyCache = work.resolve("xml-policy-cache");
        RangerPluginFiles.securityXml(
                rangerConfDir,
                "spark",
                RangerPluginFiles.standardKeys("spark", SERVICE, policyServer.baseUrl(), 1_000, xmlPolicyCache));
        // Spark's conf dir (kyuubi.engineEnv.SPARK_CONF_DIR): no Ranger file, one listener of the operator's.
        Path sparkConfDir = Files.createDirectories(work.resolve("spark-conf"));
        Files.writeString(
                sparkConfDir.resolve("spark-defaults.conf"), "spark.extraListeners " + PLATFORM_LISTENER + "\n");

        Path rules = work.resolve("lakegate-routing.yaml");
        Files.writeString(
                rules,
                String.join(
                        "\n",
                        "launch:",
                        "  spark:",
                        "    jars:",
                        "      - '" + SPARK_RUNTIME + "'",
                        "      - '" + OPENLINEAGE_AGENT + "'",
                        "    rangerConfDir: '" + rangerConfDir + "'",
                        "    policyCacheDir: '" + work.resolve("cache") + "/{user}'",
                        "  lineage:",
                        "    url: http://127.0.0.1:"
                                + lineageReceiver.getAddress().getPort(),
                        "    namespace: " + LINEAGE_NAMESPACE,
                        "rules:",
                        "  - name: analysts",
                        "    match:",
                        "      users: [alice]",
                        "    engine:",
                        "      type: SPARK_SQL",
                        "      shareLevel: USER",
                        "    conf:",
                        "      spark.sql.shuffle.partitions: \"2\"",
                        "  - name: everyone",
                        "    engine:",
                        "      type: SPARK_SQL",
                        "      shareLevel: CONNECTION",
                        ""));

        warehouse = work.resolve("warehouse");
        Map<String, String> server = new LinkedHashMap<>();
        server.put("kyuubi.session.conf.advisor", ADVISOR);
        server.put("kyuubi.session.lakegate.routing.rules", rules.toString());
        server.put("kyuubi.engineEnv.SPARK_CONF_DIR", sparkConfDir.toString());
        server.put("spark.master", "local[1]");
        server.put("spark.ui.enabled", "false");
        server.put("spark.sql.warehouse.dir", warehouse.toString());
        server.put(
                "spark.hadoop.javax.jdo.option.ConnectionURL",
                "jdbc:derby:;databaseName=" + work.resolve("metastore") + ";create=true");
        server.put("hadoop.security.authentication", "simple");
        Path kyuubiConfDir = Files.createDirectories(work.resolve("kyuubi-conf"));
        Properties defaults = new Properties();
        defaults.putAll(server);
        try (var out = Files.newBufferedWriter(kyuubiConfDir.resolve("kyuubi-defaults.conf"), UTF_8)) {
            defaults.store(out, "Kyuubi's server conf");
        }

        // What Kyuubi hands an advisor: the client's keys and those its frontend adds (TFrontendService, v1.10.3).
        client = new LinkedHashMap<>();
        client.put("spark.sql.session.timeZone", "UTC");
        client.put("spark.sql.optimizer.excludedRules", HOSTILE_EXCLUDED_RULES);
        client.put("sql.extensions", HOSTILE_EXTENSION);
        client.put("kyuubi.client.ipAddress", "127.0.0.1");
        client.put("kyuubi.client.version", "1.10.3");
        client.put("kyuubi.server.ipAddress", "127.0.0.1");
        client.put("kyuubi.session.connection.url", "127.0.0.1:10009");
        client.put("kyuubi.session.real.user", "alice");

        Map<String, String> bobsClient = new LinkedHashMap<>(client);
        bobsClient.put("kyuubi.session.real.user", "bob");

        // Kyuubi's PluginLoader (v1.10.3): DynConstructors.builder.impl(name), by the thread's context class loader.
        URLClassLoader kyuubi = HostClassLoaders.kyuubi(kyuubiConfDir);
        overlay = HostClassLoaders.in(kyuubi, () -> {
            Class<?> advisorClass =
                    Class.forName(ADVISOR, true, Thread.currentThread().getContextClassLoader());
            Class<?> advisorInterface = kyuubi.loadClass(ADVISOR_INTERFACE);
            assertThat(advisorInterface.isAssignableFrom(advisorClass)).isTrue();
            Object advisor = advisorClass.getDeclaredConstructor().newInstance();
            Method getConfOverlay = advisorInterface.getMethod("getConfOverlay", String.class, Map.class);
            @SuppressWarnings("unchecked")
            Map<String, String> bobs = (Map<String, String>) getConfOverlay.invoke(advisor, "bob", bobsClient);
            otherOverlay = new LinkedHashMap<>(bobs);
            @SuppressWarnings("unchecked")
            Map<String, String> alices = (Map<String, String>) getConfOverlay.invoke(advisor, "alice", client);
            return new LinkedHashMap<>(alices);
        });
        System.out.println("overlay for alice: " + overlay);

        Map<String, String> engineConf = KyuubiSparkLaunch.engineConf(
                server,
                "alice",
                client,
                overlay,
                "kyuubi_USER_SPARK_SQL_alice_" + overlay.get("kyuubi.engine.share.level.subdomain") + "_"
                        + ENGINE_REF_ID);
        submitArguments = KyuubiSparkLaunch.submitArguments(engineConf, "alice", true);
        engine = runSparkSql(submitArguments, KyuubiSparkLaunch.engineEnvironment(engineConf));
        System.out.println("spark-sql exit code " + engine.exitCode() + ", stdout " + engine.rows() + ", took "
                + engine.millis() + " ms; logs in " + engine.run());
    }

    @AfterAll
    static void stopServers() {
        if (lineageReceiver != null) {
            lineageReceiver.stop(0);
        }
        if (policyServer != null) {
            policyServer.close();
        }
    }

    @Test
    void overlayRoutesAliceAndNeutralisesTheClientsKeysAgainstAuthorization() {
        assertThat(overlay)
                .containsEntry("kyuubi.engine.type", "SPARK_SQL")
                .containsEntry("kyuubi.engine.share.level", "USER")
                .hasEntrySatisfying("kyuubi.engine.share.level.subdomain", value -> assertThat(value)
                        .matches("lakegate-analysts-[0-9a-f]{8}"))
                .containsEntry("spark.sql.shuffle.partitions", "2")
                .containsEntry("kyuubi.session.user", "alice")
                // Both spellings of the extensions setting get Lakegate's, whichever Kyuubi passes last.
                .containsEntry("spark.sql.extensions", EXTENSION)
                .containsEntry("sql.extensions", EXTENSION)
                // No platform value: the client's is replaced by none.
                .containsEntry("spark.sql.optimizer.excludedRules", "")
                .doesNotContainKey("spark.sql.session.timeZone");
        assertThat(KyuubiSparkLaunch.confValues(submitArguments, "spark.sql.extensions"))
                .isNotEmpty()
                .containsOnly(EXTENSION);
        assertThat(KyuubiSparkLaunch.confValues(submitArguments, "spark.sql.optimizer.excludedRules"))
                .containsExactly("");
        assertThat(KyuubiSparkLaunch.confValues(submitArguments, "spark.sql.session.timeZone"))
                .containsExactly("UTC");
        assertThat(String.join(" ", submitArguments)).doesNotContain(HOSTILE_EXTENSION, HOSTILE_EXCLUDED_RULES);
    }

    @Test
    void overlayInjectsTheJarsAuthorizationAndLineageSettings() {
        assertThat(overlay)
                .containsEntry("spark.jars", SPARK_RUNTIME + "," + OPENLINEAGE_AGENT)
                .containsEntry("spark.extraListeners", PLATFORM_LISTENER + "," + LINEAGE_LISTENER)
                .containsEntry("spark.lakegate.ranger.conf.dir", rangerConfDir.toString())
                .containsEntry(
                        "spark.lakegate.ranger.policy.cache.dir",
                        work.resolve("cache").resolve("alice").toString())
                .containsEntry("spark.openlineage.transport.type", "http")
                .containsEntry(
                        "spark.openlineage.transport.url",
                        "http://127.0.0.1:" + lineageReceiver.getAddress().getPort())
                .containsEntry("spark.openlineage.transport.endpoint", "/api/v1/lineage")
                .containsEntry("spark.openlineage.namespace", LINEAGE_NAMESPACE)
                .containsEntry("spark.openlineage.job.owners.user", "alice");
        assertThat(submitArguments).containsSubsequence("--proxy-user", "alice");
    }

    @Test
    void catchAllRuleRoutesAnotherUserToAnEngineOfTheirOwnWithTheSameInjection() {
        assertThat(otherOverlay)
                .containsEntry("kyuubi.engine.share.level", "CONNECTION")
                .hasEntrySatisfying("kyuubi.engine.share.level.subdomain", value -> assertThat(value)
                        .matches("lakegate-everyone-[0-9a-f]{8}"))
                .containsEntry("kyuubi.session.user", "bob")
                .containsEntry("spark.sql.extensions", EXTENSION)
                .containsEntry("spark.openlineage.job.owners.user", "bob")
                .containsEntry(
                        "spark.lakegate.ranger.policy.cache.dir",
                        work.resolve("cache").resolve("bob").toString())
                .doesNotContainKey("spark.sql.shuffle.partitions");
    }

    @Test
    void engineRunsAlicesWritesAndShowsTheirEffect() {
        assertThat(engine.rows()).as(engine.stderr()).containsExactly("1\t21.0", "2\t40.5");
    }

    @Test
    void engineEnforcesAlicesPolicyThroughTheInjectedExtensionAndRangerConfDir() {
        // The denied statement runs last, and -f stops there.
        assertThat(engine.exitCode()).as(engine.stderr()).isNotZero();
        assertThat(engine.stderr())
                .contains("Permission denied: user [alice] does not have [select] privilege on [lg/secret/note]");
        assertThat(String.join("\n", engine.rows())).doesNotContain("the-secret-note");
    }

    @Test
    void engineCachesPoliciesInTheInjectedPolicyCacheDirOnly() throws IOException {
        Path cache = work.resolve("cache").resolve("alice");
        assertThat(cache).isDirectory();
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .anyMatch(name -> name.contains(SERVICE) && name.endsWith(".json"));
        }
        assertThat(xmlPolicyCache).doesNotExist();
    }

    @Test
    void engineReportsTheInsertsLineageWithColumnsAndOwner() throws Exception {
        List<JsonNode> insert = awaitEvents(events -> runOf(events, "COMPLETE").isPresent());
        String runId = runOf(insert, "COMPLETE").orElseThrow();
        List<JsonNode> run = insert.stream()
                .filter(event -> event.path("run").path("runId").asText().equals(runId))
                .toList();
        assertThat(run.stream().map(event -> event.path("eventType").asText())).contains("START", "COMPLETE");

        JsonNode complete = run.stream()
                .filter(event -> event.path("eventType").asText().equals("COMPLETE"))
                .findFirst()
                .orElseThrow();
        System.out.println("INSERT's COMPLETE event: " + complete.toPrettyString());
        assertThat(complete.path("job").path("namespace").asText()).isEqualTo(LINEAGE_NAMESPACE);

        // Hive's session catalog on a local metastore: OpenLineage names the table's files, with the table as a
        // symlink in the warehouse's namespace (a Hadoop path URI: file:/...).
        String warehouseUri = "file:" + warehouse;
        JsonNode orders = single(complete.path("inputs"));
        JsonNode totals = single(complete.path("outputs"));
        assertThat(orders.path("namespace").asText()).isEqualTo("file");
        assertThat(orders.path("name").asText())
                .isEqualTo(warehouse.resolve("lg.db").resolve("orders").toString());
        assertThat(totals.path("namespace").asText()).isEqualTo("file");
        assertThat(totals.path("name").asText())
                .isEqualTo(warehouse.resolve("lg.db").resolve("totals").toString());
        assertThat(symlink(orders)).isEqualTo(List.of(warehouseUri, "lg.orders", "TABLE"));
        assertThat(symlink(totals)).isEqualTo(List.of(warehouseUri, "lg.totals", "TABLE"));
        assertThat(orders.path("facets").path("catalog").path("type").asText()).isEqualTo("hive");

        JsonNode doubled =
                totals.path("facets").path("columnLineage").path("fields").path("doubled");
        List<List<String>> from = elements(doubled.path("inputFields"))
                .map(field -> List.of(
                        field.path("namespace").asText(),
                        field.path("name").asText(),
                        field.path("field").asText()))
                .toList();
        assertThat(from)
                .containsExactly(List.of(
                        "file", warehouse.resolve("lg.db").resolve("orders").toString(), "amount"));

        for (JsonNode event : run) {
            List<List<String>> owners = elements(
                            event.path("job").path("facets").path("ownership").path("owners"))
                    .map(owner -> List.of(
                            owner.path("name").asText(), owner.path("type").asText()))
                    .toList();
            assertThat(owners)
                    .as("%s event's ownership facet", event.path("eventType").asText())
                    .containsExactly(List.of("alice", "user"));
        }
        assertThat(RECEIVED).allSatisfy(received -> {
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.path()).isEqualTo("/api/v1/lineage");
        });
    }

    /** The run id of the INSERT's {@code eventType} event: the one reading lg.orders and writing lg.totals. */
    private static Optional<String> runOf(List<JsonNode> events, String eventType) {
        return events.stream()
                .filter(event -> event.path("eventType").asText().equals(eventType))
                .filter(event -> names(event.path("inputs")).anyMatch(name -> name.endsWith("/orders"))
                        && names(event.path("outputs")).anyMatch(name -> name.endsWith("/totals")))
                .map(event -> event.path("run").path("runId").asText())
                .findFirst();
    }

    /**
     * The events received, once {@code done} holds for them: the engine has exited, so its listener bus has been
     * drained and every event sent; a bounded wait covers the receiver's thread.
     */
    private static synchronized List<JsonNode> awaitEvents(Predicate<List<JsonNode>> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.test(EVENTS)) {
            long left = deadline - System.nanoTime();
            Received next = left > 0 ? INBOX.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                printSummary();
                throw new AssertionError("no OpenLineage COMPLETE event for the INSERT within 30 s of the engine's"
                        + " exit; received " + EVENTS.size() + " events; engine logs in " + engine.run());
            }
            RECEIVED.add(next);
            EVENTS.add(JSON.readTree(next.body()));
        }
        printSummary();
        return List.copyOf(EVENTS);
    }

    private static void printSummary() {
        for (JsonNode event : EVENTS) {
            System.out.println("OpenLineage " + event.path("eventType").asText() + " "
                    + event.path("job").path("namespace").asText() + "/"
                    + event.path("job").path("name").asText() + " inputs " + datasets(event.path("inputs"))
                    + " outputs " + datasets(event.path("outputs")));
        }
    }

    private static List<String> datasets(JsonNode list) {
        return elements(list)
                .map(dataset -> dataset.path("namespace").asText() + " | "
                        + dataset.path("name").asText() + " | symlinks " + symlink(dataset))
                .toList();
    }

    private static List<String> symlink(JsonNode dataset) {
        JsonNode identifiers = dataset.path("facets").path("symlinks").path("identifiers");
        if (identifiers.size() != 1) {
            return List.of(identifiers.toString());
        }
        JsonNode identifier = identifiers.get(0);
        return List.of(
                identifier.path("namespace").asText(),
                identifier.path("name").asText(),
                identifier.path("type").asText());
    }

    private static JsonNode single(JsonNode list) {
        assertThat(list.size()).as("datasets %s", list).isEqualTo(1);
        return list.get(0);
    }

    private static Stream<String> names(JsonNode list) {
        return elements(list).map(dataset -> dataset.path("name").asText());
    }

    private static Stream<JsonNode> elements(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false);
    }

    /**
     * Runs Kyuubi's {@code spark-submit} arguments with Spark's SQL CLI as the main class instead of Kyuubi's engine
     * ({@code bin/spark-sql} runs {@code SparkSubmit --class SparkSQLCLIDriver spark-internal}), on Spark's
     * distribution jars only, in Kyuubi's environment for the engine: the server's own user (HADOOP_USER_NAME, as
     * no Kerberos is here) with {@code kyuubi.engineEnv.*} over it.
     */
    private static Engine runSparkSql(List<String> kyuubiArguments, Map<String, String> engineEnvironment)
            throws IOException, InterruptedException {
        Path run = Files.createDirectories(work.resolve("run"));
        Path sql = run.resolve("statements.sql");
        Files.writeString(
                sql,
                String.join(
                        "\n",
                        "CREATE DATABASE lg;",
                        "CREATE TABLE lg.orders (id INT, amount DOUBLE) USING parquet;",
                        "INSERT INTO lg.orders VALUES (1, 10.5), (2, 20.25);",
                        "CREATE TABLE lg.totals (id INT, doubled DOUBLE) USING parquet;",
                        "INSERT INTO lg.totals SELECT id, amount * 2 AS doubled FROM lg.orders;",
                        "SELECT * FROM lg.totals ORDER BY id;",
                        "CREATE TABLE lg.secret (note STRING) USING parquet;",
                        "INSERT INTO lg.secret VALUES ('the-secret-note');",
                        "SELECT * FROM lg.secret;",
                        ""));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(property("lakegate.spark.jvm.args").split("\\s+")));
        command.addAll(List.of(
                "-cp",
                SPARK_JARS + File.separator + "*",
                "org.apache.spark.deploy.SparkSubmit",
                "--class",
                "org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver"));
        command.addAll(kyuubiArguments);
        command.addAll(List.of("spark-internal", "-f", sql.toString()));
        Files.write(run.resolve("command"), command);

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(run.toFile())
                .redirectOutput(run.resolve("stdout").toFile())
                .redirectError(run.resolve("stderr").toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("SPARK_HOME");
        environment.remove("SPARK_CONF_DIR");
        environment.remove("SPARK_USER");
        environment.put("HADOOP_USER_NAME", "kyuubi");
        environment.putAll(engineEnvironment);
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the Spark engine did not finish in 5 minutes; see " + run);
        }
        return new Engine(
                process.exitValue(),
                Files.readAllLines(run.resolve("stdout")),
                Files.readString(run.resolve("stderr")),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                run);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        requireNonNull(value, name + " is set by the failsafe configuration");
        if (value.startsWith("${")) {
            throw new IllegalStateException(name + " is [" + value + "]: run the tests with Maven");
        }
        return value;
    }

    private record Received(String method, String path, String body) {}

    private record Engine(int exitCode, List<String> rows, String stderr, long millis, Path run) {
        Engine {
            rows = List.copyOf(rows);
        }
    }
}
