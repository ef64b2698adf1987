package io.lakegate.lineage.hub;

import static io.lakegate.lineage.hub.HubClient.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.OpenLineageClientException;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenLineage's own Java client and HTTP transport (gzip, API key) writing to a hub that requires a key. */
class OpenLineageTransportTest {
    private static final String KEY = "s3cret-key-for-tests";
    private static final URI PRODUCER =
            URI.create("https://github.com/OpenLineage/OpenLineage/tree/1.55.0/client/java");

    @TempDir
    static Path dataDir;

    private static LineageHub hub;
    private static HubClient client;
    private static final OpenLineage OL = new OpenLineage(PRODUCER);

    @BeforeAll
    static void start() {
        hub = LineageHub.start(HubConfig.embedded(dataDir).withApiKey(KEY));
        client = new HubClient(hub.baseUri());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void javaClientEventsWithColumnLineageArriveGzippedAndAuthenticated() throws Exception {
        UUID runId = UUID.randomUUID();
        OpenLineageClient lineage = new OpenLineageClient(transport(KEY, true));
        try {
            lineage.emit(event(OpenLineage.RunEvent.EventType.START, runId));
            lineage.emit(event(OpenLineage.RunEvent.EventType.COMPLETE, runId));
            lineage.emit(OL.newDatasetEventBuilder()
                    .eventTime(ZonedDateTime.now())
                    .dataset(OL.newStaticDatasetBuilder()
                            .namespace("postgres://db:5432")
                            .name("crm.accounts")
                            .facets(OL.newDatasetFacetsBuilder()
                                    .schema(schema("account_id", "name"))
                                    .build())
                            .build())
                    .build());
        } finally {
            lineage.close();
        }

        JsonNode job = client.get("api/v1/namespaces/client-tests/jobs/nightly.totals");
        assertThat(job.path("latestRun").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("latestRun").path("facets").has("nominalTime")).isTrue();
        JsonNode totals = client.get("api/v1/namespaces/" + encode("s3://lake") + "/datasets/totals");
        assertThat(totals.path("columnLineage").get(0).path("name").asText()).isEqualTo("total");
        assertThat(totals.path("columnLineage")
                        .get(0)
                        .path("inputFields")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("amount");
        JsonNode accounts = client.get("api/v1/namespaces/" + encode("postgres://db:5432") + "/datasets/crm.accounts");
        assertThat(accounts.path("fields"))
                .extracting(field -> field.path("name").asText())
                .containsExactly("account_id", "name");
    }

    @Test
    void writesWithoutTheKeyAreRefusedAndStoreNothing() throws Exception {
        UUID runId = UUID.randomUUID();
        for (String key : new String[] {null, "wrong-key"}) {
            OpenLineageClient lineage = new OpenLineageClient(transport(key, false));
            try {
                assertThatThrownBy(() -> lineage.emit(event(OpenLineage.RunEvent.EventType.START, runId)))
                        .isInstanceOf(OpenLineageClientException.class)
                        .hasMessageContaining("401");
            } finally {
                lineage.close();
            }
        }
        assertThat(client.getResponse("api/v1/jobs/runs/" + runId).statusCode()).isEqualTo(404);
        // Reads stay open, as Marquez's do.
        assertThat(client.getResponse("api/v1/namespaces").statusCode()).isEqualTo(200);
    }

    private static HttpTransport transport(String key, boolean gzip) {
        HttpConfig config = new HttpConfig();
        // The transport refuses a URL with a path ("/") beside an endpoint.
        config.setUrl(URI.create("http://" + hub.baseUri().getAuthority()));
        config.setEndpoint("/api/v1/lineage");
        if (gzip) {
            config.setCompression(HttpConfig.Compression.GZIP);
        }
        if (key != null) {
            ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
            auth.setApiKey(key);
            config.setAuth(auth);
        }
        return new HttpTransport(config);
    }

    private static OpenLineage.RunEvent event(OpenLineage.RunEvent.EventType type, UUID runId) {
        OpenLineage.ColumnLineageDatasetFacet columns = OL.newColumnLineageDatasetFacetBuilder()
                .fields(OL.newColumnLineageDatasetFacetFieldsBuilder()
                        .put(
                                "total",
                                OL.newColumnLineageDatasetFacetFieldsAdditionalBuilder()
                                        .inputFields(List.of(OL.newInputFieldBuilder()
                                                .namespace("s3://lake")
                                                .name("orders")
                                                .field("amount")
                                                .transformations(List.of(OL.newInputFieldTransformationsBuilder()
                                                        .type("DIRECT")
                                                        .subtype("AGGREGATION")
                                                        .build()))
                                                .build()))
                                        .build())
                        .build())
                .build();
        return OL.newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.now())
                .run(OL.newRunBuilder()
                        .runId(runId)
                        .facets(OL.newRunFacetsBuilder()
                                .nominalTime(OL.newNominalTimeRunFacetBuilder()
                                        .nominalStartTime(ZonedDateTime.parse("2026-12-01T00:00:00Z"))
                                        .build())
                                .build())
                        .build())
                .job(OL.newJobBuilder()
                        .namespace("client-tests")
                        .name("nightly.totals")
                        .build())
                .inputs(List.of(OL.newInputDatasetBuilder()
                        .namespace("s3://lake")
                        .name("orders")
                        .facets(OL.newDatasetFacetsBuilder()
                                .schema(schema("order_id", "amount"))
                                .build())
                        .build()))
                .outputs(List.of(OL.newOutputDatasetBuilder()
                        .namespace("s3://lake")
                        .name("totals")
                        .facets(OL.newDatasetFacetsBuilder()
                                .schema(schema("total"))
                                .columnLineage(columns)
                                .build())
                        .build()))
                .build();
    }

    private static OpenLineage.SchemaDatasetFacet schema(String... fields) {
        return OL.newSchemaDatasetFacetBuilder()
                .fields(java.util.Arrays.stream(fields)
                        .map(name -> OL.newSchemaDatasetFacetFieldsBuilder()
                                .name(name)
                                .type("string")
                                .build())
                        .toList())
                .build();
    }
}
