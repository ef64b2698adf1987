package io.lakegate.policyserver;

import static io.lakegate.policyserver.HivePolicies.access;
import static io.lakegate.policyserver.HivePolicies.export;
import static io.lakegate.policyserver.HivePolicies.writeAtomically;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy server's HTTP contract, as Ranger Admin answers a plugin. */
class PolicyServerHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path policies;

    private PolicyServer server;

    @BeforeEach
    void start() {
        server = PolicyServer.start(PolicyServerConfig.onLoopback(policies));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersNotModifiedForTheCurrentVersionAndTheNewDocumentAfterAChange() throws Exception {
        Path file = policies.resolve("hive_dev.json");
        writeAtomically(
                file, export("hive_dev", access(1, "sales", "orders", "*", "select", List.of("alice"), List.of())));

        HttpResponse<String> first = get("/service/plugins/policies/download/hive_dev?lastKnownVersion=-1");
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode served = JSON.readTree(first.body());
        long version = served.get("policyVersion").asLong();
        assertThat(served.get("serviceName").asText()).isEqualTo("hive_dev");
        assertThat(served.get("serviceDef").get("name").asText()).isEqualTo("hive");
        assertThat(served.get("policies")
                        .get(0)
                        .get("policyItems")
                        .get(0)
                        .get("users")
                        .get(0)
                        .asText())
                .isEqualTo("alice");

        assertThat(get("/service/plugins/policies/download/hive_dev?lastKnownVersion=" + version)
                        .statusCode())
                .isEqualTo(304);
        assertThat(get("/service/plugins/secure/policies/download/hive_dev?lastKnownVersion=" + version)
                        .statusCode())
                .isEqualTo(304);

        writeAtomically(
                file, export("hive_dev", access(1, "sales", "orders", "*", "select", List.of("bob"), List.of())));
        HttpResponse<String> changed = get("/service/plugins/policies/download/hive_dev?lastKnownVersion=" + version);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(changed.body()).get("policyVersion").asLong()).isEqualTo(version + 1);
    }

    @Test
    void rewritingTheSameContentDoesNotBumpTheVersion() throws Exception {
        Path file = policies.resolve("hive_dev.json");
        String content = export("hive_dev", access(1, "sales", "orders", "*", "select", List.of("alice"), List.of()));
        writeAtomically(file, content);
        long version = JSON.readTree(
                        get("/service/plugins/policies/download/hive_dev").body())
                .get("policyVersion")
                .asLong();

        writeAtomically(file, content);

        assertThat(get("/service/plugins/policies/download/hive_dev?lastKnownVersion=" + version)
                        .statusCode())
                .isEqualTo(304);
    }

    @Test
    void unknownServiceGetsRangersServiceNotFoundBody() throws Exception {
        for (String path : List.of(
                "/service/plugins/policies/download/nope?lastKnownVersion=-1",
                "/service/roles/download/nope?lastKnownRoleVersion=-1",
                "/service/xusers/download/nope?lastKnownUserStoreVersion=-1")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).startsWith("\"RANGER_ERROR_SERVICE_NOT_FOUND: ServiceName=nope\"");
        }
    }

    @Test
    void malformedFileIsReportedWithItsPositionAndTheLastGoodVersionStaysServed() throws Exception {
        Path file = policies.resolve("hive_dev.json");
        writeAtomically(
                file, export("hive_dev", access(1, "sales", "orders", "*", "select", List.of("alice"), List.of())));
        HttpResponse<String> good = get("/service/plugins/policies/download/hive_dev?lastKnownVersion=-1");

        writeAtomically(file, "{\n  \"policies\": [\n    {\"id\": 1,,\n  ]\n}\n");

        HttpResponse<String> afterBreak = get("/service/plugins/policies/download/hive_dev?lastKnownVersion=-1");
        assertThat(afterBreak.statusCode()).isEqualTo(200);
        assertThat(afterBreak.body()).isEqualTo(good.body());
        assertThatThrownBy(() -> RangerDocuments.parse(
                        DocumentKind.POLICIES,
                        "hive_dev",
                        "{\n  \"policies\": [\n    {\"id\": 1,,\n  ]\n}\n".getBytes(StandardCharsets.UTF_8),
                        file.toString()))
                .isInstanceOf(MalformedPolicyFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3, column");
    }

    @Test
    void emptyExportCannotTellItsServiceType() {
        assertThatThrownBy(() -> RangerDocuments.parse(
                        DocumentKind.POLICIES,
                        "hive_dev",
                        export("hive_dev").getBytes(StandardCharsets.UTF_8),
                        "hive_dev.json"))
                .isInstanceOf(MalformedPolicyFileException.class)
                .hasMessageContaining("hive_dev.json has no $.serviceDef");
    }

    @Test
    void fileThatWasNeverValidIsAServerErrorNamingTheProblem() throws Exception {
        writeAtomically(
                policies.resolve("hive_dev.json"), "{\"serviceName\": \"hive_dev\", \"policies\": [{\"id\": \"x\"}]}");

        HttpResponse<String> response = get("/service/plugins/policies/download/hive_dev");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("hive_dev.json").contains("serviceType");
    }

    @Test
    void wrongFieldTypeIsReportedWithItsJsonPath() {
        assertThatThrownBy(() -> RangerDocuments.parse(
                        DocumentKind.POLICIES,
                        "hive_dev",
                        export("hive_dev", access(1, "sales", "orders", "*", "select", List.of("alice"), List.of()))
                                .replace("\"isEnabled\" : true", "\"isEnabled\" : {\"no\": 1}")
                                .getBytes(StandardCharsets.UTF_8),
                        "hive_dev.json"))
                .isInstanceOf(MalformedPolicyFileException.class)
                .hasMessageContaining("hive_dev.json")
                .hasMessageContaining("policies")
                .hasMessageContaining("isEnabled");
    }

    @Test
    void servesAPluginPolicyCacheFileWithItsRangerDateFormat() throws Exception {
        String cacheFile =
                """
                {"serviceName": "hive_dev", "serviceId": 3, "policyVersion": 42,
                 "policyUpdateTime": "20261120-10:15:30.000-+0000",
                 "policies": [{"id": 7, "name": "p", "isEnabled": true, "policyType": 0, "serviceType": "hive",
                   "createTime": "20261120-10:15:30.000-+0000", "updateTime": "20261121-08:00:00.000-+0000",
                   "resources": {"database": {"values": ["sales"]}}, "policyItems": []}]}
                """;
        writeAtomically(policies.resolve("hive_dev.json"), cacheFile);

        JsonNode served =
                JSON.readTree(get("/service/plugins/policies/download/hive_dev").body());

        assertThat(served.get("policyVersion").asLong()).isEqualTo(42);
        assertThat(served.get("policies").get(0).get("createTime").asLong()).isEqualTo(1795169730000L);
    }

    @Test
    void servesRoleExportsAndUserStores() throws Exception {
        writeAtomically(
                policies.resolve("hive_dev.json"),
                export("hive_dev", access(1, "sales", "orders", "*", "select", List.of("alice"), List.of())));
        assertThat(get("/service/roles/download/hive_dev?lastKnownRoleVersion=-1")
                        .statusCode())
                .isEqualTo(304);

        writeAtomically(policies.resolve("hive_dev_roles.json"), HivePolicies.roles("auditors", List.of("dave")));
        writeAtomically(
                policies.resolve("hive_dev_userstore.json"),
                HivePolicies.userStore(Map.of("bob", List.of("analysts"))));

        JsonNode roles = JSON.readTree(
                get("/service/roles/download/hive_dev?lastKnownRoleVersion=-1").body());
        assertThat(roles.get("rangerRoles").get(0).get("name").asText()).isEqualTo("auditors");
        assertThat(roles.get("roleVersion").asLong()).isEqualTo(1);
        JsonNode store =
                JSON.readTree(get("/service/xusers/secure/download/hive_dev").body());
        assertThat(store.get("userGroupMapping").get("bob").get(0).asText()).isEqualTo("analysts");
    }

    @Test
    void basicAuthRejectsMissingAndWrongCredentials() throws Exception {
        server.close();
        server = PolicyServer.start(PolicyServerConfig.onLoopback(policies).withBasicAuth("ranger", "s3cret"));
        writeAtomically(
                policies.resolve("hive_dev.json"),
                export("hive_dev", access(1, "sales", "orders", "*", "select", List.of("alice"), List.of())));
        String path = "/service/plugins/secure/policies/download/hive_dev";

        assertThat(get(path).statusCode()).isEqualTo(401);
        assertThat(get(path, Optional.of(basic("ranger", "wrong"))).statusCode())
                .isEqualTo(401);
        assertThat(get(path, Optional.of(basic("ranger", "s3cret"))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void rejectsUnknownPathsAndMethodsAndBadVersions() throws Exception {
        writeAtomically(
                policies.resolve("hive_dev.json"),
                export("hive_dev", access(1, "sales", "orders", "*", "select", List.of("alice"), List.of())));

        assertThat(get("/service/plugins/policies/download/hive_dev?lastKnownVersion=abc")
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/service/plugins/download/hive_dev").statusCode()).isEqualTo(404);
        assertThat(get("/service/plugins/policies/download/..%2Fhive_dev").statusCode())
                .isEqualTo(404);
        HttpResponse<String> post = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/service/plugins/policies/download/hive_dev"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void commandLineNeedsAFolderAndTakesThePasswordOnlyFromTheEnvironment() {
        assertThatThrownBy(() -> PolicyServerMain.parse(new String[] {"--port", "6080"}, Optional.empty()))
                .hasMessageContaining("--folder");
        assertThatThrownBy(() -> PolicyServerMain.parse(
                        new String[] {"--folder", policies.toString(), "--basic-auth-user", "ranger"},
                        Optional.empty()))
                .hasMessageContaining(PolicyServerMain.PASSWORD_VARIABLE);
        PolicyServerConfig config = PolicyServerMain.parse(
                new String[] {"--folder", policies.toString(), "--port", "7001", "--basic-auth-user", "ranger"},
                Optional.of("s3cret"));
        assertThat(config.port()).isEqualTo(7001);
        assertThat(config.basicAuth()).contains(new PolicyServerConfig.BasicAuth("ranger", "s3cret"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, Optional.empty());
    }

    private HttpResponse<String> get(String path, Optional<String> authorization) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
