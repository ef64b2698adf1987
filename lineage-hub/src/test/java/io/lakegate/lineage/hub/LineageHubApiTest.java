package io.lakegate.lineage.hub;

import static io.lakegate.lineage.hub.Events.METASTORE;
import static io.lakegate.lineage.hub.Events.columnLineage;
import static io.lakegate.lineage.hub.Events.dataset;
import static io.lakegate.lineage.hub.Events.governed;
import static io.lakegate.lineage.hub.Events.hiveTable;
import static io.lakegate.lineage.hub.Events.owner;
import static io.lakegate.lineage.hub.Events.reads;
import static io.lakegate.lineage.hub.Events.run;
import static io.lakegate.lineage.hub.Events.sparkTable;
import static io.lakegate.lineage.hub.Events.sql;
import static io.lakegate.lineage.hub.Events.statistics;
import static io.lakegate.lineage.hub.Events.writes;
import static io.lakegate.lineage.hub.HubClient.encode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events in over real HTTP, Marquez's read API out: what a Marquez client or UI sees. */
class LineageHubApiTest {
    @TempDir
    static Path dataDir;

    private static LineageHub hub;
    private static HubClient client;

    @BeforeAll
    static void start() {
        hub = LineageHub.start(HubConfig.embedded(dataDir));
        client = new HubClient(hub.baseUri());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void aKafkaTopicReadThroughAFlinkCatalogTableStaysTheTopicsNode() {
        String suffix = suffix();
        String topic = "clicks_" + suffix;
        String broker = "kafka://127.0.0.1:9092";
        ObjectNode input = dataset(broker, topic, "user_id:BIGINT", "url:STRING");
        ObjectNode symlinks = ((ObjectNode) input.path("facets")).putObject("symlinks");
        symlinks.put("_producer", Events.SPARK);
        symlinks.put("_schemaURL", "https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json");
        symlinks.putArray("identifiers")
                .addObject()
                .put("namespace", METASTORE)
                .put("name", "streams.clickstream_" + suffix)
                .put("type", "TABLE");
        ObjectNode start = writes(
                reads(run("START", UUID.randomUUID(), "flink", "insert-into_" + suffix, Instant.now(), "flink"), input),
                dataset(broker, "views_" + suffix, "user_id:BIGINT"));
        assertThat(client.post(start).statusCode()).isEqualTo(201);

        JsonNode job = client.get("api/v1/namespaces/flink/jobs/" + encode("insert-into_" + suffix));
        assertThat(job.path("inputs"))
                .extracting(in ->
                        in.path("namespace").asText() + " " + in.path("name").asText())
                .containsExactly(broker + " " + topic);
        assertThat(job.path("outputs"))
                .extracting(out ->
                        out.path("namespace").asText() + " " + out.path("name").asText())
                .containsExactly(broker + " views_" + suffix);
    }

    @Test
    void sparkInsertSelectComesBackThroughMarquezApi() {
        String suffix = suffix();
        String source = "raw.orders_" + suffix;
        String target = "sales.orders_" + suffix;
        UUID runId = UUID.randomUUID();
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        ObjectNode startEvent = reads(
                run("START", runId, "spark", "etl.insert_" + suffix, start, "spark"),
                sparkTable(source, "id:bigint", "ssn:string", "amount:decimal(10,2)"));
        writes(startEvent, hiveTable(target, "id:bigint", "total:decimal(10,2)"));
        sql(startEvent, "INSERT INTO " + target + " SELECT id, SUM(amount) FROM " + source + " GROUP BY id");
        owner(startEvent, "user:alice");
        assertThat(client.post(startEvent).statusCode()).isEqualTo(201);

        ObjectNode output = hiveTable(target, "id:bigint", "total:decimal(10,2)");
        columnLineage(output, "id", "file", "/warehouse/" + source.replace(".", ".db/"), "id", "IDENTITY", false);
        columnLineage(
                output, "total", "file", "/warehouse/" + source.replace(".", ".db/"), "amount", "AGGREGATION", false);
        statistics(output, 42, 4096);
        ObjectNode complete = writes(
                reads(
                        run("COMPLETE", runId, "spark", "etl.insert_" + suffix, start.plusSeconds(7), "spark"),
                        sparkTable(source, "id:bigint", "ssn:string", "amount:decimal(10,2)")),
                output);
        assertThat(client.post(complete).statusCode()).isEqualTo(201);

        JsonNode dataset = client.get("api/v1/namespaces/" + encode(METASTORE) + "/datasets/" + encode(target));
        assertThat(dataset.path("id").path("namespace").asText()).isEqualTo(METASTORE);
        assertThat(dataset.path("name").asText()).isEqualTo(target);
        assertThat(dataset.path("type").asText()).isEqualTo("DB_TABLE");
        assertThat(dataset.path("fields"))
                .extracting(field -> field.path("name").asText())
                .containsExactly("id", "total");
        assertThat(dataset.path("currentVersion").asText()).isNotEmpty();
        assertThat(dataset.path("lastLifecycleState").asText()).isEmpty();
        assertThat(dataset.has("description")).isTrue();
        assertThat(dataset.path("description").isNull()).isTrue();
        assertThat(dataset.path("deleted").asBoolean()).isFalse();
        JsonNode totalLineage = dataset.path("columnLineage").get(1);
        assertThat(totalLineage.path("name").asText()).isEqualTo("total");
        assertThat(totalLineage.path("inputFields").get(0).path("dataset").asText())
                .isEqualTo(source);
        assertThat(totalLineage.path("inputFields").get(0).path("namespace").asText())
                .isEqualTo(METASTORE);
        assertThat(totalLineage
                        .path("inputFields")
                        .get(0)
                        .path("transformationType")
                        .asText())
                .isEqualTo("AGGREGATION");

        JsonNode job = client.get("api/v1/namespaces/spark/jobs/" + encode("etl.insert_" + suffix));
        assertThat(job.path("type").asText()).isEqualTo("BATCH");
        assertThat(job.path("inputs"))
                .extracting(input -> input.path("name").asText())
                .containsExactly(source);
        assertThat(job.path("outputs"))
                .extracting(out -> out.path("name").asText())
                .containsExactly(target);
        JsonNode latestRun = job.path("latestRun");
        assertThat(latestRun.path("id").asText()).isEqualTo(runId.toString());
        assertThat(latestRun.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(latestRun.path("startedAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(latestRun.path("endedAt").asText()).isEqualTo("2026-12-01T10:00:07Z");
        assertThat(latestRun.path("durationMs").asLong()).isEqualTo(7000);
        assertThat(latestRun.path("jobVersion").path("version").asText())
                .isEqualTo(job.path("currentVersion").asText());
        assertThat(latestRun
                        .path("outputDatasetVersions")
                        .get(0)
                        .path("datasetVersionId")
                        .path("version")
                        .asText())
                .isEqualTo(dataset.path("currentVersion").asText());
        assertThat(job.path("latestRuns")).hasSize(1);
        assertThat(job.path("labels")).extracting(JsonNode::asText).containsExactly("SQL_JOB", "SPARK");

        JsonNode runs = client.get("api/v1/namespaces/spark/jobs/" + encode("etl.insert_" + suffix) + "/runs");
        assertThat(runs.path("totalCount").asInt()).isEqualTo(1);
        assertThat(client.get("api/v1/jobs/runs/" + runId).path("state").asText())
                .isEqualTo("COMPLETED");

        JsonNode versions =
                client.get("api/v1/namespaces/" + encode(METASTORE) + "/datasets/" + encode(target) + "/versions");
        assertThat(versions.path("totalCount").asInt()).isEqualTo(1);
        assertThat(versions.path("versions")
                        .get(0)
                        .path("createdByRun")
                        .path("id")
                        .asText())
                .isEqualTo(runId.toString());

        JsonNode lineage =
                client.get("api/v1/lineage/?nodeId=" + encode("dataset:" + METASTORE + ":" + target) + "&depth=2");
        List<String> ids = new ArrayList<>();
        lineage.path("graph").forEach(node -> ids.add(node.path("id").asText()));
        assertThat(ids)
                .containsExactly(
                        "dataset:" + METASTORE + ":" + source,
                        "dataset:" + METASTORE + ":" + target,
                        "job:spark:etl.insert_" + suffix);
        JsonNode jobNode = lineage.path("graph").get(2);
        assertThat(jobNode.path("type").asText()).isEqualTo("JOB");
        assertThat(jobNode.path("inEdges").get(0).path("origin").asText()).isEqualTo(ids.get(0));
        assertThat(jobNode.path("outEdges").get(0).path("destination").asText()).isEqualTo(ids.get(1));
        assertThat(jobNode.path("data").path("latestRun").path("state").asText())
                .isEqualTo("COMPLETED");
        assertThat(lineage.path("graph").get(1).path("data").has("facets")).isFalse();

        JsonNode columns = client.get("api/v1/column-lineage/?nodeId="
                + encode("datasetField:" + METASTORE + ":" + target + ":total") + "&withDownstream=true");
        assertThat(columns.path("graph"))
                .extracting(node -> node.path("id").asText())
                .containsExactly(
                        "datasetField:" + METASTORE + ":" + source + ":amount",
                        "datasetField:" + METASTORE + ":" + target + ":total");
        JsonNode total = columns.path("graph").get(1);
        assertThat(total.path("type").asText()).isEqualTo("DATASET_FIELD");
        assertThat(total.path("data").path("fieldType").asText()).isEqualTo("decimal(10,2)");
        // Marquez's shape: an in-edge's origin is the node itself, its destination the upstream field.
        assertThat(total.path("inEdges").get(0).path("origin").asText())
                .isEqualTo(total.path("id").asText());
        assertThat(total.path("inEdges").get(0).path("destination").asText())
                .isEqualTo("datasetField:" + METASTORE + ":" + source + ":amount");

        JsonNode search = client.get("api/v1/search?q=" + suffix);
        assertThat(search.path("results"))
                .extracting(result -> result.path("nodeId").asText())
                .containsExactly(
                        "job:spark:etl.insert_" + suffix,
                        "dataset:" + METASTORE + ":" + source,
                        "dataset:" + METASTORE + ":" + target);
        JsonNode filtered = client.get("api/v1/search?q=" + suffix + "&filter=dataset&limit=1");
        assertThat(filtered.path("totalCount").asInt()).isEqualTo(1);
        assertThat(filtered.path("results").get(0).path("type").asText()).isEqualTo("DATASET");
    }

    @Test
    void oneNodePerTableAcrossEngines() {
        String suffix = suffix();
        String table = "sales.customers_" + suffix;
        // Spark names the table by its location (with the table as a symlink); Trino names the table itself.
        ObjectNode spark = writes(
                run("COMPLETE", UUID.randomUUID(), "spark", "load_" + suffix, Instant.now(), "spark"),
                sparkTable(table, "id:bigint", "email:string"));
        ObjectNode trino = reads(
                run("COMPLETE", UUID.randomUUID(), "trino", "report_" + suffix, Instant.now(), "trino"),
                hiveTable(table, "id:bigint", "email:string"));
        assertThat(client.post(spark).statusCode()).isEqualTo(201);
        assertThat(client.post(trino).statusCode()).isEqualTo(201);

        String nodeId = "dataset:" + METASTORE + ":" + table;
        JsonNode graph = client.get("api/v1/lakegate/graph?nodeId=" + encode(nodeId) + "&depth=2");
        List<String> ids = new ArrayList<>();
        graph.path("graph").forEach(node -> ids.add(node.path("id").asText()));
        assertThat(ids).containsExactly(nodeId, "job:spark:load_" + suffix, "job:trino:report_" + suffix);
        assertThat(graph.path("graph").get(1).path("engine").asText()).isEqualTo("spark");
        assertThat(graph.path("graph").get(2).path("engine").asText()).isEqualTo("trino");

        // The location Spark used still finds the table.
        String location = "/warehouse/" + table.replace(".", ".db/");
        JsonNode byLocation = client.get("api/v1/namespaces/file/datasets/" + encode(location));
        assertThat(byLocation.path("name").asText()).isEqualTo(table);
        JsonNode panel = client.get("api/v1/lakegate/dataset?nodeId=" + encode("dataset:file:" + location));
        assertThat(panel.path("aliases").get(0).path("name").asText()).isEqualTo(location);
        assertThat(panel.path("writers").get(0).path("engine").asText()).isEqualTo("spark");
        assertThat(panel.path("readers").get(0).path("engine").asText()).isEqualTo("trino");
    }

    @Test
    void governanceFacetsShowMasksFiltersAndWhoSawMaskedData() {
        String suffix = suffix();
        String table = "hr.employees_" + suffix;
        UUID runId = UUID.randomUUID();
        ObjectNode input = governed(
                sparkTable(table, "id:bigint", "ssn:string", "region:string"),
                "bob",
                "region = 'EU'",
                "ssn:MASK_SHOW_LAST_4");
        ObjectNode event = reads(run("COMPLETE", runId, "trino", "headcount_" + suffix, Instant.now(), "trino"), input);
        writes(event, hiveTable("hr.headcount_" + suffix, "region:string", "n:bigint"));
        assertThat(client.post(event).statusCode()).isEqualTo(201);

        JsonNode panel = client.get("api/v1/lakegate/dataset?nodeId=" + encode("dataset:" + METASTORE + ":" + table));
        JsonNode ssn = panel.path("fields").get(1);
        assertThat(ssn.path("name").asText()).isEqualTo("ssn");
        assertThat(ssn.path("masked").asBoolean()).isTrue();
        assertThat(ssn.path("maskTypes").get(0).asText()).isEqualTo("MASK_SHOW_LAST_4");
        assertThat(panel.path("fields").get(0).path("masked").asBoolean()).isFalse();
        JsonNode governance = panel.path("governance");
        assertThat(governance.path("rowFilters").get(0).path("expression").asText())
                .isEqualTo("region = 'EU'");
        assertThat(governance.path("rowFilters").get(0).path("users").get(0).asText())
                .isEqualTo("bob");
        JsonNode read = governance.path("maskedReads").get(0);
        assertThat(read.path("user").asText()).isEqualTo("bob");
        assertThat(read.path("runId").asText()).isEqualTo(runId.toString());
        assertThat(read.path("columns").get(0).asText()).isEqualTo("ssn");
        assertThat(governance.path("piiJobs").get(0).asText()).isEqualTo("job:trino:headcount_" + suffix);
        assertThat(panel.path("downstream").path("datasets").get(0).asText())
                .isEqualTo("dataset:" + METASTORE + ":hr.headcount_" + suffix);

        JsonNode graph = client.get("api/v1/lakegate/graph?nodeId=" + encode("dataset:" + METASTORE + ":" + table));
        assertThat(graph.path("graph").get(0).path("governed").asBoolean()).isTrue();
        JsonNode job = client.get("api/v1/lakegate/job?nodeId=" + encode("job:trino:headcount_" + suffix));
        assertThat(job.path("processesMaskedData").asBoolean()).isTrue();
        assertThat(job.path("runs").get(0).path("user").asText()).isEqualTo("bob");
    }

    @Test
    void duplicateEventsAreStoredOnce() {
        String suffix = suffix();
        Instant time = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(suffix.hashCode() & 0xffff);
        ObjectNode event = writes(
                run("COMPLETE", UUID.randomUUID(), "spark", "dup_" + suffix, time, "spark"),
                hiveTable("dup.t_" + suffix, "a:int"));
        for (int i = 0; i < 3; i++) {
            assertThat(client.post(event).statusCode()).isEqualTo(201);
        }
        // The same event sent by many senders at once lands in one batch of the writer: still stored once.
        ObjectNode again = writes(
                run("COMPLETE", UUID.randomUUID(), "spark", "dup_" + suffix, time.plusSeconds(1), "spark"),
                hiveTable("dup.t_" + suffix, "a:int"));
        List<java.util.concurrent.CompletableFuture<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sends.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> client.post(again).statusCode()));
        }
        sends.forEach(send -> assertThat(send.join()).isEqualTo(201));
        JsonNode events = client.get("api/v1/events/lineage?after=" + encode(time.toString()) + "&before="
                + encode(time.plusMillis(1).toString()));
        assertThat(events.path("totalCount").asInt()).isEqualTo(1);
        assertThat(events.path("events").get(0).path("job").path("name").asText())
                .isEqualTo("dup_" + suffix);
        JsonNode both = client.get("api/v1/events/lineage?after=" + encode(time.toString()) + "&before="
                + encode(time.plusSeconds(2).toString()));
        assertThat(both.path("totalCount").asInt()).isEqualTo(2);
        JsonNode runs = client.get("api/v1/namespaces/spark/jobs/dup_" + suffix + "/runs");
        assertThat(runs.path("totalCount").asInt()).isEqualTo(2);
    }

    @Test
    void lateEventsNeverReopenAFinishedRun() {
        String suffix = suffix();
        UUID runId = UUID.randomUUID();
        Instant start = Instant.parse("2026-12-01T12:00:00Z");
        assertThat(client.post(run("FAIL", runId, "spark", "late_" + suffix, start.plusSeconds(5), "spark"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(client.post(run("START", runId, "spark", "late_" + suffix, start, "spark"))
                        .statusCode())
                .isEqualTo(201);
        JsonNode run = client.get("api/v1/jobs/runs/" + runId);
        assertThat(run.path("state").asText()).isEqualTo("FAILED");
        assertThat(run.path("durationMs").asLong()).isEqualTo(5000);
        // Marquez's job list filter on the latest run's state, as its UI's state chips send it.
        assertThat(client.get("api/v1/jobs?limit=1000&lastRunStates=FAILED")
                        .path("jobs")
                        .toString())
                .contains("late_" + suffix);
        assertThat(client.get("api/v1/jobs?limit=1000&lastRunStates=COMPLETED")
                        .path("jobs")
                        .toString())
                .doesNotContain("late_" + suffix);
    }

    @Test
    void unknownNodesAndBadParametersAreAnsweredInMarquezErrorShape() throws IOException {
        var missing = client.getResponse("api/v1/namespaces/nowhere/datasets/x");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"code\":404,\"message\":\"Namespace 'nowhere' not found.\"}");
        assertThat(client.getResponse("api/v1/lineage?nodeId=dataset:nowhere:x").statusCode())
                .isEqualTo(404);
        var noNode = client.getResponse("api/v1/lineage");
        assertThat(noNode.statusCode()).isEqualTo(400);
        assertThat(noNode.body()).contains("nodeId");
        var badDepth = client.getResponse("api/v1/lineage?nodeId=job:a:b&depth=-1");
        assertThat(badDepth.statusCode()).isEqualTo(400);
        assertThat(badDepth.body()).contains("depth");
        assertThat(rawStatusLine("GET /api/v1/search?q=%zz HTTP/1.1")).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(client.getResponse("api/v1/jobs/runs/not-a-uuid").statusCode())
                .isEqualTo(404);
        assertThat(client.getResponse("api/v2/anything").statusCode()).isEqualTo(404);
        // Jetty refuses a path that climbs out of the root; an encoded climb reaches the hub, which refuses it too.
        assertThat(rawStatusLine("GET /static/../../etc/passwd HTTP/1.1")).isEqualTo("HTTP/1.1 400 Bad Request");
        var encoded = client.getResponse("static/..%2F..%2Fio/lakegate/lineage/hub/HubConfig.class");
        assertThat(encoded.statusCode()).isEqualTo(404);
        assertThat(client.getResponse("static/..%2Fweb%2Findex.html").statusCode())
                .isEqualTo(404);
    }

    @Test
    void healthAndPageAreServed() {
        JsonNode health = client.get("healthcheck");
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("writer").asText()).isEqualTo("ok");
        var page = client.getResponse("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.body()).contains("/static/vendor/cytoscape/dist/cytoscape.min.js");
        assertThat(client.getResponse("static/vendor/cytoscape/dist/cytoscape.min.js")
                        .statusCode())
                .isEqualTo(200);
        assertThat(client.getResponse("static/vendor/cytoscape-dagre/dist/cytoscape-dagre.min.js")
                        .statusCode())
                .isEqualTo(200);
    }

    /** A request java.net.URI would refuse to build. */
    private static String rawStatusLine(String requestLine) throws IOException {
        try (Socket socket = new Socket(hub.baseUri().getHost(), hub.baseUri().getPort())) {
            socket.getOutputStream()
                    .write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
            BufferedReader response = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
            return response.readLine();
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
