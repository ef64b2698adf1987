package io.lakegate.lineage.hub;

import static io.lakegate.lineage.hub.Events.hiveTable;
import static io.lakegate.lineage.hub.Events.run;
import static io.lakegate.lineage.hub.Events.writes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the hub refuses: every refusal names the problem, and nothing of a refused event is stored. */
class EventValidationTest {
    @TempDir
    static Path dataDir;

    private static LineageHub hub;
    private static HubClient client;

    @BeforeAll
    static void start() {
        hub = LineageHub.start(new HubConfig(
                "127.0.0.1",
                0,
                dataDir,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                64 * 1024,
                100));
        client = new HubClient(hub.baseUri());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not JSON", "{\"eventType\": START}", "Not valid JSON"),
                Arguments.of("trailing garbage", valid().toString() + " {}", "Not valid JSON"),
                Arguments.of(
                        "duplicate keys",
                        "{\"eventTime\":\"2026-12-01T00:00:00Z\",\"eventTime\":\"x\"}",
                        "Duplicate field 'eventTime'"),
                Arguments.of("a list", "[1,2]", "An OpenLineage event is a JSON object"),
                Arguments.of(
                        "no run, job or dataset",
                        "{\"eventTime\":\"2026-12-01T00:00:00Z\"}",
                        "Not an OpenLineage event"),
                Arguments.of("missing eventTime", edit(event -> event.remove("eventTime")), "eventTime is required"),
                Arguments.of(
                        "bad eventTime",
                        edit(event -> event.put("eventTime", "yesterday")),
                        "Not a valid OpenLineage RunEvent at"),
                Arguments.of(
                        "eventTime without offset",
                        edit(event -> event.put("eventTime", "2026-12-01T10:00:00")),
                        "eventTime"),
                Arguments.of("missing producer", edit(event -> event.remove("producer")), "producer is required"),
                Arguments.of(
                        "eventTime in 1900",
                        edit(event -> event.put("eventTime", "1900-01-01T00:00:00Z")),
                        "is before 2000 or more than a day ahead"),
                Arguments.of(
                        "eventTime in year 3000",
                        edit(event -> event.put("eventTime", "3000-01-01T00:00:00Z")),
                        "is before 2000 or more than a day ahead"),
                Arguments.of(
                        "symlink with a control character",
                        edit(event -> ((ObjectNode) event.get("outputs").get(0).get("facets"))
                                .putObject("symlinks")
                                .putArray("identifiers")
                                .addObject()
                                .put("namespace", "ns\u001b[31m")
                                .put("name", "t")
                                .put("type", "TABLE")),
                        "symlinks.identifiers[0].namespace contains a control character"),
                Arguments.of(
                        "governance user too long",
                        edit(event -> ((ObjectNode) event.get("outputs").get(0))
                                .putObject("outputFacets")
                                .putObject("lakegate_governance")
                                .put("user", "u".repeat(2000))),
                        "lakegate_governance.user is 2000 characters long"),
                Arguments.of(
                        "transformation subtype too long",
                        edit(event -> ((ObjectNode) event.get("outputs").get(0).get("facets"))
                                .putObject("columnLineage")
                                .putObject("fields")
                                .putObject("a")
                                .putArray("inputFields")
                                .addObject()
                                .put("namespace", "n")
                                .put("name", "t")
                                .put("field", "f")
                                .putArray("transformations")
                                .addObject()
                                .put("type", "DIRECT")
                                .put("subtype", "S".repeat(100))),
                        "transformations[0].subtype is 100 characters long"),
                Arguments.of(
                        "unknown eventType",
                        edit(event -> event.put("eventType", "FINISH")),
                        "Not a valid OpenLineage RunEvent"),
                Arguments.of(
                        "runId not a UUID",
                        edit(event -> ((ObjectNode) event.get("run")).put("runId", "42")),
                        "run.runId"),
                Arguments.of(
                        "missing job name",
                        edit(event -> ((ObjectNode) event.get("job")).remove("name")),
                        "job.name is required"),
                Arguments.of(
                        "blank dataset name",
                        edit(event -> ((ObjectNode) event.get("outputs").get(0)).put("name", " ")),
                        "outputs[0].name must not be blank"),
                Arguments.of(
                        "control character in a name",
                        edit(event -> ((ObjectNode) event.get("outputs").get(0)).put("name", "a\u0000b")),
                        "outputs[0].name contains a control character"),
                Arguments.of(
                        "overlong namespace",
                        edit(event -> ((ObjectNode) event.get("outputs").get(0)).put("namespace", "n".repeat(5000))),
                        "outputs[0].namespace is 5000 characters long"),
                Arguments.of(
                        "known facet of the wrong type",
                        edit(event -> ((ObjectNode) event.path("run").path("facets")).put("nominalTime", "soon")),
                        "Not a valid OpenLineage RunEvent at"),
                Arguments.of(
                        "column lineage without inputFields",
                        edit(event -> ((ObjectNode) event.get("outputs").get(0).get("facets"))
                                .putObject("columnLineage")
                                .putObject("fields")
                                .putObject("a")),
                        "outputs[0].facets.columnLineage.fields.a.inputFields must be a list"),
                Arguments.of(
                        "column lineage input without field",
                        edit(event -> ((ObjectNode) event.get("outputs").get(0).get("facets"))
                                .putObject("columnLineage")
                                .putObject("fields")
                                .putObject("a")
                                .putArray("inputFields")
                                .addObject()
                                .put("namespace", "n")
                                .put("name", "t")),
                        "inputFields[0].field is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedEventsAreRefusedNamingTheProblem(String what, String body, String message) {
        long before = storedEvents();
        JsonNode graphBefore = client.get("healthcheck");
        HttpResponse<String> response = client.post(body);
        assertThat(response.statusCode()).as(what).isEqualTo(400);
        JsonNode error = json(response.body());
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("message").asText()).as(what).contains(message);
        assertThat(storedEvents()).as(what).isEqualTo(before);
        assertThat(client.get("healthcheck")).as(what).isEqualTo(graphBefore);
    }

    @Test
    void gzippedEventsAreAccepted() throws IOException {
        ObjectNode event = valid();
        HttpResponse<String> response =
                client.send(request(gzip(event.toString().getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Encoding", "gzip")
                        .build());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(client.getResponse("api/v1/jobs/runs/"
                                + event.path("run").path("runId").asText())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void corruptGzipOversizedBodiesAndOtherMediaTypesAreRefused() throws IOException {
        long before = storedEvents();
        HttpResponse<String> corrupt = client.send(request("not gzip".getBytes(StandardCharsets.UTF_8))
                .header("Content-Encoding", "gzip")
                .build());
        assertThat(corrupt.statusCode()).isEqualTo(400);
        assertThat(corrupt.body()).contains("gzip");

        // A gzip bomb: small on the wire, over the limit once inflated.
        byte[] bomb = gzip(("{\"eventTime\":\"" + "x".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(64 * 1024);
        HttpResponse<String> inflated =
                client.send(request(bomb).header("Content-Encoding", "gzip").build());
        assertThat(inflated.statusCode()).isEqualTo(413);
        assertThat(inflated.body()).contains("65536 bytes");

        HttpResponse<String> large = client.post("{\"x\":\"" + "y".repeat(70_000) + "\"}");
        assertThat(large.statusCode()).isEqualTo(413);

        HttpResponse<String> form = client.send(request(valid().toString().getBytes(StandardCharsets.UTF_8))
                .setHeader("Content-Type", "application/x-www-form-urlencoded")
                .build());
        assertThat(form.statusCode()).isEqualTo(415);
        HttpResponse<String> brotli = client.send(request(valid().toString().getBytes(StandardCharsets.UTF_8))
                .header("Content-Encoding", "br")
                .build());
        assertThat(brotli.statusCode()).isEqualTo(415);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void onlyUtf8BodiesAreAcceptedAndAByteOrderMarkIsDropped() {
        long before = storedEvents();
        byte[] utf16 = valid().toString().getBytes(StandardCharsets.UTF_16);
        HttpResponse<String> refused = client.send(request(utf16).build());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("UTF-8");
        assertThat(storedEvents()).isEqualTo(before);

        ObjectNode event = valid();
        byte[] json = event.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertThat(client.send(request(withBom).build()).statusCode()).isEqualTo(201);
        // The stored event reads back (a page of events holding it answers).
        assertThat(client.get("api/v1/events/lineage?limit=1000").path("events").toString())
                .contains(event.path("run").path("runId").asText());
    }

    @Test
    void onlyPostWrites() {
        HttpResponse<String> put =
                client.send(HttpRequest.newBuilder(hub.baseUri().resolve("api/v1/lineage"))
                        .PUT(HttpRequest.BodyPublishers.ofString(valid().toString()))
                        .build());
        assertThat(put.statusCode()).isEqualTo(405);
    }

    private static long storedEvents() {
        return client.get("api/v1/events/lineage?limit=0").path("totalCount").asLong();
    }

    private static HttpRequest.Builder request(byte[] body) {
        return HttpRequest.newBuilder(hub.baseUri().resolve("api/v1/lineage"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        }
        return out.toByteArray();
    }

    private static ObjectNode valid() {
        return writes(
                run("COMPLETE", UUID.randomUUID(), "validation-tests", "job", Instant.now(), "spark"),
                hiveTable("v.t", "a:int"));
    }

    private static String edit(Consumer<ObjectNode> change) {
        ObjectNode event = valid();
        change.accept(event);
        return event.toString();
    }

    private static JsonNode json(String body) {
        try {
            return Events.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
