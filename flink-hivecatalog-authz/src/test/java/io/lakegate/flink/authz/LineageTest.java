package io.lakegate.flink.authz;

import static io.lakegate.flink.authz.FlinkWithRanger.ADMIN;
import static io.lakegate.flink.authz.FlinkWithRanger.CATALOG;
import static io.lakegate.flink.authz.FlinkWithRanger.LINEAGE_TOPIC;
import static io.lakegate.flink.authz.FlinkWithRanger.PAGE_VIEWS_TOPIC;
import static io.lakegate.flink.authz.FlinkWithRanger.configured;
import static io.lakegate.flink.authz.FlinkWithRanger.execute;
import static io.lakegate.flink.authz.FlinkWithRanger.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakegate.flink.lineage.job.LineageJobListener;
import io.lakegate.lineage.naming.DatasetNamespaces;
import io.lakegate.lineage.testing.LineageReceiver;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.table.api.ExplainDetail;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenLineage from Flink 1.20 SQL jobs, switched on by Flink configuration alone ({@code execution.job-listeners} and
 * {@code openlineage.*}, as kyuubi-ext-routing launches engines): a streaming INSERT from the seed's Kafka table into a
 * Kafka sink and a batch INSERT between Hive tables, on a real MiniCluster, metastore and broker, reported to a real
 * HTTP receiver.
 */
class LineageTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static LineageReceiver receiver;
    private static String hive;
    private static String kafka;

    @BeforeAll
    static void tables() {
        receiver = LineageReceiver.start();
        hive = DatasetNamespaces.hiveMetastore(FlinkWithRanger.metastoreUri());
        kafka = DatasetNamespaces.kafka(KafkaBroker.bootstrapServers());
        TableEnvironment admin = FlinkWithRanger.batch(ADMIN);
        execute(admin, "CREATE TABLE lineage_orders (id BIGINT, amount DOUBLE) WITH ('connector' = 'hive')");
        execute(admin, "CREATE TABLE lineage_totals (id BIGINT, doubled DOUBLE) WITH ('connector' = 'hive')");
        execute(admin, "CREATE TABLE lineage_secret (id BIGINT, note STRING) WITH ('connector' = 'hive')");
        execute(admin, "INSERT INTO lineage_orders VALUES (1, 10.0), (2, 20.5)");
        // The seed's DDL, but for the broker's address, the table's name and its topic (ClickStreamTest counts the
        // seed's); and a sink topic for its clicks.
        execute(
                admin,
                """
                CREATE TABLE lineage_clicks (
                    `user_id` BIGINT,
                    `url` STRING,
                    `event_timestamp` TIMESTAMP(3) METADATA FROM 'timestamp',
                    WATERMARK FOR `event_timestamp` AS `event_timestamp` - INTERVAL '5' SECOND
                ) WITH (
                    'connector' = 'kafka',
                    'topic' = '%s',
                    'properties.bootstrap.servers' = '%s',
                    'scan.startup.mode' = 'latest-offset',
                    'format' = 'json'
                )"""
                        .formatted(LINEAGE_TOPIC, KafkaBroker.bootstrapServers()));
        // The topic exists before the streaming job's source asks for its partitions.
        execute(
                FlinkWithRanger.streaming(ADMIN),
                "INSERT INTO lineage_clicks VALUES (1, '/home', TIMESTAMP '2026-12-01 10:00:05')");
        execute(
                admin,
                "CREATE TABLE lineage_page_views (user_id BIGINT, url STRING) WITH ('connector' = 'kafka', 'topic' = '"
                        + PAGE_VIEWS_TOPIC + "', 'properties.bootstrap.servers' = '" + KafkaBroker.bootstrapServers()
                        + "', 'format' = 'json')");
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void aStreamingInsertFromTheSeedsKafkaTableIsReportedWhileItRunsAndWhenCancelled() throws Exception {
        TableEnvironment admin = lake(ADMIN, false, Map.of("openlineage.tracking-interval", "200 ms"));
        TableResult insert = admin.executeSql("INSERT INTO lineage_page_views SELECT user_id, url FROM lineage_clicks");
        JobClient job = insert.getJobClient().orElseThrow();
        String name = "insert-into_lake.default.lineage_page_views";
        JsonNode start = receiver.await(event("START", name), WAIT);
        JsonNode running = receiver.await(event("RUNNING", name), WAIT);
        job.cancel().get();
        JsonNode abort = receiver.await(event("ABORT", name), WAIT);

        assertThat(start.path("job").path("namespace").asText()).isEqualTo("lakegate-test");
        assertThat(start.path("job")
                        .path("facets")
                        .path("jobType")
                        .path("processingType")
                        .asText())
                .isEqualTo("STREAMING");
        assertThat(start.path("job")
                        .path("facets")
                        .path("jobType")
                        .path("integration")
                        .asText())
                .isEqualTo("FLINK");
        assertThat(owners(start)).containsExactly("admin");
        JsonNode engine = start.path("run").path("facets").path("processing_engine");
        assertThat(engine.path("name").asText()).isEqualTo("flink");
        assertThat(engine.path("version").asText()).isEqualTo("1.20.1");
        assertThat(datasets(start, "inputs")).containsExactly(kafka + " " + LINEAGE_TOPIC);
        assertThat(datasets(start, "outputs")).containsExactly(kafka + " " + PAGE_VIEWS_TOPIC);
        JsonNode input = start.path("inputs").path(0).path("facets");
        assertThat(input.path("symlinks").path("identifiers").path(0).toString())
                .isEqualTo("{\"namespace\":\"" + hive + "\",\"name\":\"default.lineage_clicks\",\"type\":\"TABLE\"}");
        assertThat(fields(input)).containsExactly("user_id BIGINT", "url STRING", "event_timestamp TIMESTAMP(3)");
        assertThat(fields(start.path("outputs").path(0).path("facets")))
                .containsExactly("user_id BIGINT", "url STRING");
        // One run: the same id from START to ABORT, with the same datasets.
        String runId = start.path("run").path("runId").asText();
        assertThat(running.path("run").path("runId").asText()).isEqualTo(runId);
        assertThat(abort.path("run").path("runId").asText()).isEqualTo(runId);
        assertThat(datasets(abort, "inputs")).isEqualTo(datasets(start, "inputs"));
        assertThat(receiver.events().stream()
                        .filter(event("COMPLETE", name).or(event("FAIL", name)))
                        .toList())
                .isEmpty();
    }

    @Test
    void aBatchInsertBetweenHiveTablesNamesThemAsSparkAndTrinoDo() {
        TableEnvironment admin = lake(ADMIN, true, Map.of());
        execute(admin, "INSERT OVERWRITE lineage_totals SELECT id, amount * 2 FROM lineage_orders");
        String name = "insert-into_lake.default.lineage_totals";
        JsonNode complete = receiver.await(event("COMPLETE", name), WAIT);
        JsonNode start = receiver.await(event("START", name), WAIT);

        assertThat(rows(admin, "SELECT id, doubled FROM lineage_totals WHERE id < 100 ORDER BY id"))
                .containsExactly(List.of("1", "20.0"), List.of("2", "41.0"));
        assertThat(datasets(complete, "inputs")).containsExactly(hive + " default.lineage_orders");
        assertThat(datasets(complete, "outputs")).containsExactly(hive + " default.lineage_totals");
        // A Hive table is its own catalog table: no symlink.
        assertThat(complete.path("inputs").path(0).path("facets").has("symlinks"))
                .isFalse();
        assertThat(complete.path("job")
                        .path("facets")
                        .path("jobType")
                        .path("processingType")
                        .asText())
                .isEqualTo("BATCH");
        assertThat(complete.path("run").path("runId").asText())
                .isEqualTo(start.path("run").path("runId").asText());
    }

    @Test
    void aFailingJobIsReportedAsFailedWithItsError() {
        TableEnvironment admin = lake(ADMIN, true, Map.of("pipeline.name", "lineage-divides-by-zero"));
        assertThatThrownBy(() -> execute(
                        admin,
                        "INSERT INTO lineage_totals SELECT id, CAST(id / (id - id) AS DOUBLE) FROM lineage_orders"))
                .hasStackTraceContaining("by zero");
        JsonNode fail = receiver.await(event("FAIL", "lineage-divides-by-zero"), WAIT);
        assertThat(fail.path("run")
                        .path("facets")
                        .path("errorMessage")
                        .path("message")
                        .asText())
                .contains("by zero");
        assertThat(datasets(fail, "outputs")).containsExactly(hive + " default.lineage_totals");
    }

    @Test
    void aStatementTheGuardRefusedLendsNoTableToTheNextJob() {
        TableEnvironment lin = lake("lin", true, Map.of());
        // lin may read lineage_totals but not lineage_secret: the guard refuses the statement after it built the
        // first scan.
        assertThatThrownBy(() -> rows(lin, "SELECT t.id FROM lineage_secret s JOIN lineage_totals t ON t.id = s.id"))
                .hasStackTraceContaining("user [lin] does not have [select] privilege on [default/lineage_secret/");
        // Spelt as the user likes: the metastore's table, named as Spark and Trino name it.
        rows(lin, "SELECT id FROM `default`.Lineage_Orders");
        JsonNode complete = receiver.await(event("COMPLETE", "collect_lake.default.Lineage_Orders"), WAIT);
        assertThat(datasets(complete, "inputs")).containsExactly(hive + " default.lineage_orders");
        assertThat(owners(complete)).containsExactly("lin");
    }

    @Test
    void statementsThatRunNoJobLendNoTableToTheNextJob() {
        TableEnvironment admin = lake(ADMIN, false, Map.of("pipeline.name", "lineage-after-explain"));
        // EXPLAIN builds the execution plan, scans and sinks included; the optimizer refuses an update stream into an
        // append-only Kafka sink after the sink was built.
        admin.explainSql(
                "INSERT INTO lineage_secret SELECT id, 'x' FROM lineage_orders", ExplainDetail.JSON_EXECUTION_PLAN);
        assertThatThrownBy(() -> admin.executeSql("INSERT INTO lineage_page_views SELECT user_id, max(url) FROM"
                        + " lineage_clicks GROUP BY user_id"))
                .hasStackTraceContaining("doesn't support consuming update");
        rows(admin, "SELECT id FROM lineage_totals");
        JsonNode complete = receiver.await(event("COMPLETE", "lineage-after-explain"), WAIT);
        assertThat(datasets(complete, "inputs")).containsExactly(hive + " default.lineage_totals");
        assertThat(datasets(complete, "outputs")).isEmpty();
    }

    @Test
    void aReadThroughARowFilterAndAMaskIsReported() {
        // The guard plans its own query for alice's filter and mask while Flink translates hers.
        TableEnvironment alice = lake("alice", true, Map.of("pipeline.name", "lineage-protected-read"));
        assertThat(rows(alice, "SELECT id, customer FROM sales.orders")).hasSize(2);
        JsonNode complete = receiver.await(event("COMPLETE", "lineage-protected-read"), WAIT);
        assertThat(datasets(complete, "inputs")).containsExactly(hive + " sales.orders");
        assertThat(owners(complete)).containsExactly("alice");
    }

    @Test
    void aSessionThatDropsTheListenerRunsNoStatementOnGovernedTables() {
        TableEnvironment admin = lake(ADMIN, true, Map.of());
        // What SET 'execution.job-listeners' = '' does in Flink's SQL gateway.
        admin.getConfig().set("execution.job-listeners", Quiet.class.getName());
        assertThatThrownBy(() -> rows(admin, "SELECT id FROM lineage_orders"))
                .hasStackTraceContaining("Permission denied: user [admin] may not run statements without lineage:"
                        + " OpenLineage is on for this session (openlineage.transport.type), and"
                        + " execution.job-listeners no longer names " + LineageJobListener.class.getName());
    }

    /** A job listener of the user's own, which reports nothing. */
    public static final class Quiet implements JobListener {
        @Override
        public void onJobSubmitted(JobClient jobClient, Throwable throwable) {}

        @Override
        public void onJobExecuted(JobExecutionResult result, Throwable throwable) {}
    }

    @Test
    void setCannotRedirectTheEventsNorChangeTheirOwner() {
        // Before the session's first use of the catalog: the settings are those the session opened with.
        TableEnvironment admin = configured(ADMIN, true, settings(receiver.url().toString(), Map.of()));
        // What SET does in Flink's SQL gateway and client: the session's table configuration.
        admin.getConfig().set("openlineage.transport.url", "http://127.0.0.1:9");
        admin.getConfig().set("openlineage.namespace", "elsewhere");
        admin.getConfig().set("kyuubi.session.user", "mallory");
        admin.useCatalog(CATALOG);
        rows(admin, "SELECT amount FROM lineage_orders");
        JsonNode complete = receiver.await(
                event("COMPLETE", "collect_lake.default.lineage_orders").and(owner(ADMIN)), WAIT);
        assertThat(complete.path("job").path("namespace").asText()).isEqualTo("lakegate-test");
    }

    @Test
    void aReceiverThatIsDownLosesNoJobAndCountsWhatItDrops() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TableEnvironment admin = configured(
                ADMIN,
                true,
                settings(
                        "http://127.0.0.1:" + closedPort,
                        Map.of("openlineage.queue.capacity", "2", "openlineage.transport.timeout", "200 ms")));
        admin.useCatalog(CATALOG);
        for (int i = 0; i < 4; i++) {
            execute(admin, "INSERT INTO lineage_totals VALUES (" + (100 + i) + ", 1.0)");
        }
        assertThat(rows(admin, "SELECT count(*) FROM lineage_totals WHERE id >= 100 AND id < 104"))
                .containsExactly(List.of("4"));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName emitter = emitterWithCapacity(server, 2);
        // Five jobs, ten events, a queue of two and a sender retrying the first: dropped or given up, each counted.
        assertThat(attribute(server, emitter, "QueueDepth")).isLessThanOrEqualTo(2);
        await(() -> attribute(server, emitter, "Dropped") + attribute(server, emitter, "Failed") == 10);
        assertThat(attribute(server, emitter, "Dropped")).isPositive();
        assertThat(attribute(server, emitter, "Sent")).isZero();
    }

    @Test
    void aBadSettingStopsTheSessionNamingIt() {
        assertThatThrownBy(() -> configured(
                        ADMIN,
                        true,
                        settings(receiver.url().toString(), Map.of("openlineage.transport.type", "carrier-pigeon"))))
                .hasStackTraceContaining("OpenLineage setting openlineage.transport.type is [carrier-pigeon]: use http,"
                        + " file or console");
        assertThatThrownBy(() -> configured(
                        ADMIN, true, settings(receiver.url().toString(), Map.of("openlineage.trasnport.url", "x"))))
                .hasStackTraceContaining("Unknown OpenLineage setting openlineage.trasnport.url");
        assertThatThrownBy(() -> configured(
                        ADMIN,
                        true,
                        settings(receiver.url().toString(), Map.of("openlineage.parent.run-id", "not-a-uuid"))))
                .hasStackTraceContaining("OpenLineage setting openlineage.parent.job-namespace is missing");
        assertThatThrownBy(() -> configured(
                        ADMIN,
                        true,
                        settings(receiver.url().toString(), Map.of("openlineage.queue.capacity", "500000000"))))
                .hasStackTraceContaining(
                        "OpenLineage setting openlineage.queue.capacity is [500000000]: give 1 to" + " 1000000");
        assertThatThrownBy(() -> configured(
                        ADMIN,
                        true,
                        settings(receiver.url().toString(), Map.of("openlineage.transport.timeout", "30 d"))))
                .hasStackTraceContaining(
                        "OpenLineage setting openlineage.transport.timeout is [30 d]: give 1 ms to 10" + " min");
        assertThatThrownBy(() -> configured(ADMIN, true, Map.of("openlineage.namespace", "lake")))
                .hasStackTraceContaining("OpenLineage settings [openlineage.namespace] are given without"
                        + " openlineage.transport.type");
        Map<String, String> withoutListener =
                new HashMap<>(settings(receiver.url().toString(), Map.of()));
        withoutListener.remove("execution.job-listeners");
        assertThatThrownBy(() -> configured(ADMIN, true, withoutListener))
                .hasStackTraceContaining("OpenLineage is configured (openlineage.transport.type) but"
                        + " execution.job-listeners is []: add " + LineageJobListener.class.getName());
    }

    private static TableEnvironment lake(String user, boolean batch, Map<String, String> extra) {
        TableEnvironment environment =
                configured(user, batch, settings(receiver.url().toString(), extra));
        environment.useCatalog(CATALOG);
        return environment;
    }

    // What kyuubi-ext-routing launches a Flink 1.20 engine with.
    private static Map<String, String> settings(String url, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("execution.job-listeners", LineageJobListener.class.getName());
        settings.put("openlineage.transport.type", "http");
        settings.put("openlineage.transport.url", url);
        settings.put("openlineage.transport.endpoint", LineageReceiver.ENDPOINT);
        settings.put("openlineage.namespace", "lakegate-test");
        settings.putAll(extra);
        return settings;
    }

    private static Predicate<JsonNode> event(String type, String job) {
        return event -> event.path("eventType").asText().equals(type)
                && event.path("job").path("name").asText().equals(job);
    }

    private static Predicate<JsonNode> owner(String user) {
        return event -> owners(event).equals(List.of(user));
    }

    private static List<String> owners(JsonNode event) {
        List<String> owners = new ArrayList<>();
        event.path("job")
                .path("facets")
                .path("ownership")
                .path("owners")
                .forEach(owner -> owners.add(owner.path("name").asText()));
        return owners;
    }

    private static List<String> datasets(JsonNode event, String side) {
        List<String> datasets = new ArrayList<>();
        event.path(side)
                .forEach(dataset -> datasets.add(dataset.path("namespace").asText() + " "
                        + dataset.path("name").asText()));
        return datasets;
    }

    private static List<String> fields(JsonNode facets) {
        List<String> fields = new ArrayList<>();
        facets.path("schema")
                .path("fields")
                .forEach(field -> fields.add(
                        field.path("name").asText() + " " + field.path("type").asText()));
        return fields;
    }

    private static ObjectName emitterWithCapacity(MBeanServer server, int capacity) throws Exception {
        Set<ObjectName> names = server.queryNames(new ObjectName("io.lakegate.lineage:type=LineageEmitter,*"), null);
        for (ObjectName name : names) {
            if (((Number) server.getAttribute(name, "QueueCapacity")).intValue() == capacity) {
                return name;
            }
        }
        throw new AssertionError("no lineage emitter with a queue of " + capacity + " among " + names);
    }

    private static long attribute(MBeanServer server, ObjectName name, String attribute) {
        try {
            return ((Number) server.getAttribute(name, attribute)).longValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
