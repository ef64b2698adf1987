package io.lakegate.flink.authz;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.mask;
import static io.lakegate.policyserver.HivePolicies.rowFilter;
import static io.lakegate.policyserver.HivePolicies.udf;
import static io.lakegate.policyserver.HivePolicies.url;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.conformance.Conformance;
import io.lakegate.flink.authz.catalog.LakegateHiveCatalogFactory;
import io.lakegate.flink.authz.foreign.ForeignTableListenerFactory;
import io.lakegate.flink.authz.identity.SessionUser;
import io.lakegate.flink.authz.ranger.FlinkRangerPlugin;
import io.lakegate.flink.authz.store.GuardedCatalogStoreFactory;
import io.lakegate.flink.authz.testing.ThriftMetastore;
import io.lakegate.policyserver.KafkaPolicies;
import io.lakegate.policyserver.PolicyServer;
import io.lakegate.policyserver.PolicyServerConfig;
import io.lakegate.policyserver.RangerPluginFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.CatalogDescriptor;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * A real Hive 2.3 metastore (Thrift, Derby) in this JVM, the project's policy server over HTTP serving a Hive
 * service, and Flink table environments (batch and streaming, local MiniCluster per job) whose catalog {@value
 * #CATALOG} is a guarded HiveCatalog for one user, shared by the tests of this JVM.
 */
final class FlinkWithRanger {
    static final String SERVICE = "hive_dev";
    static final String ADMIN = "admin";
    static final String CATALOG = "lake";
    static final String KAFKA_SERVICE = "kafka_dev";
    static final String CLICKSTREAM_TOPIC = "clickstream_events";
    static final String PAGE_VIEWS_TOPIC = "page_views";
    static final String LINEAGE_TOPIC = "lineage_clicks";

    private static String metastoreUri;
    private static Path work;
    private static Path catalogStore;
    private static Path scratch;
    private static Path warehouse;
    private static final Map<String, TableEnvironment> ENVIRONMENTS = new HashMap<>();

    private FlinkWithRanger() {}

    /** The Flink tests' policies and the conformance fixture's. */
    private static ObjectNode[] policies(String scratchUrl) {
        List<ObjectNode> policies = new ArrayList<>(List.of(
                access(1, "*", "*", "*", "all", List.of(ADMIN), List.of()),
                access(2, "sales", "orders", "*", "select", List.of("alice"), List.of()),
                access(3, "sales", "orders", "id", "select", List.of("bob"), List.of()),
                access(4, "sales", "orders", "region", "select", List.of("bob"), List.of()),
                access(5, "sales", "audit_log", "*", "update", List.of("writer"), List.of()),
                access(6, "sales", "orders", "*", "select", List.of("reader"), List.of()),
                rowFilter(7, "sales", "orders", List.of("alice"), "region = 'EU'"),
                mask(8, "sales", "orders", "customer", List.of("alice"), "MASK_SHOW_LAST_4"),
                access(9, "sales", "*", "*", "create", List.of("owner"), List.of()),
                access(13, "sales", "*", "*", "drop", List.of("owner"), List.of()),
                access(10, "sales", "orders", "*", "select", List.of("hacker"), List.of()),
                rowFilter(11, "sales", "orders", List.of("hacker"), "region = 'EU'"),
                mask(12, "sales", "orders", "customer", List.of("hacker"), "MASK"),
                url(14, scratchUrl, "read", List.of("owner", "hacker", "reader")),
                url(15, scratchUrl, "write", List.of("owner", "hacker", "reader")),
                udf(18, "sales", "*", "create", List.of(ADMIN)),
                access(25, "sales", "fs_parted", "id", "select", List.of("bob"), List.of()),
                access(26, "sales", "daily", "id", "select", List.of("bob"), List.of()),
                access(27, "sales", "lookup_keys", "*", "select", List.of("hacker"), List.of()),
                access(28, "sales", "mine", "*", "update", List.of("owner"), List.of()),
                access(29, "sales", "mine", "*", "select", List.of("owner"), List.of()),
                access(33, "bench", "sink", "*", "update", List.of("analyst"), List.of()),
                access(16, "playground", "*", "*", "create", List.of("owner"), List.of()),
                access(17, "playground", "*", "*", "drop", List.of("owner"), List.of()),
                // The seed's ClickStream table, defined by the analyst herself in the guarded catalog.
                access(20, "default", "clickstream", "*", "create", List.of("ana"), List.of()),
                access(21, "default", "clickstream", "*", "select", List.of("ana", "carol"), List.of()),
                access(24, "default", "clickstream", "*", "update", List.of("ana"), List.of()),
                rowFilter(22, "default", "clickstream", List.of("ana"), "user_id <> 3"),
                mask(23, "default", "clickstream", "url", List.of("ana"), "MASK_HASH"),
                // LineageTest's reader: two tables of its own, not a third.
                access(40, "default", "lineage_orders", "*", "select", List.of("lin"), List.of()),
                access(41, "default", "lineage_totals", "*", "select", List.of("lin"), List.of()),
                // GuardBenchmark's table.
                access(30, "bench", "*", "*", "select", List.of("analyst"), List.of()),
                rowFilter(31, "bench", "events", List.of("analyst"), "region = 'EU'"),
                mask(32, "bench", "events", "customer", List.of("analyst"), "MASK_SHOW_LAST_4")));
        policies.addAll(List.of(Conformance.policies()));
        return policies.toArray(ObjectNode[]::new);
    }

    static synchronized void start() {
        if (metastoreUri != null) {
            return;
        }
        try {
            work = Files.createDirectories(Path.of("target", "flink-test")).toAbsolutePath();
            Path instance = Files.createTempDirectory(work, "instance");
            Path policyDirectory = Files.createTempDirectory(work, "policies");
            scratch = Files.createTempDirectory(work, "scratch");
            writeAtomically(policyDirectory.resolve(SERVICE + ".json"), export(SERVICE, policies("file:" + scratch)));
            // The topic's own policies, in a Ranger Kafka service: ana and eve may consume it, admin consume and
            // publish.
            writeAtomically(
                    policyDirectory.resolve(KAFKA_SERVICE + ".json"),
                    KafkaPolicies.export(
                            KAFKA_SERVICE,
                            KafkaPolicies.topic(1, CLICKSTREAM_TOPIC, "consume", List.of("ana", "eve", ADMIN)),
                            KafkaPolicies.topic(2, CLICKSTREAM_TOPIC, "publish", List.of(ADMIN)),
                            KafkaPolicies.topic(3, PAGE_VIEWS_TOPIC, "publish", List.of(ADMIN)),
                            KafkaPolicies.topic(4, LINEAGE_TOPIC, "consume", List.of(ADMIN)),
                            KafkaPolicies.topic(5, LINEAGE_TOPIC, "publish", List.of(ADMIN))));
            PolicyServer server = PolicyServer.start(PolicyServerConfig.onLoopback(policyDirectory));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            Path confDir = Files.createDirectories(Path.of(Objects.requireNonNull(System.getenv("FLINK_CONF_DIR"))));
            // Flink's local executor reads $FLINK_CONF_DIR/config.yaml, as a deployment's conf dir has it.
            Files.writeString(confDir.resolve("config.yaml"), "parallelism.default: 1\n");
            RangerPluginFiles.securityXml(
                    confDir,
                    FlinkRangerPlugin.PLUGIN_TYPE,
                    RangerPluginFiles.standardKeys(
                            FlinkRangerPlugin.PLUGIN_TYPE,
                            SERVICE,
                            server.baseUrl(),
                            1_000,
                            Files.createTempDirectory(work, "policy-cache")));
            warehouse = instance.resolve("warehouse");
            RangerPluginFiles.securityXml(
                    confDir,
                    "kafka",
                    RangerPluginFiles.standardKeys(
                            "kafka",
                            KAFKA_SERVICE,
                            server.baseUrl(),
                            1_000,
                            Files.createTempDirectory(work, "kafka-policy-cache")));
            metastoreUri = ThriftMetastore.start(instance.resolve("metastore"), warehouse);
            catalogStore = writeCatalogStore();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loadData();
    }

    private static void loadData() {
        TableEnvironment admin = batch(ADMIN);
        execute(admin, "CREATE DATABASE sales");
        execute(
                admin,
                "CREATE TABLE sales.orders (id BIGINT, region STRING, customer STRING, amount DECIMAL(10, 2))"
                        + " WITH ('connector' = 'hive')");
        execute(
                admin,
                "INSERT INTO sales.orders VALUES (1, 'EU', 'Ada Lovelace', 120.00), (2, 'NA', 'Bob Smith', 40.00),"
                        + " (3, 'EU', 'Cleo', 300.00)");
        execute(admin, "CREATE TABLE sales.audit_log (id BIGINT, note STRING) WITH ('connector' = 'hive')");
        execute(
                admin,
                "CREATE TABLE sales.lookup_keys (id BIGINT, proc AS PROCTIME()) WITH ('connector' = 'datagen',"
                        + " 'number-of-rows' = '3', 'fields.id.min' = '1', 'fields.id.max' = '3')");
        execute(admin, "CREATE DATABASE " + Conformance.DATABASE);
        for (Conformance.Table table : Conformance.tables()) {
            StringBuilder columns = new StringBuilder();
            for (Conformance.Column column : table.columns()) {
                columns.append(columns.isEmpty() ? "" : ", ")
                        .append(column.name())
                        .append(' ')
                        .append(column.type().spark());
            }
            execute(
                    admin,
                    "CREATE TABLE " + Conformance.DATABASE + "." + table.name() + " (" + columns
                            + ") WITH ('connector' = 'hive')");
            execute(
                    admin,
                    "INSERT INTO " + Conformance.DATABASE + "." + table.name() + " VALUES "
                            + String.join(
                                    ", ",
                                    table.rows().stream()
                                            .map(row -> typedNulls(row, table.columns()))
                                            .toList()));
        }
    }

    // Flink's VALUES does not type a bare NULL from the other rows: each gets its column's type.
    private static String typedNulls(String row, List<Conformance.Column> columns) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (char c : row.strip().substring(1, row.strip().length() - 1).toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                values.add(value.toString().strip());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        values.add(value.toString().strip());
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equals("NULL")) {
                values.set(i, "CAST(NULL AS " + columns.get(i).type().spark() + ")");
            }
        }
        return "(" + String.join(", ", values) + ")";
    }

    /** The batch environment of {@code user}: its current catalog is {@value #CATALOG}, guarded for that user. */
    static synchronized TableEnvironment batch(String user) {
        start();
        return ENVIRONMENTS.computeIfAbsent("batch/" + user, key -> inLake(environment(user, true)));
    }

    /** The streaming environment of {@code user}. */
    static synchronized TableEnvironment streaming(String user) {
        start();
        return ENVIRONMENTS.computeIfAbsent("streaming/" + user, key -> inLake(environment(user, false)));
    }

    private static TableEnvironment inLake(TableEnvironment environment) {
        environment.useCatalog(CATALOG);
        return environment;
    }

    /**
     * A table environment without the guard: Flink's own HiveCatalog {@code plain} over the same metastore, the
     * baseline of {@code GuardBenchmark}.
     */
    static TableEnvironment unguarded(boolean batch) {
        start();
        Configuration root = new Configuration();
        root.setString("parallelism.default", "1");
        TableEnvironment environment = TableEnvironment.create((batch
                        ? EnvironmentSettings.newInstance().inBatchMode()
                        : EnvironmentSettings.newInstance().inStreamingMode())
                .withConfiguration(root)
                .build());
        environment.createCatalog(
                "plain",
                CatalogDescriptor.of(
                        "plain",
                        Configuration.fromMap(Map.of(
                                "type",
                                "hive",
                                "hive-conf-dir",
                                work.resolve("hive-conf").toString(),
                                "hive-version",
                                "2.3.10"))));
        environment.useCatalog("plain");
        return environment;
    }

    /** The directory of the {@code hive-site.xml} that points at the test metastore. */
    static Path hiveConfDir() {
        start();
        return work.resolve("hive-conf");
    }

    /** The test metastore's URI, as {@code hive.metastore.uris} gives it. */
    static String metastoreUri() {
        start();
        return metastoreUri;
    }

    /** The Hive warehouse directory: where the metastore keeps every governed table's files. */
    static Path warehouse() {
        start();
        return warehouse;
    }

    /** A directory outside the warehouse where {@code owner} and {@code hacker} may read and write (Ranger url). */
    static Path scratch() {
        start();
        return scratch;
    }

    /**
     * A new batch environment of {@code user}, not shared, that has not used catalog {@value #CATALOG} yet: what a
     * session is before its first statement.
     */
    static TableEnvironment fresh(String user) {
        start();
        return environment(user, true);
    }

    private static TableEnvironment environment(String user, boolean batch) {
        return environment(user, batch, Map.of());
    }

    /**
     * A new environment of {@code user}, not shared, whose Flink configuration also holds {@code settings} (lineage's),
     * before its first statement: its current catalog is Flink's default until it uses {@value #CATALOG}.
     */
    static TableEnvironment configured(String user, boolean batch, Map<String, String> settings) {
        start();
        return environment(user, batch, settings);
    }

    private static TableEnvironment environment(String user, boolean batch, Map<String, String> extra) {
        Configuration root = new Configuration();
        extra.forEach(root::setString);
        // What Kyuubi's Flink engine is launched with.
        root.setString(SessionUser.KYUUBI_SESSION_USER, user);
        root.setString("parallelism.default", "1");
        // The deployment's guards: the operator's catalogs, read-only to statements, and tables outside them held
        // to connectors that read no governed data.
        root.setString("table.catalog-store.kind", GuardedCatalogStoreFactory.IDENTIFIER);
        root.setString("table.catalog-store.lakegate.delegate", "file");
        root.setString("table.catalog-store.lakegate.path", catalogStore.toString());
        root.setString("table.catalog-modification.listeners", ForeignTableListenerFactory.IDENTIFIER);
        EnvironmentSettings settings = (batch
                        ? EnvironmentSettings.newInstance().inBatchMode()
                        : EnvironmentSettings.newInstance().inStreamingMode())
                .withConfiguration(root)
                .build();
        return TableEnvironment.create(settings);
    }

    /** The operator's catalog store: one file per catalog, as Flink's file catalog store reads them. */
    private static Path writeCatalogStore() throws IOException {
        Path hiveConf = Files.createDirectories(work.resolve("hive-conf"));
        Files.writeString(
                hiveConf.resolve("hive-site.xml"),
                "<configuration><property><name>hive.metastore.uris</name><value>" + metastoreUri
                        + "</value></property></configuration>");
        Path store = Files.createDirectories(work.resolve("catalogs"));
        Files.writeString(
                store.resolve(CATALOG + ".yaml"),
                "type: " + LakegateHiveCatalogFactory.IDENTIFIER + "\n"
                        + "hive-conf-dir: " + hiveConf + "\n"
                        + "hive-version: 2.3.10\n"
                        + "default-database: default\n"
                        // The seed's ClickStream is a Kafka table in the guarded catalog.
                        + "lakegate.table-connectors: kafka\n");
        return store;
    }

    static void execute(TableEnvironment environment, String sql) {
        try {
            environment.executeSql(sql).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs {@code sql} in {@code environment}, every row as text ({@code NULL} for null). */
    static List<List<String>> rows(TableEnvironment environment, String sql) {
        List<List<String>> rows = new ArrayList<>();
        CloseableIterator<Row> result = environment.executeSql(sql).collect();
        try {
            while (result.hasNext()) {
                Row row = result.next();
                List<String> values = new ArrayList<>();
                for (int i = 0; i < row.getArity(); i++) {
                    values.add(Objects.toString(row.getField(i), "NULL"));
                }
                rows.add(values);
            }
        } finally {
            try {
                result.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the result of " + sql, e);
            }
        }
        return rows;
    }
}
