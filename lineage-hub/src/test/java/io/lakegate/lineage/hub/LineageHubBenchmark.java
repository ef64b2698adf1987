package io.lakegate.lineage.hub;

import static io.lakegate.lineage.hub.Events.columnLineage;
import static io.lakegate.lineage.hub.Events.hiveTable;
import static io.lakegate.lineage.hub.Events.reads;
import static io.lakegate.lineage.hub.Events.run;
import static io.lakegate.lineage.hub.Events.sparkTable;
import static io.lakegate.lineage.hub.Events.sql;
import static io.lakegate.lineage.hub.Events.statistics;
import static io.lakegate.lineage.hub.Events.writes;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.lineage.hub.web.Chromium;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hub's benchmark, over real HTTP against the embedded store (see README, "Benchmark"):
 * <ol>
 *   <li>sustained ingest of Spark and Trino run events with schemas and column lineage (about 5 kB each),
 *       from concurrent senders, as OpenLineage's HTTP transport sends them (one event per request);
 *   <li>{@code GET /api/v1/lineage?depth=5} on a graph of 10,000 datasets and 20,000 jobs;
 * </ol>
 * and the page's first render of 500 nodes in headless Chromium. Run with
 * {@code mvn -B -pl lineage-hub -am -Pbench -DskipTests verify}.
 */
public final class LineageHubBenchmark {
    private static final int SENDERS = 32;
    private static final Duration WARMUP = Duration.ofSeconds(10);
    private static final Duration MEASURE = Duration.ofSeconds(30);
    private static final int DOMAINS = 500;
    private static final int DATASETS_PER_DOMAIN = 20;
    private static final int JOBS_PER_DOMAIN = 40;
    private static final int LINEAGE_QUERIES = 2_000;
    private static final int RENDERS = 7;

    private LineageHubBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path ingestDir = Files.createTempDirectory("lineage-hub-bench-ingest");
        try (LineageHub hub = LineageHub.start(HubConfig.embedded(ingestDir))) {
            ingest(hub.baseUri());
        }
        Path graphDir = Files.createTempDirectory("lineage-hub-bench-graph");
        try (LineageHub hub = LineageHub.start(HubConfig.embedded(graphDir))) {
            lineageQueries(hub.baseUri());
        }
        Path pageDir = Files.createTempDirectory("lineage-hub-bench-page");
        try (LineageHub hub = LineageHub.start(HubConfig.embedded(pageDir))) {
            pageRender(hub.baseUri(), Files.createTempDirectory("lineage-hub-bench-chromium"));
        }
    }

    /** The page's first render of 500 nodes (the whole-graph view's default limit) in headless Chromium. */
    private static void pageRender(URI base, Path profile) throws Exception {
        CloseableHttpClient sender = transportClient();
        // 25 pipelines of 10 jobs, each job reading the previous table: 250 jobs and 250 tables.
        for (int pipeline = 0; pipeline < 25; pipeline++) {
            for (int step = 0; step < 10; step++) {
                ObjectNode event = run(
                        "COMPLETE",
                        UUID.randomUUID(),
                        step % 2 == 0 ? "spark" : "trino",
                        "pipeline_" + pipeline + ".step_" + step,
                        Instant.now(),
                        step % 2 == 0 ? "spark" : "trino");
                reads(event, hiveTable("p" + pipeline + ".t" + step, "id:bigint"));
                writes(event, hiveTable("p" + pipeline + ".t" + (step + 1), "id:bigint"));
                if (post(sender, base, event.toString()) != 201) {
                    throw new IllegalStateException("The hub refused a page event");
                }
            }
        }
        sender.close();
        ChromeDriver browser = Chromium.start(profile);
        try {
            double[] rendered = new double[RENDERS];
            double[] painted = new double[RENDERS];
            long nodes = 0;
            for (int i = 0; i < RENDERS; i++) {
                browser.get(base.toString() + "?render=" + i);
                new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> "ready"
                        .equals(driver.findElement(By.tagName("body")).getAttribute("data-state")));
                JavascriptExecutor js = browser;
                new WebDriverWait(browser, Duration.ofSeconds(60))
                        .until(driver -> js.executeScript("return window.lakegate.paintedAt") != null);
                rendered[i] = ((Number) js.executeScript("return window.lakegate.renderedAt")).doubleValue();
                painted[i] = ((Number) js.executeScript("return window.lakegate.paintedAt")).doubleValue();
                nodes = ((Number) js.executeScript("return window.lakegate.cy.nodes().length")).longValue();
            }
            Arrays.sort(rendered);
            Arrays.sort(painted);
            System.out.printf(
                    Locale.ROOT,
                    "page, %d nodes: laid out %.0f ms after navigation (median of %d loads, max %.0f), first drawn"
                            + " %.0f ms (max %.0f)%n",
                    nodes,
                    rendered[RENDERS / 2],
                    RENDERS,
                    rendered[RENDERS - 1],
                    painted[RENDERS / 2],
                    painted[RENDERS - 1]);
        } finally {
            browser.quit();
        }
    }

    private static void ingest(URI base) throws Exception {
        CloseableHttpClient http = transportClient();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong sent = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(SENDERS);
        for (int sender = 0; sender < SENDERS; sender++) {
            int seed = sender;
            Thread thread = new Thread(() -> {
                Random random = new Random(seed);
                try {
                    while (!stop.get()) {
                        for (String event : runEvents(random)) {
                            if (post(http, base, event) != 201) {
                                failed.incrementAndGet();
                            } else if (measuring.get()) {
                                sent.incrementAndGet();
                                bytes.addAndGet(event.length());
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            thread.start();
        }
        Thread.sleep(WARMUP.toMillis());
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(MEASURE.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = sent.get();
        stop.set(true);
        done.await();
        http.close();
        System.out.printf(
                Locale.ROOT,
                "ingest: %d senders, %.0f events/s sustained over %.0f s (mean event %d bytes, %d refused)%n",
                SENDERS,
                events / seconds,
                seconds,
                events == 0 ? 0 : bytes.get() / events,
                failed.get());
    }

    private static final UUID TEMPLATE_RUN = new UUID(0, 0);
    private static final Instant TEMPLATE_TIME = Instant.parse("2000-01-01T00:00:00Z");
    private static final Map<Integer, List<String>> TEMPLATES = new ConcurrentHashMap<>();

    /**
     * One run: Spark sends START and COMPLETE, Trino only COMPLETE. Each job's events are built once and given a new
     * run id and times per run, so that the senders, which share the hub's two cores, cost little.
     */
    private static List<String> runEvents(Random random) {
        int job = random.nextInt(2_000);
        List<String> templates = TEMPLATES.computeIfAbsent(job, LineageHubBenchmark::templates);
        String runId = UUID.randomUUID().toString();
        Instant start = Instant.now();
        List<String> events = new ArrayList<>(templates.size());
        for (int i = 0; i < templates.size(); i++) {
            String time = (i == templates.size() - 1 ? start.plusMillis(1500) : start).toString();
            events.add(
                    templates.get(i).replace(TEMPLATE_RUN.toString(), runId).replace(TEMPLATE_TIME.toString(), time));
        }
        return events;
    }

    private static List<String> templates(int job) {
        boolean trino = job % 3 == 0;
        String engine = trino ? "trino" : "spark";
        String source = "bench.source_" + (job % 4_000);
        String target = "bench.target_" + job;
        List<String> events = new ArrayList<>(2);
        if (!trino) {
            events.add(event("START", TEMPLATE_RUN, engine, job, source, target, TEMPLATE_TIME)
                    .toString());
        }
        events.add(event("COMPLETE", TEMPLATE_RUN, engine, job, source, target, TEMPLATE_TIME)
                .toString());
        return events;
    }

    private static ObjectNode event(
            String type, UUID runId, String engine, int job, String source, String target, Instant time) {
        String[] columns = {
            "id:bigint", "customer_id:bigint", "order_date:date", "status:string", "amount:decimal(12,2)",
            "currency:string", "country:string", "channel:string", "discount:decimal(5,2)", "tax:decimal(12,2)",
            "created_at:timestamp", "updated_at:timestamp"
        };
        ObjectNode input = engine.equals("spark") ? sparkTable(source, columns) : hiveTable(source, columns);
        ObjectNode output = hiveTable(target, columns);
        String inputNamespace = input.path("namespace").asText();
        String inputName = input.path("name").asText();
        for (String column : columns) {
            String name = column.substring(0, column.indexOf(':'));
            columnLineage(output, name, inputNamespace, inputName, name, "IDENTITY", false);
        }
        if (type.equals("COMPLETE")) {
            statistics(output, 1_000 + job, 64_000L + job);
        }
        ObjectNode event = writes(reads(run(type, runId, engine, "bench.job_" + job, time, engine), input), output);
        return sql(
                event,
                "INSERT INTO " + target + " SELECT "
                        + String.join(
                                ", ",
                                Arrays.stream(columns)
                                        .map(column -> column.substring(0, column.indexOf(':')))
                                        .toList())
                        + " FROM " + source + " WHERE order_date >= current_date - INTERVAL '1' DAY");
    }

    private static void lineageQueries(URI base) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CloseableHttpClient sender = transportClient();
        Random random = new Random(42);
        long loadStart = System.nanoTime();
        List<Thread> loaders = new ArrayList<>();
        for (int part = 0; part < SENDERS; part++) {
            int first = part;
            Thread loader = new Thread(() -> {
                for (int domain = first; domain < DOMAINS; domain += SENDERS) {
                    for (int job = 0; job < JOBS_PER_DOMAIN; job++) {
                        if (post(sender, base, graphEvent(domain, job, new Random(domain * 1000L + job))) != 201) {
                            throw new IllegalStateException("The hub refused a graph event");
                        }
                    }
                }
            });
            loader.start();
            loaders.add(loader);
        }
        for (Thread loader : loaders) {
            loader.join();
        }
        System.out.printf(
                Locale.ROOT,
                "graph: %d datasets, %d jobs loaded in %.1f s%n",
                DOMAINS * DATASETS_PER_DOMAIN,
                DOMAINS * JOBS_PER_DOMAIN,
                (System.nanoTime() - loadStart) / 1e9);
        long[] nanos = new long[LINEAGE_QUERIES];
        long nodes = 0;
        for (int warm = 0; warm < 500; warm++) {
            lineage(http, base, random);
        }
        for (int i = 0; i < LINEAGE_QUERIES; i++) {
            long start = System.nanoTime();
            String body = lineage(http, base, random);
            nanos[i] = System.nanoTime() - start;
            nodes += body.split("\"type\":\"(DATASET|JOB)\"", -1).length - 1;
        }
        Arrays.sort(nanos);
        System.out.printf(
                Locale.ROOT,
                "lineage depth 5: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d requests (mean %d nodes per answer)%n",
                nanos[LINEAGE_QUERIES / 2] / 1e6,
                nanos[(int) (LINEAGE_QUERIES * 0.99)] / 1e6,
                nanos[LINEAGE_QUERIES - 1] / 1e6,
                LINEAGE_QUERIES,
                nodes / LINEAGE_QUERIES);
    }

    private static String lineage(HttpClient http, URI base, Random random) throws IOException, InterruptedException {
        String dataset = "dataset:" + Events.METASTORE + ":"
                + datasetName(random.nextInt(DOMAINS), random.nextInt(DATASETS_PER_DOMAIN));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(
                                base.resolve("api/v1/lineage?depth=5&nodeId=" + URLEncoder.encode(dataset, UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /**
     * A domain's pipeline: datasets in layers, each job reading two datasets of lower layers and writing one of a
     * higher layer; one job of each domain also reads another domain's dataset, as shared dimensions are.
     */
    private static String graphEvent(int domain, int job, Random random) {
        // Every one of a domain's datasets is written (4 to 19) or read first (0 to 3) by one of its jobs.
        int output = 4 + job % (DATASETS_PER_DOMAIN - 4);
        List<ObjectNode> inputs = new ArrayList<>();
        inputs.add(hiveTable(datasetName(domain, job % 4), "id:bigint", "value:string"));
        inputs.add(hiveTable(datasetName(domain, random.nextInt(output)), "id:bigint", "value:string"));
        if (job == 0) {
            inputs.add(hiveTable(datasetName(random.nextInt(DOMAINS), random.nextInt(4)), "id:bigint", "value:string"));
        }
        ObjectNode out = hiveTable(datasetName(domain, output), "id:bigint", "value:string");
        columnLineage(out, "value", Events.METASTORE, inputs.get(1).path("name").asText(), "value", "IDENTITY", false);
        ObjectNode event = run(
                "COMPLETE",
                UUID.randomUUID(),
                job % 3 == 0 ? "trino" : "spark",
                "domain_" + domain + ".job_" + job,
                Instant.now(),
                job % 3 == 0 ? "trino" : "spark");
        return writes(reads(event, inputs.toArray(ObjectNode[]::new)), out).toString();
    }

    private static String datasetName(int domain, int dataset) {
        return "domain_" + domain + ".table_" + dataset;
    }

    /** Apache HttpClient 5, pooled, as OpenLineage's HTTP transport sends: one event per POST. */
    private static CloseableHttpClient transportClient() {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(SENDERS * 2)
                .setMaxConnPerRoute(SENDERS * 2)
                .build();
        return HttpClients.custom().setConnectionManager(connections).build();
    }

    private static int post(CloseableHttpClient http, URI base, String event) {
        HttpPost post = new HttpPost(base.resolve("api/v1/lineage"));
        post.setEntity(new StringEntity(event, ContentType.APPLICATION_JSON));
        try {
            return http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
