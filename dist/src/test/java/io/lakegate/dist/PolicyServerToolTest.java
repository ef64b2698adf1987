package io.lakegate.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/ranger-policy-server} as the sandbox and an operator run it from the distribution: on its shipped
 * class path alone, it serves a Ranger Admin export to a plugin's download request.
 */
class PolicyServerToolTest {
    private static final Path TOOL = Path.of(System.getProperty("lakegate.dist.dir"))
            .resolve("tools/ranger-policy-server/bin/ranger-policy-server");
    private static final Pattern SERVING = Pattern.compile("Serving Ranger policies from .* on (http://\\S+)");

    @TempDir
    Path folder;

    @TempDir
    Path logs;

    @Test
    void servesAPolicyExportOnItsShippedClassPath() throws Exception {
        try (InputStream demo =
                Class.forName("io.lakegate.sandbox.demo.DemoFiles").getResourceAsStream("policies.json")) {
            Files.copy(demo, folder.resolve("sandbox_hive.json"));
        }
        ProcessBuilder builder = new ProcessBuilder(
                        List.of("sh", TOOL.toString(), "--folder", folder.toString(), "--port", "0"))
                .redirectError(logs.resolve("stderr.txt").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process server = builder.start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the tool's first line").isNotNull();
            assertThat(line).as(() -> read(logs.resolve("stderr.txt"))).matches(SERVING);
            Matcher serving = SERVING.matcher(line);
            assertThat(serving.matches()).isTrue();

            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(serving.group(1)
                                            + "/service/plugins/policies/download/sandbox_hive?lastKnownVersion=-1"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode policies = new ObjectMapper().readTree(response.body());
            assertThat(policies.path("serviceName").asText()).isEqualTo("sandbox_hive");
            assertThat(policies.path("policies").size()).isPositive();
        } finally {
            server.toHandle().destroy();
            server.onExit().get();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
