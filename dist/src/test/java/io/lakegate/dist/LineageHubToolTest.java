package io.lakegate.dist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tools/lineage-hub} as an operator runs it from the distribution, fed by OpenLineage's real Spark agent: Spark's
 * SQL CLI (a local SparkSession with Hive support, on Spark 3.5.4's distribution jars) runs a CTAS and an
 * INSERT ... SELECT, and the hub answers Marquez's API with the tables, jobs and column lineage; stopped with SIGTERM
 * and started again on the same data directory, it answers the same.
 */
class LineageHubToolTest {
    private static final Path DIST = Path.of(property("lakegate.dist.dir"));
    private static final Path TOOL = DIST.resolve("tools/lineage-hub/bin/lakegate-lineage-hub");
    private static final Pattern LISTENING = Pattern.compile("Lineage hub on (http://\\S+/) ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void sparkLineageArrivesSurvivesARestartAndComesBackThroughMarquezApi() throws Exception {
        Path data = work.resolve("hub-data");
        List<String> answers = new ArrayList<>();
        String totals;
        try (Hub hub = Hub.start(data, work.resolve("hub-1.log"))) {
            assertThat(get(hub.url, "healthcheck").path("status").asText()).isEqualTo("ok");
            runSparkSql(hub.url);

            JsonNode search = get(hub.url, "api/v1/search?q=lg.&filter=DATASET&limit=10");
            List<String> names = StreamSupport.stream(search.path("results").spliterator(), false)
                    .map(result -> result.path("name").asText())
                    .toList();
            assertThat(names).containsExactlyInAnyOrder("lg.orders", "lg.totals", "lg.report");
            String namespace = search.path("results").get(0).path("namespace").asText();
            // A local Hive catalog: OpenLineage names the table by its files, with the table under the warehouse.
            assertThat(namespace).startsWith("file:");
            totals = "dataset:" + namespace + ":lg.totals";

            JsonNode dataset = get(hub.url, "api/v1/namespaces/" + encode(namespace) + "/datasets/lg.totals");
            assertThat(dataset.path("fields"))
                    .extracting(field -> field.path("name").asText())
                    .containsExactly("id", "doubled");
            JsonNode doubled = get(
                    hub.url,
                    "api/v1/column-lineage?nodeId=" + encode("datasetField:" + namespace + ":lg.totals:doubled"));
            assertThat(doubled.toString()).contains("datasetField:" + namespace + ":lg.orders:amount");

            JsonNode report =
                    get(hub.url, "api/v1/lakegate/dataset?nodeId=" + encode("dataset:" + namespace + ":lg.report"));
            assertThat(report.path("upstream").path("datasets").toString())
                    .contains("dataset:" + namespace + ":lg.totals", "dataset:" + namespace + ":lg.orders");
            JsonNode writer = report.path("writers").get(0);
            assertThat(writer.path("engine").asText()).isEqualTo("spark");
            assertThat(writer.path("lastRun").path("state").asText()).isEqualTo("COMPLETED");
            assertThat(writer.path("lastRun").path("durationMs").asLong()).isPositive();

            JsonNode lineage = get(hub.url, "api/v1/lineage?depth=5&nodeId=" + encode(totals));
            List<String> jobs = StreamSupport.stream(lineage.path("graph").spliterator(), false)
                    .filter(node -> node.path("type").asText().equals("JOB"))
                    .map(node ->
                            node.path("data").path("latestRun").path("state").asText())
                    .toList();
            assertThat(jobs).hasSizeGreaterThanOrEqualTo(2).containsOnly("COMPLETED");
            for (String path : reads(namespace, totals)) {
                answers.add(get(hub.url, path).toString());
            }
        }
        try (Hub hub = Hub.start(data, work.resolve("hub-2.log"))) {
            List<String> again = new ArrayList<>();
            for (String path : reads(totals.substring("dataset:".length(), totals.lastIndexOf(':')), totals)) {
                again.add(get(hub.url, path).toString());
            }
            assertThat(again).isEqualTo(answers);
        }
        assertThat(Files.readString(work.resolve("hub-1.log"))).contains("event=stopped");
    }

    @Test
    void everyAnsweredEventSurvivesAKill() throws Exception {
        Path data = work.resolve("killed-hub-data");
        List<String> runIds = new ArrayList<>();
        Hub hub = Hub.start(data, work.resolve("killed-1.log"));
        try {
            for (int i = 0; i < 30; i++) {
                String runId = java.util.UUID.randomUUID().toString();
                String event = "{\"eventType\":\"COMPLETE\",\"eventTime\":\"" + java.time.Instant.now()
                        + "\",\"producer\":\"https://lakegate.io/tests\",\"schemaURL\":"
                        + "\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\",\"run\":{\"runId\":\""
                        + runId + "\"},\"job\":{\"namespace\":\"kill-tests\",\"name\":\"job\"},\"inputs\":[],"
                        + "\"outputs\":[{\"namespace\":\"kill-tests\",\"name\":\"t\"}]}";
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(hub.url + "api/v1/lineage"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(event))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                runIds.add(runId);
            }
        } finally {
            // SIGKILL: no shutdown hook, no flush; what was answered 201 must already be on disk.
            hub.kill();
        }
        try (Hub again = Hub.start(data, work.resolve("killed-2.log"))) {
            String events = get(again.url, "api/v1/events/lineage?limit=1000").toString();
            for (String runId : runIds) {
                assertThat(events).contains(runId);
            }
        }
    }

    private static List<String> reads(String namespace, String totals) {
        return List.of(
                "api/v1/namespaces/" + encode(namespace) + "/datasets",
                "api/v1/lineage?depth=5&nodeId=" + encode(totals),
                "api/v1/column-lineage?withDownstream=true&nodeId=" + encode(totals),
                "api/v1/events/lineage?limit=1000");
    }

    private void runSparkSql(String hubUrl) throws IOException, InterruptedException {
        Path run = Files.createDirectories(work.resolve("spark"));
        Path sql = run.resolve("statements.sql");
        Files.writeString(
                sql,
                String.join(
                        "\n",
                        "CREATE DATABASE lg;",
                        "CREATE TABLE lg.orders (id INT, amount DOUBLE) USING parquet;",
                        "INSERT INTO lg.orders VALUES (1, 10.5), (2, 20.25);",
                        "CREATE TABLE lg.totals USING parquet AS SELECT id, amount * 2 AS doubled FROM lg.orders;",
                        "CREATE TABLE lg.report (id INT, doubled DOUBLE) USING parquet;",
                        "INSERT INTO lg.report SELECT id, doubled FROM lg.totals WHERE doubled > 0;",
                        ""));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(property("lakegate.spark.jvm.args").split("\\s+")));
        command.addAll(List.of(
                "-cp",
                property("lakegate.spark.home.jars") + File.separator + "*",
                "org.apache.spark.deploy.SparkSubmit",
                "--class",
                "org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver",
                "--master",
                "local[1]",
                "--jars",
                property("lakegate.openlineage.spark.jar"),
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.extraListeners=io.openlineage.spark.agent.OpenLineageSparkListener",
                "--conf",
                "spark.openlineage.transport.type=http",
                "--conf",
                "spark.openlineage.transport.url=" + hubUrl.substring(0, hubUrl.length() - 1),
                "--conf",
                "spark.openlineage.transport.endpoint=/api/v1/lineage",
                "--conf",
                "spark.openlineage.namespace=spark-tests",
                "spark-internal",
                "-f",
                sql.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(run.toFile())
                .redirectOutput(run.resolve("stdout").toFile())
                .redirectError(run.resolve("stderr").toFile());
        builder.environment().remove("SPARK_HOME");
        builder.environment().remove("SPARK_CONF_DIR");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Spark did not finish in 5 minutes; see " + run);
        }
        assertThat(process.exitValue())
                .as(Files.readString(run.resolve("stderr")))
                .isZero();
    }

    private static JsonNode get(String base, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET " + path + ": " + response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, UTF_8);
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        requireNonNull(value, name + " is set by the surefire configuration");
        if (value.startsWith("${")) {
            throw new IllegalStateException(name + " is [" + value + "]: run the tests with Maven");
        }
        return value;
    }

    /** The hub as a process of its own, started by the distribution's command; closing it sends SIGTERM. */
    private static final class Hub implements AutoCloseable {
        private final Process process;
        private final String url;

        private Hub(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static Hub start(Path data, Path log) throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(
                            "sh", TOOL.toString(), "--port", "0", "--data-dir", data.toString())
                    .redirectError(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        Matcher matcher = LISTENING.matcher(line);
                        if (matcher.find()) {
                            return matcher.group(1);
                        }
                    }
                    return null;
                } catch (IOException e) {
                    return null;
                }
            });
            try {
                String url = listening.get(60, TimeUnit.SECONDS);
                if (url == null) {
                    throw new AssertionError("the hub exited: " + Files.readString(log));
                }
                return new Hub(process, url);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
                throw new AssertionError("the hub did not start in 60 s: " + Files.readString(log), e);
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("the hub did not stop within 60 s of SIGTERM");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
