package io.lakegate.lineage.hub;

import static io.lakegate.lineage.hub.Events.METASTORE;
import static io.lakegate.lineage.hub.Events.columnLineage;
import static io.lakegate.lineage.hub.Events.governed;
import static io.lakegate.lineage.hub.Events.hiveTable;
import static io.lakegate.lineage.hub.Events.reads;
import static io.lakegate.lineage.hub.Events.run;
import static io.lakegate.lineage.hub.Events.sparkTable;
import static io.lakegate.lineage.hub.Events.writes;
import static io.lakegate.lineage.hub.HubClient.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart loses nothing: every read answers the same, runs continue, and retries are still recognised. */
class RestartTest {
    @TempDir
    Path dataDir;

    @Test
    void aRestartedHubAnswersAsBeforeAndContinuesRuns() {
        UUID runId = UUID.randomUUID();
        Instant start = Instant.parse("2026-12-01T08:00:00Z");
        ObjectNode input = governed(
                sparkTable("crm.people", "id:bigint", "ssn:string"), "carol", "country = 'FR'", "ssn:MASK_HASH");
        ObjectNode output = hiveTable("crm.people_fr", "id:bigint", "ssn:string");
        columnLineage(output, "ssn", "file", "/warehouse/crm.db/people", "ssn", "IDENTITY", true);
        ObjectNode startEvent = writes(reads(run("START", runId, "spark", "people_fr", start, "spark"), input), output);
        List<String> reads = List.of(
                "api/v1/namespaces",
                "api/v1/namespaces/" + encode(METASTORE) + "/datasets",
                "api/v1/namespaces/" + encode(METASTORE) + "/datasets/crm.people_fr/versions",
                "api/v1/namespaces/spark/jobs/people_fr",
                "api/v1/jobs/runs/" + runId,
                "api/v1/lineage?nodeId=" + encode("job:spark:people_fr"),
                "api/v1/column-lineage?nodeId=" + encode("dataset:" + METASTORE + ":crm.people_fr")
                        + "&withDownstream=true",
                "api/v1/lakegate/dataset?nodeId=" + encode("dataset:file:/warehouse/crm.db/people"),
                "api/v1/events/lineage");
        Map<String, JsonNode> before = new LinkedHashMap<>();
        // A dataset whose symlink names the location Spark used for another table: filed under that table.
        ObjectNode viaAlias = Events.dataset("s3://copies", "people_copy", "id:bigint");
        ObjectNode symlinks = ((ObjectNode) viaAlias.path("facets")).putObject("symlinks");
        symlinks.put("_producer", Events.SPARK);
        symlinks.put("_schemaURL", "https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json");
        symlinks.putArray("identifiers")
                .addObject()
                .put("namespace", "file")
                .put("name", "/warehouse/crm.db/people")
                .put("type", "TABLE");
        ObjectNode copy = writes(run("COMPLETE", UUID.randomUUID(), "spark", "copy_people", start, "spark"), viaAlias);
        try (LineageHub hub = LineageHub.start(HubConfig.embedded(dataDir))) {
            HubClient client = new HubClient(hub.baseUri());
            assertThat(client.post(startEvent).statusCode()).isEqualTo(201);
            assertThat(client.post(copy).statusCode()).isEqualTo(201);
            reads.forEach(path -> before.put(path, client.get(path)));
        }
        assertThat(before.get("api/v1/lakegate/dataset?nodeId=" + encode("dataset:file:/warehouse/crm.db/people"))
                        .path("writers")
                        .toString())
                .contains("job:spark:copy_people");
        assertThat(before.get("api/v1/jobs/runs/" + runId).path("state").asText())
                .isEqualTo("RUNNING");

        try (LineageHub hub = LineageHub.start(HubConfig.embedded(dataDir))) {
            HubClient client = new HubClient(hub.baseUri());
            for (String path : reads) {
                assertThat(client.get(path)).as(path).isEqualTo(before.get(path));
            }
            // The transport retries the START it sent before the restart: still stored once.
            assertThat(client.post(startEvent).statusCode()).isEqualTo(201);
            assertThat(client.get("api/v1/events/lineage").path("totalCount").asInt())
                    .isEqualTo(2);
            // The run goes on where it was.
            ObjectNode complete = writes(
                    run("COMPLETE", runId, "spark", "people_fr", start.plusSeconds(3), "spark"),
                    hiveTable("crm.people_fr", "id:bigint", "ssn:string"));
            assertThat(client.post(complete).statusCode()).isEqualTo(201);
            JsonNode run = client.get("api/v1/jobs/runs/" + runId);
            assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(run.path("durationMs").asLong()).isEqualTo(3000);
            JsonNode panel =
                    client.get("api/v1/lakegate/dataset?nodeId=" + encode("dataset:" + METASTORE + ":crm.people"));
            assertThat(panel.path("governance")
                            .path("maskedReads")
                            .get(0)
                            .path("user")
                            .asText())
                    .isEqualTo("carol");
        }
    }
}
